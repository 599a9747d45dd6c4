/**
 * Street addresses (English, German, Portuguese/Spanish/French, Singapore, Chinese), places from a
 * small gazetteer (LOCATION), coordinates and written-out dates. Patterns are anchored at a token
 * the main scan already found, bounded, and free of ambiguous nested quantifiers.
 */
import { WordSet, emit, isWordCode } from './candidate.js';
import type { ScanState } from './candidate.js';
import { monthNumber, parseDate } from './validators/dates.js';

const W = "[A-Z\\u00C0-\\u00DE][A-Za-z\\u00C0-\\u024F'.-]{0,24}";
const EN_SUFFIX = 'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Crescent|Close|Row|Walk|Grove|Gardens|Park|Hill|View|Mews|Pike|Plaza|Ridge|Heights|Alley|Expressway|Freeway|Turnpike|Crossing|Commons|Path';
const EN_STREET = new RegExp(
  `\\d{1,6}[A-Za-z]?,? (?:${W} ){0,4}(?:${EN_SUFFIX})\\.?(?![A-Za-z])(?: (?:NW|NE|SW|SE|N|S|E|W)\\.?(?![A-Za-z0-9]))?(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|Room|Rm|#)\\.? ?#?[A-Za-z0-9-]{1,6}|, \\d{1,3}(?:st|nd|rd|th) (?:Floor|Fl\\.?))?(?:, (?:${W} ){0,2}${W}(?![A-Za-z0-9])(?:,? (?:[A-Z]{1,2}\\d[A-Z\\d]? \\d[A-Z]{2}|[A-Z][0-9][A-Z] [0-9][A-Z][0-9])(?![A-Za-z0-9]))?(?:, [A-Z]{2})?(?: \\d{5}(?:-\\d{4})?(?!\\d)| \\d{6}(?!\\d)|, ${W} \\d{5,6}(?!\\d))?)?`,
  'y',
);
const FR_STREET = /\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\.|boulevard|bd|chemin|allée|impasse|place|quai|route|calle|avenida|carrer|via|viale|piazza|corso) [^\n,;:]{2,40}?(?=[,\n;]|$| \d{5})(?:,? \d{4,5} [A-ZÀ-Ý][\p{L}'-]{1,30}(?: [A-ZÀ-Ý][\p{L}'-]{1,30})?)?/iuy;
const CITY = "[A-ZÄÖÜ][a-zäöüß]{1,24}(?:[ -][A-ZÄÖÜ][a-zäöüß]{1,24})?(?: (?:am|an der|an den|im|ob der) [A-ZÄÖÜ][a-zäöüß]{1,24}| \\([A-Z][a-z]{1,12}\\)|/[A-Z][a-z]{1,10})?";
const DE_STREET = new RegExp(`[A-ZÄÖÜ][a-zäöüß-]{1,30}(?:straße|strasse|str\\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad|straat|laan|gracht|plein|gasse) ?\\d{1,4}(?: ?[a-z](?![a-z]))?(?:, (?:D-)?\\d{4,5} ${CITY})?`, 'y');
const DE_STREET2 = new RegExp(`${W} (?:Straße|Strasse|Str\\.|Weg|Allee|Platz|Gasse|Ring|Damm) \\d{1,4}(?: ?[a-z](?![a-z]))?(?:, \\d{5} ${CITY})?`, 'y');
/** German streets named with a preposition ("Am Markt 3", "Unter den Linden 77"): only with postcode and city after. */
const DE_STREET3 = new RegExp(`(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Unter den|Zum|Zur|Hinter der|Vor dem) ${W}(?: ${W})? \\d{1,4}(?: ?[a-z](?![a-z]))?, (?:D-)?\\d{5} ${CITY}`, 'y');
const PT_STREET = /(?:Rua|R\.|Avenida|Av\.|Travessa|Tv\.|Alameda|Al\.|Praça|Pça\.|Estrada|Rodovia|Largo|Calle|Avda\.|Paseo|Rue|Via|Viale|Piazza) [^\n\d,;:]{2,50}?,? (?:n[ºo°.]? ?)?\d{1,5}[A-Za-z]?(?:,? ?-? ?(?:apto|apt|ap|sala|casa|bloco|bl|andar|piso|lote)\.? ?\d{1,5}[A-Za-z]?)?(?:,? [-–] [^\n,;]{2,40}?(?=[,\n;]|$))?(?:, [A-ZÀ-Ý][^\n,;\d]{1,40}?(?: ?[-/] ?[A-Z]{2})?(?=[,.\n;]|$)){0,2}(?:,? (?:CEP:? )?\d{5}-?\d{3}|, \d{5} [A-ZÀ-Ý][^\n,;\d]{1,30}?(?=[,.\n;]|$))?/y;
const SG_STREET = /(?:Blk|Block) \d{1,4}[A-Z]? [A-Z][A-Za-z ]{2,40}?(?:Avenue|Ave|Street|St|Road|Rd|Drive|Dr|Crescent|Close|Lane|Way|Central|North|South|East|West)(?: \d{1,3})?(?:,? #\d{1,3}-\d{1,5})?(?:,? Singapore \d{6})?/y;

function stick(re: RegExp, text: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? m[0] : null;
}

function digitsEnd(text: string, i: number): number {
  while (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** FR_STREET's street words ("av." read as "av") and its "bis"/"ter" after the number. */
const FR_WORDS = new Set(['rue', 'avenue', 'av', 'boulevard', 'bd', 'chemin', 'impasse', 'place', 'quai', 'route', 'calle', 'avenida', 'carrer', 'via', 'viale', 'piazza', 'corso', 'bis', 'ter']);

/** FR_WORDS' lengths by first letter (a bit per length): most words are refused before a slice. */
const FR_WORD_LENGTHS = new Uint16Array(128);
for (const w of FR_WORDS) FR_WORD_LENGTHS[w.charCodeAt(0)] = FR_WORD_LENGTHS[w.charCodeAt(0)]! | (1 << w.length);

/**
 * Whether the word at q may be one of FR_STREET's (case-insensitive): its letters, lower-cased, are
 * one of FR_WORDS. A word with a non-ASCII letter ("allée", or one the /iu regex folds) is not refused.
 */
function mayBeFrStreetWord(text: string, q: number): boolean {
  let e = q;
  let ascii = true;
  for (let c = text.charCodeAt(e); isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f) || c === 0x212a; c = text.charCodeAt(++e)) if (c >= 128) ascii = false;
  if (e === q || e - q > 9) return false;
  if (!ascii) return true;
  // ASCII letters: `| 32` lower-cases the first one.
  if ((FR_WORD_LENGTHS[text.charCodeAt(q) | 32]! & (1 << (e - q))) === 0) return false;
  return FR_WORDS.has(text.slice(q, e).toLowerCase());
}

/** EN_STREET's suffix words, asked in place: the first letter and length rule out most words before a slice. */
const EN_SUFFIXES = new WordSet(EN_SUFFIX.split('|'));

/** A character of EN_STREET's words after the first (W). */
function isEnWordChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f) || c === 39 || c === 46 || c === 45;
}

