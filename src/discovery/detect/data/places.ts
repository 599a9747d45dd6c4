/**
 * The gazetteer: countries, regions and large cities in the languages of our locales (lower-case),
 * read by the place checks (labels.ts) through the word table (lexicon.ts).
 */

/** Single words of the gazetteer (multi-word places are split into their words). */
export function gazetteer(): string[] {
  return `afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus belgium bolivia
brazil brasil bulgaria cambodia cameroon canada chile china colombia croatia cuba cyprus czechia denmark ecuador egypt estonia
ethiopia finland france georgia germany deutschland ghana greece guatemala hungary iceland india indonesia iran iraq ireland
israel italy japan jordan kazakhstan kenya korea kuwait laos latvia lebanon libya lithuania luxembourg malaysia malta mexico
moldova mongolia morocco myanmar nepal netherlands holland zealand nigeria norway oman pakistan panama paraguay peru philippines
poland portugal qatar romania russia rwanda saudi senegal serbia singapore slovakia slovenia somalia spain españa espanha
sweden switzerland schweiz syria taiwan tanzania thailand tunisia turkey türkiye uganda ukraine emirates kingdom uk usa
united uruguay uzbekistan venezuela vietnam yemen zambia zimbabwe österreich frankreich spanien italien niederlande
alemanha frança itália japão inglaterra estados chinesa
london manchester birmingham liverpool leeds glasgow edinburgh bristol cardiff belfast dublin paris lyon marseille
berlin hamburg münchen munich köln cologne frankfurt stuttgart düsseldorf dortmund essen leipzig bremen dresden hannover
nürnberg nuremberg wien vienna zürich zurich genf geneva bern basel amsterdam rotterdam brussels bruxelles antwerp
madrid barcelona valencia sevilla lisboa lisbon porto rome roma milan milano naples napoli turin torino florence venice
athens stockholm oslo copenhagen helsinki warsaw kraków krakow prague budapest bucharest sofia istanbul ankara moscow kyiv kiev
new york los angeles chicago houston phoenix philadelphia san antonio diego dallas austin jacksonville columbus
charlotte indianapolis seattle denver boston detroit nashville portland las vegas memphis louisville baltimore milwaukee
albuquerque tucson fresno sacramento atlanta miami oakland minneapolis cleveland tampa orlando pittsburgh cincinnati
toronto montreal vancouver calgary ottawa edmonton winnipeg quebec mexico guadalajara monterrey bogotá bogota lima
santiago caracas quito montevideo asunción
são paulo rio janeiro brasília brasilia salvador fortaleza belo horizonte manaus curitiba recife goiânia goiania belém belem
porto alegre guarulhos campinas natal florianópolis florianopolis vitória maceió maceio teresina joão pessoa
beijing peking shanghai guangzhou shenzhen chengdu chongqing tianjin wuhan hangzhou nanjing xian suzhou harbin
hong kong macau taipei kaohsiung tokyo osaka kyoto yokohama nagoya sapporo seoul busan
singapore jurong tampines woodlands bedok yishun punggol sengkang hougang ang mo kio toa payoh bukit
kuala lumpur penang johor bangkok jakarta manila hanoi ho chi minh mumbai delhi bangalore bengaluru hyderabad chennai kolkata
pune ahmedabad karachi lahore dhaka colombo kathmandu dubai doha riyadh tehran baghdad cairo lagos nairobi johannesburg
cape town casablanca sydney melbourne brisbane perth adelaide auckland wellington
california texas florida ontario bavaria bayern hessen sachsen berlin-brandenburg
minas gerais bahia paraná parana pernambuco ceará ceara goiás goias amazonas
guangdong zhejiang jiangsu shandong sichuan hubei hunan fujian yunnan`.split(/\s+/).filter(Boolean);
}

/**
 * Gazetteer words that are also common words or given names ("new", "san", "essen", "jordan"): not
 * places alone. The person-name stopword list is not used here: it lists place names on purpose (so
 * that "Paris" is not read as a name).
 */
export const NOT_PLACES_ALONE: ReadonlySet<string> = new Set('new san los las essen jordan phoenix columbus santiago georgia lima natal sofia florence austin charlotte salvador victoria india holland peking chinesa estados bahia mexico ang'.split(' '));

/** Places of two or more words (lower-case); their words alone are not places. */
export const MULTI_PLACES: readonly string[] = ['new york', 'los angeles', 'san antonio', 'san diego', 'san francisco', 'san jose', 'las vegas', 'são paulo', 'sao paulo',
  'rio de janeiro', 'belo horizonte', 'porto alegre', 'joão pessoa', 'hong kong', 'kuala lumpur', 'ho chi minh city', 'ho chi minh',
  'cape town', 'buenos aires', 'mexico city', 'new delhi', 'ang mo kio', 'toa payoh', 'bukit timah', 'bukit batok', 'frankfurt am main',
  'new zealand', 'united kingdom', 'united states', 'united arab emirates', 'south africa', 'south korea', 'saudi arabia', 'sri lanka',
  'costa rica', 'el salvador', 'puerto rico', 'minas gerais', 'rio grande do sul', 'santa catarina', 'espírito santo', 'tel aviv',
  'abu dhabi', 'st. petersburg', 'saint petersburg', 'estados unidos', 'reino unido', 'nova york', 'new jersey', 'new mexico',
  'north carolina', 'south carolina', 'west virginia', 'hong kong island', 'salt lake city', 'kansas city', 'washington dc'];

/** Words of the gazetteer that only name a place inside a longer name ("Janeiro", "York", "Paulo"). */
export const PART_ONLY_PLACES: readonly string[] = 'janeiro alegre horizonte pessoa angeles vegas diego antonio york town kong lumpur chi minh mo kio payoh aires paulo bukit zealand kingdom united estados emirates saudi gerais las los san são natal salvador vitória charlotte austin florence sofia'.split(' ');
