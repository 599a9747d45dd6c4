/**
 * Label-driven detection: categories whose values are ordinary words ("female", "Catholic",
 * "diabetes", a password) are only personal data when a label or phrase says so ("gender:",
 * "religion", "diagnosed with", "password="). One linear regex finds the labels; the value after
 * each is checked against the category's vocabulary (or shape, for secrets and plates).
 */
import { emit } from './candidate.js';
import type { ScanState } from './candidate.js';
import { isKnownName, isStopword } from './person.js';
import { MULTI_FIRST, PART_ONLY, PLACE, lexicon } from './lexicon.js';
import { MULTI_PLACES, gazetteer } from './data/places.js';

interface LabelKind { type: string; vocab?: RegExp; value?: RegExp; score: number }

const V = (words: string): RegExp => new RegExp(`^(?:${words})(?![\\p{L}])`, 'iu');

const GENDER = V('male|female|man|woman|men|women|non-binary|nonbinary|non binary|genderqueer|transgender|trans|intersex|agender|m|f|x|d|diverse|divers|männlich|weiblich|masculino|feminino|feminina|masculina|hombre|mujer|homme|femme|lelaki|perempuan|男性|女性|男|女|其他');
const NATIONALITY = V('american|british|english|scottish|welsh|irish|german|french|spanish|portuguese|italian|dutch|belgian|swiss|austrian|polish|swedish|norwegian|danish|finnish|greek|turkish|russian|ukrainian|chinese|japanese|korean|indian|pakistani|bangladeshi|singaporean|malaysian|indonesian|thai|vietnamese|filipino|australian|canadian|mexican|brazilian|argentine|argentinian|chilean|colombian|peruvian|nigerian|egyptian|south african|kenyan|moroccan|israeli|iranian|iraqi|saudi|emirati|deutsch|deutsche|brasileiro|brasileira|português|portuguesa|chinês|chinesa|alemão|alemã|us|usa|uk|u\\.s\\.|中国|中國|美国|英国|日本|德国|新加坡|马来西亚|中华人民共和国');
const RELIGION = V('christian|christianity|catholic|roman catholic|protestant|evangelical|orthodox|anglican|lutheran|baptist|methodist|mormon|muslim|islam|islamic|sunni|shia|jewish|judaism|buddhist|buddhism|hindu|hinduism|sikh|sikhism|jain|taoist|taoism|shinto|atheist|agnostic|none|no religion|katholisch|evangelisch|römisch-katholisch|muslimisch|jüdisch|católico|católica|catolico|evangélico|evangélica|espírita|espirita|umbandista|cristão|cristã|muçulmano|judeu|budista|ateu|ateia|佛教|基督教|天主教|伊斯兰教|道教|无宗教|无|islam|kristian|buddha|hindu');
const ETHNICITY = V('asian|black|white|caucasian|hispanic|latino|latina|latinx|african american|african|native american|pacific islander|middle eastern|arab|mixed|multiracial|indigenous|aboriginal|chinese|malay|indian|eurasian|han|hui|uyghur|uighur|tibetan|mongol|zhuang|manchu|pardo|parda|preto|preta|branco|branca|amarelo|amarela|indígena|汉族|回族|维吾尔族|藏族|蒙古族|壮族|满族|苗族|[\\u4e00-\\u9fff]{1,3}族');
const POLITICAL = V('democrat|democratic|republican|labour|labor|conservative|liberal|libertarian|green|socialist|communist|independent|spd|cdu|csu|fdp|afd|die linke|grüne|pt|psdb|psol|pl|mdb|共产党员|中共党员|群众|共青团员|民主党派');
const ORIENTATION = V('heterosexual|straight|homosexual|gay|lesbian|bisexual|bi|asexual|pansexual|queer|questioning|heterossexual|homossexual|bissexual|异性恋|同性恋|双性恋');
const HEALTH = V("diabetes|type [12] diabetes|asthma|hypertension|high blood pressure|cancer|breast cancer|lung cancer|leukemia|leukaemia|hiv|aids|hepatitis [abc]?|hepatitis|tuberculosis|epilepsy|depression|major depressive disorder|anxiety|anxiety disorder|bipolar disorder|schizophrenia|ptsd|adhd|autism|dementia|alzheimer'?s(?: disease)?|parkinson'?s(?: disease)?|multiple sclerosis|covid-19|covid|influenza|pneumonia|copd|arthritis|rheumatoid arthritis|osteoporosis|migraine|stroke|heart disease|heart failure|coronary artery disease|kidney disease|chronic kidney disease|obesity|anemia|anaemia|celiac disease|crohn'?s disease|psoriasis|eczema|allergy|peanut allergy|penicillin allergy|pregnant|pregnancy|insulin|metformin|lisinopril|atorvastatin|sertraline|chemotherapy|dialysis|blood type [abo]{1,2}[+-]?|diabetes mellitus|bluthochdruck|krebs|depressionen|asma|hipertensão|hipertensao|câncer|cancer|diabete|depressão|ansiedade|糖尿病|高血压|癌症|肺癌|乳腺癌|白血病|抑郁症|焦虑症|哮喘|乙肝|艾滋病|心脏病|肺结核|癫痫|过敏|怀孕");
const BIOMETRIC_VAL = /^[A-Za-z0-9+/=:_-]{16,}/;
const GENETIC = V('rs\\d{3,10}(?: ?[ACGT]{1,2}(?:/[ACGT])?)?|brca[12](?: (?:mutation|positive|carrier|variant))?|apoe ?[εe]?[234](?:/[εe]?[234])?|cftr(?: [a-z0-9]+)?|hla-[a-z]\\*?\\d+|[acgt]{2}|carrier|positive|negative|mthfr(?: [a-z0-9]+)?');
const PASSWORD_VAL = /^["'`]?([^\s"'`,;]{4,128})/;
const KEY_VAL = /^["'`]?([A-Za-z0-9_\-./+=]{16,512})/;
const PLATE_VAL = /^(?:[\u4e00-\u9fff][A-Z][A-Z0-9·]{5,6}|[A-Z]{1,3}[- ]?[A-Z]{0,2}[- ]?\d{1,4}[A-Z]{0,3}|\d[A-Z]{2,3}[- ]?\d{2,4}|[A-Z]{3}[- ]?\d[A-Z0-9]\d{2})(?![A-Za-z0-9])/;
const PLACE_VAL = /^([A-ZÀ-Ý][\p{L}'.-]{1,30}(?:[ -](?:de |do |da |am |an |of |upon )?[A-ZÀ-Ý][\p{L}'.-]{1,30}){0,3})/u;
const CJK_PLACE = /^([\u4e00-\u9fff]{2,10}?(?:省|市|区|县|自治区)|北京|上海|广州|深圳|天津|重庆|杭州|南京|成都|武汉|西安|苏州|香港|澳门|台北|新加坡|吉隆坡)/;
const NAME_VAL = /^([A-ZÀ-Ý][\p{L}'-]{1,30}(?: (?:(?:de|da|do|dos|das|del|di|du|la|le|van|von|der|den|ten|ter|zu) ){0,2}[A-ZÀ-Ý][\p{L}'-]{1,30}){0,3})/u;
/** Phrases that introduce one's own name: as strong as "name:". */
const NAME_PHRASES = new Set(['my name is', 'ich heiße', 'heiße', 'meu nome é', 'me chamo', 'chamo-me', 'me llamo', "je m'appelle"]);