/**
 * EN_STREET after the number's space, from character codes: up to 4 capitalised words of at most 25
 * characters, each followed by one space, and then a suffix word (its leading ASCII letters one of
 * EN_SUFFIX: "St.", "Street", "Ave"). "00 INFO worker" stops at the lower-case word.
 */
function mayBeEnStreetAt(text: string, q: number): boolean {
  for (let k = 0; k < 5; k++) {
    const c = text.charCodeAt(q);
    if (!((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde))) return false;
    let a = q;
    while (isAsciiLetter(text.charCodeAt(a))) a++;
    if (a > q && EN_SUFFIXES.hasAt(text, q, a)) return true;
    let e = q + 1;
    while (e - q < 25 && isEnWordChar(text.charCodeAt(e))) e++;
    if (text.charCodeAt(e) !== 32) return false;
    q = e + 1;
  }
  return false;
}

/**
 * What EN_STREET and FR_STREET need right after the number, read from character codes: most
 * numbers ("batch 12345 in", "42ms", "worker-9 processed") are ruled out before either regex runs.
 * EN_STREET: at most 6 digits, an optional letter and comma, a space, then capitalised words up to a
 * suffix. FR_STREET: at most 4 digits, then "bis"/"ter" or an optional comma, a space and a street
 * word (rue, avenue …).
 */
