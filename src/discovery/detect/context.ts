/**
 * Context words (near a candidate in text) and column-name hints, in English, German, Portuguese,
 * Spanish/French where cheap, Chinese (simplified and traditional), Malay and Singapore English.
 * Words are matched case-insensitively at a word start (so `phone` also covers `phones`, `telephone`
 * is listed separately), CJK words as substrings.
 */
const CONTEXT: Readonly<Record<string, readonly string[]>> = {
  EMAIL_ADDRESS: ['email', 'e-mail', 'mail', 'correo', 'courriel', 'emel', '邮箱', '郵箱', '电子邮件', '電子郵件', '邮件', 'メール'],
  PHONE_NUMBER: ['phone', 'telephone', 'tel', 'mobile', 'cell', 'call', 'fax', 'whatsapp', 'contact', 'hp', 'handphone', 'my number is', 'number is', 'reach me', 'text me', 'sms', 'dial', 'ring', 'hotline', 'landline', 'telefon', 'handy', 'rufnummer', 'mobil', 'anrufen', 'erreichbar', 'festnetz', 'telefone', 'celular', 'fone', 'contato', 'ligue', 'ligar', 'zap', 'teléfono', 'téléphone', 'portable', 'nombor telefon', '电话', '電話', '手机', '手機', '联系方式', '聯絡', '联系', '座机', '号码', '拨打', '致电', '微信', '電話番号', '携帯', 'ケータイ'],
  CREDIT_CARD: ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'maestro', 'unionpay', 'cc', 'pan', 'karte', 'kreditkarte', 'cartão', 'cartao', 'crédito', 'credito', 'tarjeta', 'carte', '信用卡', '银行卡', '卡号', '卡號', '银联', 'payment'],
  IBAN_CODE: ['iban', 'bank', 'account', 'konto', 'bankverbindung', 'überweisung', 'conta', 'banco', 'transfer', 'sepa', '账户', '账号'],
  US_SSN: ['ssn', 'social security', 'social', 'soc sec', 'soc. sec', 'security number', 'ss#', 'ss #'],
  US_ITIN: ['itin', 'taxpayer', 'tax id', 'tin', 'individual taxpayer'],
  US_PASSPORT: ['passport', 'travel document'],
  US_DRIVER_LICENSE: ['driver', 'driving', 'licence', 'license', 'dl', 'dln', 'permit', 'lic'],
  US_BANK_NUMBER: ['bank account', 'account number', 'acct', 'account no', 'checking', 'savings', 'deposit', 'account #', 'a/c'],
  ABA_ROUTING_NUMBER: ['aba', 'routing', 'rtn', 'transit', 'bank routing'],
  UK_NHS: ['nhs', 'national health', 'health service', 'patient', 'nhs number'],
  UK_NINO: ['nino', 'national insurance', 'ni number', 'insurance number', 'ni no'],
  CN_RESIDENT_ID: ['身份证', '身份證', '公民身份', '证件号', '证件', '居民身份', 'id card', 'resident id', 'identity', 'citizen id', 'shenfenzheng', 'id number', 'id no'],
  CN_BANK_CARD: ['银行卡', '银行', '卡号', '开户', '储蓄卡', '借记卡', '银联', 'bank card', 'unionpay', '銀行'],
  HK_ID: ['hkid', 'hong kong id', 'identity card', '身份證', '香港身份', 'id card'],
  TW_ID: ['身分證', '身份證', '統一編號', 'national id', 'taiwan id', '国民身份'],
  SG_NRIC_FIN: ['nric', 'fin', 'ic', 'identity card', 'kad pengenalan', 'ic no', 'ic number', 'i/c', 'singpass', 'work pass'],
  BR_CPF: ['cpf', 'cadastro de pessoas', 'contribuinte', 'pessoa física', 'pessoa fisica'],
  BR_CNPJ: ['cnpj', 'pessoa jurídica', 'pessoa juridica', 'empresa', 'razão social'],
  CA_SIN: ['sin', 's.i.n', 'social ins', 'social-ins', 'social_ins', 'nas', 'assurance sociale', 'numéro d\'assurance', 'numéro d’assurance', 'numero d\'assurance'],
  JP_MY_NUMBER: ['my number', 'mynumber', 'individual number', 'マイナンバー', '個人番号'],
  IN_AADHAAR: ['aadhaar', 'aadhar', 'uidai', 'uid', 'आधार'],
  IN_PAN: ['pan', 'permanent account', 'income tax', 'pan card'],
  DE_TAX_ID: ['steuer', 'steuer-id', 'steuerid', 'steuer-identifikationsnummer', 'identifikationsnummer', 'idnr', 'steuernummer', 'tin', 'tax id', 'tax identification'],
  EU_VAT: ['vat', 'ust', 'ust-idnr', 'umsatzsteuer', 'tva', 'iva', 'btw', 'mwst', 'moms', 'nif', 'tax', 'nipc'],
  PASSPORT: ['passport', 'reisepass', 'pass-nr', 'passnummer', 'passaporte', 'pasaporte', 'passeport', 'pasport', '护照', '護照', '旅券', 'travel document'],
  IP_ADDRESS: ['ip', 'ipv4', 'ipv6', 'address', 'host', 'client', 'remote', 'server'],
  MAC_ADDRESS: ['mac', 'hardware address', 'physical address', 'ethernet', 'ether', 'wifi', 'wi-fi', 'wlan', 'bssid', 'hwaddr', 'hw addr', 'lladdr', 'device', 'adresse mac', 'endereço mac', 'dirección mac', 'mac-adresse', 'mac地址', 'mac アドレス', 'macアドレス'],
  URL: ['url', 'website', 'link', 'homepage', 'site', 'web', 'href', '网址', '網址'],
  CRYPTO: ['wallet', 'btc', 'bitcoin', 'crypto', 'eth', 'ethereum', 'address', 'usdt', 'carteira', '钱包', '比特币'],
  COORDINATES: ['lat', 'latitude', 'lon', 'lng', 'longitude', 'coordinates', 'gps', 'location', 'position', 'geo', 'koordinaten', 'coordenadas', '坐标', '经纬度', '座標'],
  DATE_OF_BIRTH: ['birth', 'born', 'dob', 'd.o.b', 'birthday', 'birthdate', 'date of birth', 'age', 'geboren', 'geburtsdatum', 'geburtstag', 'geb.', 'nascimento', 'nascido', 'nascida', 'data de nascimento', 'nacimiento', 'naissance', 'né', 'née', 'lahir', 'tarikh lahir', '出生', '生日', '出生日期', '誕生日', '生年月日'],
  PERSON: ['name', 'named', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'dear', 'hi', 'hello', 'sincerely', 'regards', 'customer', 'patient', 'employee', 'contact', 'signed', 'herr', 'frau', 'sehr geehrte', 'liebe', 'lieber', 'kunde', 'sr', 'sra', 'srta', 'senhor', 'senhora', 'dona', 'nome', 'cliente', 'prezado', 'prezada', 'olá', 'nombre', 'señor', 'señora', 'monsieur', 'madame', 'nama', 'encik', 'puan', '姓名', '名字', '先生', '女士', '客户', '联系人', '收件人', '患者', '员工', '我叫', '用户'],
  STREET_ADDRESS: ['address', 'addr', 'street', 'residence', 'lives', 'living', 'ship to', 'shipping', 'billing', 'mailing', 'deliver', 'anschrift', 'adresse', 'wohnhaft', 'wohnt', 'straße', 'endereço', 'endereco', 'morada', 'rua', 'mora', 'dirección', 'alamat', 'blk', '地址', '住址', '收货', '住所', '居住'],
  POSTAL_CODE: ['zip', 'zipcode', 'zip code', 'postal', 'postcode', 'post code', 'plz', 'postleitzahl', 'cep', 'código postal', 'codigo postal', 'code postal', 'poskod', '邮编', '郵編', '邮政编码', '郵便番号', 'address', 'singapore'],
  LOCATION: ['city', 'town', 'country', 'region', 'state', 'province', 'lives in', 'located', 'from', 'born in', 'moved to',
    'in', 'to', 'at', 'near', 'visit', 'trip', 'travel', 'flight', 'lives', 'live', 'living', 'based', 'moved', 'office', 'hometown',
    'address', 'aus', 'nach', 'wohnt', 'em', 'no', 'na', 'para', 'mora', 'en', 'à', 'de', 'do', 'da', 'stadt', 'land', 'wohnort', 'cidade', 'estado', 'país', 'pais', 'ciudad', 'ville', 'bandar', 'negeri', '城市', '省', '国家', '所在地', '籍贯'],
  GENDER: ['gender', 'sex', 'geschlecht', 'gênero', 'genero', 'sexo', 'sexe', 'jantina', '性别', '性別'],
  NATIONALITY: ['nationality', 'citizenship', 'citizen', 'staatsangehörigkeit', 'nationalität', 'nacionalidade', 'nacionalidad', 'nationalité', 'kewarganegaraan', '国籍', '國籍'],
  RELIGION: ['religion', 'religious', 'faith', 'belief', 'konfession', 'religion', 'religião', 'religiao', 'religión', 'agama', '宗教', '信仰'],
  ETHNICITY: ['ethnicity', 'ethnic', 'race', 'racial', 'ethnie', 'herkunft', 'etnia', 'raça', 'raza', 'bangsa', 'kaum', '民族', '种族', '種族'],
  POLITICAL_OPINION: ['political', 'party', 'politics', 'votes', 'partei', 'partido', 'político', '政治', '党派'],
  HEALTH: ['diagnosis', 'diagnosed', 'condition', 'medical', 'health', 'patient', 'medication', 'prescribed', 'treatment', 'suffers', 'disease', 'illness', 'allergy', 'allergic', 'symptom', 'diagnose', 'krankheit', 'erkrankung', 'gesundheit', 'diagnóstico', 'diagnostico', 'doença', 'saúde', 'saude', 'tratamento', 'penyakit', '诊断', '病', '疾病', '健康', '病历', '过敏', '用药'],
  SEXUAL_ORIENTATION: ['sexual orientation', 'orientation', 'sexuality', 'identifies as', 'sexuelle orientierung', 'orientação sexual', 'orientacao sexual', '性取向'],
  BIOMETRIC: ['biometric', 'fingerprint', 'face', 'facial', 'iris', 'retina', 'voiceprint', 'palm', 'template', 'fingerabdruck', 'biometrisch', 'impressão digital', 'biométrico', '指纹', '人脸', '虹膜', '生物识别', '声纹'],
  GENETIC: ['genetic', 'dna', 'genome', 'genotype', 'gene', 'snp', 'allele', 'mutation', 'carrier', 'genetisch', 'genético', 'genetico', '基因', '遗传'],
  PASSWORD: ['password', 'passwd', 'pwd', 'pass', 'passphrase', 'kennwort', 'passwort', 'senha', 'contraseña', 'mot de passe', 'kata laluan', '密码', '密碼', 'secret', 'hash'],
  API_KEY: ['key', 'token', 'secret', 'api', 'apikey', 'api_key', 'access', 'auth', 'bearer', 'credential', 'sk', 'client_secret', '密钥'],
  PRIVATE_KEY: ['private', 'key', 'pem', 'rsa', 'ssh'],
  JWT: ['token', 'jwt', 'bearer', 'authorization', 'session', 'id_token', 'access_token'],
  LICENSE_PLATE: ['plate', 'license plate', 'licence plate', 'registration', 'vehicle', 'car', 'reg', 'kennzeichen', 'nummernschild', 'placa', 'matrícula', 'matricula', 'immatriculation', 'nombor pendaftaran', '车牌', '車牌', '牌照'],
};

