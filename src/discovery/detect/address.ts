/**
 * Street addresses (English, German, Portuguese/Spanish/French, Singapore, Chinese), places from a
 * small gazetteer (LOCATION), coordinates and written-out dates. Patterns are anchored at a token
 * the main scan already found, bounded, and free of ambiguous nested quantifiers.
 */
import { emit } from './candidate.js';
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

/** At a number that may open a street address ("221B Baker Street", "12 rue de la Paix"). */
export function scanNumberAddress(state: ScanState, start: number): number {
  const { text } = state;
  const next = text.charCodeAt(start + 1);
  if (next !== 32 && (next < 48 || next > 57) && next !== 44 && !(next >= 65 && next <= 90)) return 0;
  const m = stick(EN_STREET, text, start) ?? stick(FR_STREET, text, start);
  if (!m || m.length < 8) return 0;
  // "St." keeps its period; "Street." ends a sentence.
  const end = /[A-Za-z]{4}\.$/.test(m) ? m.length - 1 : m.trimEnd().length;
  emit(state, start, start + end, 'STREET_ADDRESS', 0.7);
  return start + end;
}

const PT_FIRST = new Set(['Rua', 'R', 'Avenida', 'Av', 'Travessa', 'Tv', 'Alameda', 'Al', 'Praça', 'Pça', 'Estrada', 'Rodovia', 'Largo', 'Calle', 'Avda', 'Paseo', 'Rue', 'Via', 'Viale', 'Piazza', 'Blk', 'Block']);
const DE_ENDINGS = /(?:straße|strasse|str|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad|straat|laan|gracht|plein)$/;
export const DE_PREPOSITIONS = new Set(['Am', 'An', 'Auf', 'Im', 'In', 'Unter', 'Zum', 'Zur', 'Hinter', 'Vor']);

/**
 * After "Word ": DE_STREET2 needs a street word next (Straße, Str., Weg, Allee, Platz, Gasse, Ring,
 * Damm) and DE_STREET a house number; any other character rules both out before a regex runs.
 */
function mayOpenDeStreet(c: number): boolean {
  return c === 83 || c === 87 || c === 65 || c === 80 || c === 71 || c === 82 || c === 68 || (c >= 48 && c <= 57);
}

/** At a capitalised word: Portuguese/Spanish street prefixes, German street names, Singapore blocks. */
export function scanWordAddress(state: ScanState, start: number, end: number): number {
  const { text } = state;
  const word = text.slice(start, end);
  let m: string | null = null;
  if (PT_FIRST.has(word)) m = word === 'Blk' || word === 'Block' ? stick(SG_STREET, text, start) : stick(PT_STREET, text, start);
  else if (DE_ENDINGS.test(word)) m = stick(DE_STREET, text, start);
  else if (DE_PREPOSITIONS.has(word)) m = stick(DE_STREET3, text, start);
  else if (text.charCodeAt(end) === 32 && mayOpenDeStreet(text.charCodeAt(end + 1))) m = stick(DE_STREET2, text, start) ?? stick(DE_STREET, text, start);
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
  const m = stick(COORD, state.text, start);
  if (!m) return 0;
  const decimals = /\.(\d+)/g;
  let min = 99;
  for (const d of m.matchAll(decimals)) min = Math.min(min, d[1]!.length);
  emit(state, start, start + m.length, 'COORDINATES', min >= 4 ? 0.65 : 0.4);
  return start + m.length;
}

const DAY_MONTH_YEAR = /\d{1,2}(?:st|nd|rd|th)?\.? (?:de )?[A-Za-zäçé]{3,9}\.?,? (?:de )?\d{4}(?!\d)/y;
const MONTH_DAY_YEAR = /[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?, \d{4}(?!\d)/y;

/** Written-out dates ("3 March 1990", "March 3, 1990", "3. März 1990", "3 de março de 1990"). */
export function scanWordDate(state: ScanState, start: number, digitFirst: boolean): number {
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