function mayOpenStreet(text: string, start: number): boolean {
  const p = digitsEnd(text, start);
  const digits = p - start;
  if (digits <= 6) {
    let q = p;
    if (isAsciiLetter(text.charCodeAt(q))) q++;
    if (text.charCodeAt(q) === 44) q++;
    if (text.charCodeAt(q) === 32 && mayBeEnStreetAt(text, q + 1)) return true;
  }
  if (digits <= 4) {
    const c = text.charCodeAt(p);
    if (c === 32) return mayBeFrStreetWord(text, p + 1);
    if (c === 44) return text.charCodeAt(p + 1) === 32 && mayBeFrStreetWord(text, p + 2);
    return (c | 32) === 98 || (c | 32) === 116;
  }
  return false;
}

/** At a number that may open a street address ("221B Baker Street", "12 rue de la Paix"). */
export function scanNumberAddress(state: ScanState, start: number): number {
  const { text } = state;
  const next = text.charCodeAt(start + 1);
  if (next !== 32 && (next < 48 || next > 57) && next !== 44 && !(next >= 65 && next <= 90)) return 0;
  if (!mayOpenStreet(text, start)) return 0;
  const m = stick(EN_STREET, text, start) ?? stick(FR_STREET, text, start);
  if (!m || m.length < 8) return 0;
  // "St." keeps its period; "Street." ends a sentence.
  const end = /[A-Za-z]{4}\.$/.test(m) ? m.length - 1 : m.trimEnd().length;
  emit(state, start, start + end, 'STREET_ADDRESS', 0.7);
  return start + end;
}

const PT_FIRST = new WordSet(['Rua', 'R', 'Avenida', 'Av', 'Travessa', 'Tv', 'Alameda', 'Al', 'Praça', 'Pça', 'Estrada', 'Rodovia', 'Largo', 'Calle', 'Avda', 'Paseo', 'Rue', 'Via', 'Viale', 'Piazza', 'Blk', 'Block']);
const DE_ENDINGS: readonly string[] = ['straße', 'strasse', 'str', 'weg', 'allee', 'platz', 'gasse', 'ring', 'damm', 'ufer', 'chaussee', 'steig', 'pfad', 'straat', 'laan', 'gracht', 'plein'];
/** DE_ENDINGS by their last character: most words end in none of them, the rest are compared with a few. */
const DE_ENDINGS_BY_LAST: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(128).fill(undefined);
for (const e of DE_ENDINGS) {
  const last = e.charCodeAt(e.length - 1);
  DE_ENDINGS_BY_LAST[last] = [...(DE_ENDINGS_BY_LAST[last] ?? []), e];
}
const DE_PREPOSITIONS = new WordSet(['Am', 'An', 'Auf', 'Im', 'In', 'Unter', 'Zum', 'Zur', 'Hinter', 'Vor']);

/** German preposition that may name a street ("Am Markt 3"), compared in place. */
export function isDePreposition(text: string, start: number, end: number): boolean {
  return DE_PREPOSITIONS.hasAt(text, start, end);
}

/** Whether text[start, end) ends with a German or Dutch street-name ending (straße, weg, laan …). */
function hasDeEnding(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  const endings = last < 128 ? DE_ENDINGS_BY_LAST[last] : undefined;
  if (endings === undefined) return false;
  for (const e of endings) if (e.length <= end - start && text.startsWith(e, end - e.length)) return true;
  return false;
}

/** DE_STREET2's street words, each followed by a space and a house number. */
const DE_STREET_WORDS: readonly string[] = ['Straße', 'Strasse', 'Str.', 'Weg', 'Allee', 'Platz', 'Gasse', 'Ring', 'Damm'];
const DE_STREET_WORD_FIRST = new Uint8Array(128);
for (const w of DE_STREET_WORDS) DE_STREET_WORD_FIRST[w.charCodeAt(0)] = 1;

/**
 * After "Word ": DE_STREET2 needs one of its street words, a space and a digit next; anything else
 * rules it out before the regex runs.
 */
function deStreetWordAt(text: string, p: number): boolean {
  const f = text.charCodeAt(p);
  if (!(f < 128 && DE_STREET_WORD_FIRST[f] === 1)) return false;
  for (const w of DE_STREET_WORDS) {
    if (text.charCodeAt(p) === w.charCodeAt(0) && text.startsWith(w, p) && text.charCodeAt(p + w.length) === 32) {
      const d = text.charCodeAt(p + w.length + 1);
      if (d >= 48 && d <= 57) return true;
    }
  }
  return false;
}