const LABELS: ReadonlyArray<[string, LabelKind]> = [
  ['gender|sex|geschlecht|gênero|genero|sexo|sexe|jantina|性别|性別', { type: 'GENDER', vocab: GENDER, score: 0.85 }],
  ['nationality|citizenship|citizen of|staatsangehörigkeit|nationalität|nacionalidade|nacionalidad|nationalité|kewarganegaraan|国籍|國籍', { type: 'NATIONALITY', vocab: NATIONALITY, score: 0.85 }],
  ['religion|religious affiliation|religious|faith|denomination|konfession|religionszugehörigkeit|religião|religiao|religión|agama|宗教信仰|宗教|信仰|practising|practicing|devout', { type: 'RELIGION', vocab: RELIGION, score: 0.85 }],
  ['ethnicity|ethnic group|ethnic origin|ethnic|race|racial|ethnie|etnia|raça|cor/raça|raza|bangsa|kaum|民族|种族', { type: 'ETHNICITY', vocab: ETHNICITY, score: 0.85 }],
  ['political party|party affiliation|political affiliation|political opinion|political views|votes for|member of the|parteimitglied|partido|政治面貌', { type: 'POLITICAL_OPINION', vocab: POLITICAL, score: 0.8 }],
  ['sexual orientation|orientation|sexuality|identifies as|sexuelle orientierung|orientação sexual|orientacao sexual|性取向', { type: 'SEXUAL_ORIENTATION', vocab: ORIENTATION, score: 0.85 }],
  ['diagnosis|diagnosed with|diagnosed|suffers from|suffering from|treated for|treatment for|history of|medical condition|condition|prescribed|medication|allergic to|allergy|tested positive for|patient with|diagnose|erkrankt an|leidet an|diagnóstico|diagnostico|diagnosticado com|diagnosticada com|sofre de|tratamento de|诊断|患有|确诊|病史|诊断为|过敏', { type: 'HEALTH', vocab: HEALTH, score: 0.85 }],
  ['fingerprint template|fingerprint hash|fingerprint|face template|face embedding|facial template|iris scan|iris template|voiceprint|biometric template|biometric data|biometric|指纹|人脸特征|虹膜', { type: 'BIOMETRIC', value: BIOMETRIC_VAL, score: 0.8 }],
  ['genotype|genetic test|genetic marker|genetic|dna test|dna|snp|gene variant|mutation|基因检测|基因', { type: 'GENETIC', vocab: GENETIC, score: 0.8 }],
  ['password|passwd|pwd|passphrase|passwort|kennwort|senha|contraseña|mot de passe|kata laluan|密码|密碼', { type: 'PASSWORD', value: PASSWORD_VAL, score: 0.85 }],
  ['api key|api_key|apikey|api-key|secret key|secret_key|client secret|client_secret|access key|access_key|access token|access_token|auth token|auth_token|refresh_token|secret|token|private_token|x-api-key|bearer', { type: 'API_KEY', value: KEY_VAL, score: 0.75 }],
  ['license plate|licence plate|number plate|plate number|plate no|plate|vehicle registration|registration number|kennzeichen|nummernschild|placa|matrícula|matricula|immatriculation|nombor pendaftaran|车牌号|车牌|車牌', { type: 'LICENSE_PLATE', value: PLATE_VAL, score: 0.85 }],
  ['city|town|country|lives in|living in|resides in|based in|born in|moved to|located in|hometown|province|wohnt in|wohnhaft in|stadt|wohnort|mora em|reside em|nasceu em|cidade|país|estado|vive en|ciudad|habite à|ville|pays|城市|所在地|籍贯|国家|住在|来自|位于|出生于|家乡|居住在', { type: 'LOCATION', value: PLACE_VAL, score: 0.6 }],
  ['name|full name|customer name|contact name|my name is|vorname|nachname|ich bin|ich heiße|heiße|nome|chamo-me|me chamo|meu nome é|nombre|me llamo|je m\'appelle|nama', { type: 'PERSON', value: NAME_VAL, score: 0.5 }],
];