function escapeRe(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isAsciiWord(word: string): boolean {
  return /^[\x20-\x7e]+$/.test(word);
}

interface Compiled { ascii: RegExp | null; other: RegExp | null }

/**
 * Two linear regexes per entity: ASCII words must start at a word boundary (a plain /i regex,
 * which V8 runs much faster than a Unicode one), other words (CJK, accented) anywhere; the second
 * is only tried when the window holds a non-ASCII character.
 */
function compileParts(words: readonly string[], wordStart = true): Compiled {
  const ascii = words.filter(isAsciiWord).map(escapeRe);
  const other = words.filter((w) => !isAsciiWord(w)).map(escapeRe);
  return {
    ascii: ascii.length ? new RegExp(`${wordStart ? '(?:^|[^A-Za-z0-9])' : ''}(?:${ascii.join('|')})`, 'i') : null,
    other: other.length ? new RegExp(`(?:${other.join('|')})`, 'iu') : null,
  };
}

function compile(words: readonly string[]): RegExp {
  const ascii = words.filter(isAsciiWord).map(escapeRe);
  const other = words.filter((w) => !isAsciiWord(w)).map(escapeRe);
  const parts: string[] = [];
  if (ascii.length) parts.push(`(?<![\\p{L}\\p{N}])(?:${ascii.join('|')})`);
  if (other.length) parts.push(`(?:${other.join('|')})`);
  return new RegExp(parts.join('|'), 'iu');
}

const COMPILED = new Map<string, Compiled>(Object.entries(CONTEXT).map(([type, words]) => [type, compileParts(words)]));

/** Compiled on first use: only the types whose look-ups are many and mostly empty ask (postal codes). */
const ANYWHERE = new Map<string, Compiled>();

/** Whether text holds a context word of the type anywhere (no word-start rule): false means no window of it can. */
export function mayHoldContext(type: string, text: string, asciiOnly: boolean): boolean {
  let c = ANYWHERE.get(type);
  if (c === undefined) {
    const words = CONTEXT[type];
    if (words === undefined) return false;
    // A type's words anywhere, at a word start or not: a window can only hold a word the whole text holds.
    c = compileParts(words, false);
    ANYWHERE.set(type, c);
  }
  if (c.ascii !== null && c.ascii.test(text)) return true;
  return c.other !== null && !asciiOnly && c.other.test(text);
}

/** Any UTF-16 code unit above 127. */
const NON_ASCII = /[\u0080-\uffff]/;

/** Whether text has a non-ASCII code unit: one native regex scan (a JavaScript loop measured 10-30 % slower on log and commit lines, where the whole text is asked). */
export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text);
}