/** At a capitalised word: Portuguese/Spanish street prefixes, German street names, Singapore blocks. */
export function scanWordAddress(state: ScanState, start: number, end: number): number {
  const { text } = state;
  let m: string | null = null;
  if (PT_FIRST.hasAt(text, start, end)) m = text.startsWith('Bl', start) ? stick(SG_STREET, text, start) : stick(PT_STREET, text, start);
  else if (hasDeEnding(text, start, end)) m = stick(DE_STREET, text, start);
  else if (isDePreposition(text, start, end)) m = stick(DE_STREET3, text, start);
  // DE_STREET cannot match here: its name word ends in a street ending, and this one (followed by a space) does not.
  else if (text.charCodeAt(end) === 32 && deStreetWordAt(text, end + 1)) m = stick(DE_STREET2, text, start);
  if (!m || m.length < 8) return 0;
  const trimmed = m.replace(/[\s,.-]+$/, '');
  emit(state, start, start + trimmed.length, 'STREET_ADDRESS', 0.7);
  return start + trimmed.length;
}

const CN_ADDRESS = /(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|特别行政区))?(?:[\u4e00-\u9fff]{1,8}?市)?(?:[\u4e00-\u9fff]{1,8}?(?:区|區|县|縣|旗))?(?:[\u4e00-\u9fff]{1,10}?(?:镇|鎮|乡|鄉|街道))?[\u4e00-\u9fff\dA-Za-z]{1,16}?(?:路|街|道|巷|弄|里|胡同|大道|大街)(?:[一二三四五六七八九十]段)?(?:\d{1,4}(?:弄|巷))?(?:\d{1,5}|[一二三四五六七八九十百]{1,4})[号號](?:院|楼)?(?:\d{1,4}(?:号楼|栋|幢|座))?(?:\d{1,3}单元)?(?:\d{1,5}(?:室|号房))?/y;
const CN_CUES = ['地址', '住址', '住在', '位于', '寄到', '送到', '收货地址', '居住于', '住'];

/** A Chinese address inside or starting at a CJK run [start, end) (digits continue it). */
export function scanCjkAddress(state: ScanState, start: number, end: number): void {
  const { text } = state;
  // Every address form below ends in 号 (a house number): without one nearby there is nothing to try.
  let hao = start;
  const haoEnd = Math.min(state.limit, end + 12);
  while (hao < haoEnd && text.charCodeAt(hao) !== 0x53f7 && text.charCodeAt(hao) !== 0x865f) hao++;
  if (hao >= haoEnd) return;
  const run = text.slice(start, Math.min(end, start + 64));
  let from = start;
  for (const cue of CN_CUES) {
    const k = run.lastIndexOf(cue);
    if (k >= 0) {
      from = start + k + cue.length;
      break;
    }
  }
  for (let s = from; s < end && s < from + 12; s++) {
    const m = stick(CN_ADDRESS, text, s);
    if (m && m.length >= 6) {
      emit(state, s, s + m.length, 'STREET_ADDRESS', from !== start || s === start ? 0.75 : 0.6);
      return;
    }
  }
}

const COORD = /[-+]?(?:[1-8]?\d\.\d{3,8}|90\.0{3,8})°?(?: ?[NS])?(?:, ?| |; ?)[-+]?(?:1[0-7]\d\.\d{3,8}|[1-9]?\d\.\d{3,8}|180\.0{3,8})°?(?: ?[EWO])?(?![\d.])/y;

/** "48.8566, 2.3522" / "-33.8688 151.2093" / "40.7128° N, 74.0060° W". */
export function scanCoordinates(state: ScanState, start: number): number {
  // COORD opens with 1-2 digits, a '.' and 3-8 more digits (its callers start it at a digit, so without
  // a sign), then '°', a hemisphere letter or the separator before the second number: a time's
  // seconds ("56.190Z") stop here.
  const { text } = state;
  const p = digitsEnd(text, start);
  if (p - start > 2 || text.charCodeAt(p) !== 46) return 0;
  const q = digitsEnd(text, p + 1);
  if (q - (p + 1) < 3 || q - (p + 1) > 8) return 0;
  const c = text.charCodeAt(q);
  if (!(c === 0xb0 || c === 32 || c === 44 || c === 59 || c === 78 || c === 83)) return 0;
  if (!maySecondCoordinate(text, q)) return 0;
  const m = stick(COORD, text, start);
  if (!m) return 0;
  const decimals = /\.(\d+)/g;
  let min = 99;
  for (const d of m.matchAll(decimals)) min = Math.min(min, d[1]!.length);
  // A southern or western latitude's sign belongs to it ("-33.8688 151.2093"), unless it joins a word.
  const sign = text.charCodeAt(start - 1);
  const from = (sign === 45 || sign === 43) && !isWordCode(text.charCodeAt(start - 2)) ? start - 1 : start;
  emit(state, from, start + m.length, 'COORDINATES', min >= 4 ? 0.65 : 0.4);
  return start + m.length;
}