const KIND_BY_WORD = new Map<string, LabelKind>();
for (const [words, kind] of LABELS) for (const w of words.split('|')) if (!KIND_BY_WORD.has(w)) KIND_BY_WORD.set(w, kind);
const ALL_WORDS = [...KIND_BY_WORD.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
/** Anchored at a word start the main scan found; the bitmap below decides where to try it. */
const isCjkWord = (w: string): boolean => w.charCodeAt(0) >= 0x3000;
/** Chinese labels run straight into their value (住在上海市, 性别男): no word boundary after them. */
const LABEL_AT = new RegExp(`(?:${ALL_WORDS.filter((w) => !isCjkWord(w)).join('|')})(?![\\p{L}])|(?:${ALL_WORDS.filter(isCjkWord).join('|')})`, 'iuy');
const SEP = /^(?:\s{0,3}(?:[:=：]|is|was|are|ist|é|es|est|:=|=>|->|-)?\s{0,3}["'`]?)/u;
const STRONG_SEP = /^\s{0,3}[:=：]/;

/** First three characters (lower-cased; 127 for any non-ASCII) of every Latin label, packed in a number. */
const PREFIX = new Uint8Array(1 << 21);
/** First characters of CJK labels (one byte per UTF-16 code unit). */
const CJK_FIRST = new Uint8Array(65536);
for (const w of KIND_BY_WORD.keys()) {
  const a = w.charCodeAt(0);
  if (a >= 128) {
    CJK_FIRST[a] = 1;
    continue;
  }
  PREFIX[pack(a, w.charCodeAt(1), w.length > 2 ? w.charCodeAt(2) : 32)] = 1;
}

function fold(c: number): number {
  return c < 128 ? c | 32 : 127;
}

function pack(a: number, b: number, c: number): number {
  return (fold(a) << 14) | (fold(b) << 7) | fold(Number.isNaN(c) ? 32 : c);
}

function prefixHit(a: number, b: number, c: number): boolean {
  return a < 128 && PREFIX[pack(a, b, c)] === 1;
}

/**
 * The code a character of a word's leading letter run hashes as, or -1 where the run ends. Case is
 * folded the way LABEL_AT's /iu folds it onto a label's letters: ASCII letters by case, the Kelvin
 * sign and long s onto k and s; every other Latin letter (and ẞ, which folds onto ß) hashes as 127,
 * so a text run and a label run that the regex could match always hash alike.
 */
export function runCode(c: number): number {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? c | 32 : -1;
  if (c === 0x212a) return 107;
  if (c === 0x17f) return 115;
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || c === 0x1e9e ? 127 : -1;
}

/** Hash step over run codes; the lower-case fast path of the main scan computes the same over a-z. */
export function runHashStep(h: number, code: number): number {
  return (Math.imul(h, 31) + code) | 0;
}

function runSlot(h: number): number {
  return (h ^ (h >>> 15)) & 0xffff;
}

/**
 * Hashes of the leading letter run of every Latin label ("my" of "my name is", "api" of "api_key"):
 * a word whose own leading run hashes elsewhere cannot start a label (the label's run is followed
 * by a non-letter in the label, or by no letter in the text), so most words that share a label's
 * first three letters ("request", "product", "more") skip the label regex.
 */
const RUN_SEEN = new Uint8Array(1 << 16);
for (const w of KIND_BY_WORD.keys()) {
  if (w.charCodeAt(0) >= 128) continue;
  let h = 0;
  for (let k = 0; k < w.length; k++) {
    const code = runCode(w.charCodeAt(k));
    if (code < 0) break;
    h = runHashStep(h, code);
  }
  RUN_SEEN[runSlot(h)] = 1;
}

/**
 * A stretch of ordinary lower-case ASCII words, which the main scan jumps over with one call: words
 * of 1-15 letters that are no label's leading run (so no label starts there), each followed by
 * spaces or punctuation that opens nothing (`,;!?"')]}/`, line breaks), by a full stop and white
 * space, or by the end of the text. For such a word the scan would look for a label and stop; a
 * sentence's last word before ". " can open no URL (`www.` is excluded), Cisco MAC or key. Longer
 * words (looked at for keys) and words before other characters are left to the scan.
 */
export const ORDINARY_WORDS = ((): RegExp => {
  const excluded = new Set<string>(['www']);
  for (const w of KIND_BY_WORD.keys()) {
    const run = /^[a-z]+/.exec(w)?.[0];
    // A label whose leading letters are not ASCII cannot be an ASCII word: nothing to exclude.
    if (run !== undefined && (run.length === w.length || !/[a-z\u00c0-\u024f]/.test(w[run.length]!))) excluded.add(run);
  }
  const alternation = [...excluded].sort((a, b) => b.length - a.length).join('|');
  const after = '[ ,;!?"\')\\]}/\\t\\n\\r]+|\\.(?:[ \\t\\n\\r]+|$)|$';
  return new RegExp(`(?:(?!(?:${alternation})(?![a-z]))[a-z]{1,15}(?:${after}))+`, 'y');
})();

/**
 * Called by the main scan at the start of every word, with the hash of the word's leading letter run
 * (runHashStep over runCode): cheap unless that run and the first three characters match a label's.
 */
export function labelAtHashedWord(state: ScanState, pos: number, runHash: number): void {
  if (RUN_SEEN[runSlot(runHash)] === 0) return;
  const { text } = state;
  if (!prefixHit(text.charCodeAt(pos), text.charCodeAt(pos + 1), text.charCodeAt(pos + 2))) return;
  labelAt(state, pos);
}

/** Called by the main scan for each character of a CJK run. */
export function labelAtCjk(state: ScanState, pos: number): void {
  if (CJK_FIRST[state.text.charCodeAt(pos)] === 1) labelAt(state, pos);
}

function labelAt(state: ScanState, pos: number): void {
  const { text } = state;
  LABEL_AT.lastIndex = pos;
  const m = LABEL_AT.exec(text);
  if (!m) return;
  const kind = KIND_BY_WORD.get(m[0].toLowerCase());
  if (!kind) return;
  const after = pos + m[0].length;
  const rest = text.slice(after, Math.min(after + 120, state.limit));
  const sep = SEP.exec(rest);
  const off = sep ? sep[0].length : 0;
  labelValue(state, kind, after + off, rest.slice(off), STRONG_SEP.test(rest) || (kind.type === 'PERSON' && NAME_PHRASES.has(m[0].toLowerCase())));
}

function labelValue(state: ScanState, kind: LabelKind, pos: number, rest: string, strong: boolean): void {
  if (kind.vocab) {
    // Free-text phrases ("diagnosed with X") may have an article or adjective first.
    const skip = /^(?:(?:a|an|the|of|with|for|um|uma|de|do|da|ein|eine|mit|chronic|severe|mild|acute)\s){0,2}/i.exec(rest);
    const off = skip ? skip[0].length : 0;
    const v = kind.vocab.exec(rest.slice(off));
    if (!v) return;
    const single = v[0].length <= 1;
    if (single && !strong) return;
    emit(state, pos + off, pos + off + v[0].length, kind.type, kind.score);
    return;
  }
  if (!kind.value) return;
  const v = kind.value.exec(rest) ?? (kind.type === 'LOCATION' ? CJK_PLACE.exec(rest) : null);
  if (!v) return;
  const value = v[1] ?? v[0];
  const start = pos + v[0].indexOf(value);
  if (kind.type === 'PASSWORD' || kind.type === 'API_KEY') return secretValue(state, kind, start, value, strong);
  if (kind.type === 'LOCATION') return placeValue(state, start, value, strong);
  if (kind.type === 'PERSON') return nameValue(state, start, value, strong);
  emit(state, start, start + value.length, kind.type, kind.score);
}

function secretValue(state: ScanState, kind: LabelKind, start: number, value: string, strong: boolean): void {
  if (!strong) return;
  if (/^(?:null|none|true|false|undefined|\*+|x+|redacted|\[redacted\]|changeme|required|optional|string|hidden)$/i.test(value)) return;
  if (kind.type === 'API_KEY') {
    const classes = (/[a-z]/.test(value) ? 1 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + (/\d/.test(value) ? 1 : 0);
    if (classes < 2) return;
  }
  emit(state, start, start + value.length, kind.type, kind.score);
}

function placeValue(state: ScanState, start: number, value: string, strong: boolean): void {
  value = value.replace(/[.'-]+$/, '');
  const words = value.split(/[ -]/);
  const known = isPlace(value) || isPlace(words[0]!);
  const cjk = CJK_PLACE.exec(value);
  if (cjk) return emit(state, start, start + cjk[1]!.length, 'LOCATION', 0.6);
  if (!known && !strong) return;
  if (!known && isKnownName(words[0]!) && !strong) return;
  if (isStopword(words[0]!) && !known) return;
  emit(state, start, start + value.length, 'LOCATION', known ? (strong ? 0.85 : 0.65) : 0.6);
}

function nameValue(state: ScanState, start: number, value: string, strong: boolean): void {
  const words = value.split(' ').filter((w) => !/^(?:de|da|do|dos|das|del|di|du|la|le|van|von|der|den|ten|ter|zu)$/.test(w));
  if (words.some((w) => isStopword(w))) return;
  const known = words.filter((w) => isKnownName(w)).length;
  if (!strong && known < Math.min(2, words.length)) return;
  emit(state, start, start + value.length, 'PERSON', strong ? (known > 0 ? 0.85 : 0.7) : 0.75);
}

const MULTI_BY_FIRST = new Map<string, string[]>();
for (const p of MULTI_PLACES) {
  const head = p.slice(0, p.indexOf(' '));
  MULTI_BY_FIRST.set(head, [...(MULTI_BY_FIRST.get(head) ?? []), p].sort((a, b) => b.length - a.length));
}

function isLetterAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}

/** A gazetteer place on its own ("Berlin"; not "Essen" or "York"). */
function isPlace(word: string): boolean {
  return (lexicon().ofLower(word.toLowerCase()) & PLACE) !== 0;
}

/**
 * A city, region or country from the gazetteer at the capitalised word [start, end), whose word-table
 * bits (lexicon.ts) the caller looked up: returns the end of the place (multi-word names first) or 0.
 * A single word followed by another capitalised word ("Paris Hilton", "Berlin Chair") is not taken:
 * it is part of a longer name.
 */
export function placeAt(text: string, start: number, end: number, bits: number): number {
  if ((bits & MULTI_FIRST) !== 0) {
    for (const p of MULTI_BY_FIRST.get(text.slice(start, end).toLowerCase())!) {
      if (text.slice(start, start + p.length).toLowerCase() === p && !isLetterAt(text, start + p.length)) return start + p.length;
    }
  }
  if ((bits & PART_ONLY) !== 0 || (bits & PLACE) === 0) return 0;
  const c = text.charCodeAt(end + 1);
  if (text.charCodeAt(end) === 32 && ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde))) return 0;
  return end;
}

/**
 * First three characters (ASCII, lower-cased; a space past the word's end) of every gazetteer word
 * and every first word of a multi-word place: most capitalised words ("Thanks", "Order") are ruled
 * out before the word table is asked.
 */
let placePrefixes: Uint8Array | null = null;

function placePrefix(a: number, b: number, c: number): number {
  return ((a | 32) << 14) | ((b | 32) << 7) | (c | 32);
}

/** The character at k of a word ending at `end`, a space past it. */
function charOrSpace(text: string, k: number, end: number): number {
  return k < end ? text.charCodeAt(k) : 32;
}

/** Whether the capitalised word [start, end) may be a gazetteer word or a multi-word place's first word. */
export function mayBePlace(text: string, start: number, end: number): boolean {
  if (placePrefixes === null) {
    placePrefixes = new Uint8Array(1 << 21);
    for (const w of [...gazetteer(), ...MULTI_BY_FIRST.keys()]) {
      const code = (k: number): number => (k < w.length ? w.charCodeAt(k) : 32);
      // Words with a non-ASCII character among their first three are never ruled out (see below).
      if (code(0) < 128 && code(1) < 128 && code(2) < 128) placePrefixes[placePrefix(code(0), code(1), code(2))] = 1;
    }
  }
  const a = charOrSpace(text, start, end);
  const b = charOrSpace(text, start + 1, end);
  const c = charOrSpace(text, start + 2, end);
  // toLowerCase() can turn a non-ASCII character into ASCII (the Kelvin sign into 'k'): no verdict then.
  if (a >= 128 || b >= 128 || c >= 128) return true;
  return placePrefixes[placePrefix(a, b, c)] === 1;
}