/** Characters of text searched for context before and after a candidate. */
export const CONTEXT_BEFORE = 48;
export const CONTEXT_AFTER = 24;

export function contextWords(type: string): readonly string[] {
  return CONTEXT[type] ?? [];
}

/** The context words of several types, compiled together (see contextUnion). */
export type ContextUnion = Compiled;

/**
 * One regex pair over the words of several types, compiled once by the caller: "is a word of any of
 * them near?" is then one test instead of one per type (the phone check asks about 18 types).
 */
export function contextUnion(types: readonly string[]): ContextUnion {
  return compileParts(types.flatMap((t) => CONTEXT[t] ?? []));
}

/** Whether a context word of any of the union's types is in the window before [start, end) or the one after it. */
export function anyContextNear(text: string, union: ContextUnion, start: number, end: number, asciiOnly: boolean): boolean {
  return hasAnyContext(union, text.slice(Math.max(0, start - CONTEXT_BEFORE), start), asciiOnly) || hasAnyContext(union, text.slice(end, end + CONTEXT_AFTER), asciiOnly);
}

/** Whether a context word of any of the union's types occurs in `text`. */
export function hasAnyContext(union: ContextUnion, text: string, asciiOnly = false): boolean {
  if (text.length === 0) return false;
  if (union.ascii !== null && union.ascii.test(text)) return true;
  return union.other !== null && !asciiOnly && hasNonAscii(text) && union.other.test(text);
}

/** Whether any of the entity's context words occurs in `text` (a window or a column name); `asciiOnly`: the caller knows text has no non-ASCII character. */
export function hasContext(type: string, text: string, asciiOnly = false): boolean {
  const c = COMPILED.get(type);
  if (c === undefined || text.length === 0) return false;
  if (c.ascii !== null && c.ascii.test(text)) return true;
  return c.other !== null && !asciiOnly && hasNonAscii(text) && c.other.test(text);
}

/**
 * Whether a context word of `type` is in the window before [start, end) or the one after it. A
 * regex per type and window (V8 compiles each to native code) measured several times cheaper than
 * indexing every context word of the text once: most texts ask about one or two candidates.
 */
export function contextNear(text: string, type: string, start: number, end: number, asciiOnly: boolean): boolean {
  return hasContext(type, text.slice(Math.max(0, start - CONTEXT_BEFORE), start), asciiOnly) || hasContext(type, text.slice(end, end + CONTEXT_AFTER), asciiOnly);
}

/** Adds context words for a user-defined detector. */
export function compileContext(words: readonly string[]): RegExp | null {
  return words.length ? compile(words) : null;
}