/**
 * What COORD needs after its first number (ending at q): an optional '°', an optional hemisphere
 * (' N', 'S' …), the separator (", ", ",", " ", "; ", ";"), an optional sign, then 1-3 digits, a '.'
 * and 3 digits. Skipping an optional part that is present leaves a character no later part can
 * take, so reading each one greedily decides as the regex does. "1.234,56 €" stops here.
 */
function maySecondCoordinate(text: string, q: number): boolean {
  let r = q;
  if (text.charCodeAt(r) === 0xb0) r++;
  const h = text.charCodeAt(r) === 32 ? text.charCodeAt(r + 1) : text.charCodeAt(r);
  if (h === 78 || h === 83) r += text.charCodeAt(r) === 32 ? 2 : 1;
  const sep = text.charCodeAt(r);
  if (sep === 44 || sep === 59) {
    r++;
    if (text.charCodeAt(r) === 32) r++;
  } else if (sep === 32) r++;
  else return false;
  const sign = text.charCodeAt(r);
  if (sign === 43 || sign === 45) r++;
  const d = digitsEnd(text, r);
  if (d === r || d - r > 3 || text.charCodeAt(d) !== 46) return false;
  return digitsEnd(text, d + 1) - (d + 1) >= 3;
}

const DAY_MONTH_YEAR = /\d{1,2}(?:st|nd|rd|th)?\.? (?:de )?[A-Za-zäçé]{3,9}\.?,? (?:de )?\d{4}(?!\d)/y;
const MONTH_DAY_YEAR = /[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?, \d{4}(?!\d)/y;

/** DAY_MONTH_YEAR's shape from character codes: 1-2 digits, an optional st/nd/rd/th and '.', a space, a month word and a year. */
function mayOpenDayMonth(text: string, start: number): boolean {
  let p = digitsEnd(text, start);
  if (p - start > 2) return false;
  const a = text.charCodeAt(p);
  const b = text.charCodeAt(p + 1);
  if ((a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104)) p += 2;
  if (text.charCodeAt(p) === 46) p++;
  if (text.charCodeAt(p) !== 32) return false;
  // Then "(de )month(.)(,) (de )yyyy": the month 3-9 letters of [A-Za-zäçé], the year 4 digits and no more.
  let q = p + 1;
  if (text.startsWith('de ', q)) q += 3;
  let r = q;
  while (isMonthLetter(text.charCodeAt(r))) r++;
  if (r - q < 3 || r - q > 9) return false;
  if (text.charCodeAt(r) === 46) r++;
  if (text.charCodeAt(r) === 44) r++;
  if (text.charCodeAt(r) !== 32) return false;
  r++;
  if (text.startsWith('de ', r)) r += 3;
  return digitsEnd(text, r) - r === 4;
}

function isMonthLetter(c: number): boolean {
  return isAsciiLetter(c) || c === 0xe4 || c === 0xe7 || c === 0xe9;
}

/** Written-out dates ("3 March 1990", "March 3, 1990", "3. März 1990", "3 de março de 1990"). */
export function scanWordDate(state: ScanState, start: number, digitFirst: boolean): number {
  if (digitFirst && !mayOpenDayMonth(state.text, start)) return 0;
  const m = stick(digitFirst ? DAY_MONTH_YEAR : MONTH_DAY_YEAR, state.text, start);
  if (!m) return 0;
  const cleaned = m.replace(/(\d)(?:st|nd|rd|th)/, '$1').replace(/,/g, '').replace(/\. /, ' ');
  const parsed = parseDate(cleaned) ?? parseDate(cleaned.replace(/^(\w+) (\d+) (\d+)$/, '$2 $1 $3'));
  if (!parsed) {
    const mm = /^(\d{1,2}) (?:de )?(\S+) (?:de )?(\d{4})$/.exec(cleaned);
    if (!mm || !monthNumber(mm[2]!)) return 0;
  }
  emit(state, start, start + m.length, 'DATE_OF_BIRTH', 0.2);
  return start + m.length;
}
