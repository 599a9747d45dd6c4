/** Calendar validity: month 1-12 and a day that exists in that month (leap years included). */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, januar: 1, janeiro: 1, feb: 2, february: 2, februar: 2, fevereiro: 2, fev: 2,
  mar: 3, march: 3, märz: 3, maerz: 3, março: 3, marco: 3, apr: 4, april: 4, abril: 4, abr: 4,
  may: 5, mai: 5, maio: 5, jun: 6, june: 6, juni: 6, junho: 6, jul: 7, july: 7, juli: 7, julho: 7,
  aug: 8, august: 8, agosto: 8, ago: 8, sep: 9, sept: 9, september: 9, setembro: 9, set: 9,
  oct: 10, october: 10, oktober: 10, okt: 10, outubro: 10, out: 10, nov: 11, november: 11, novembro: 11,
  dec: 12, december: 12, dezember: 12, dez: 12, dezembro: 12,
};

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

/** The first three letters of every month name, (a-z)×(a-z)×(a-z): most capitalised words start like none. */
const MONTH_PREFIXES = new Uint8Array(26 * 26 * 26);
for (const name of Object.keys(MONTHS)) {
  const [a, b, c] = [name.charCodeAt(0) - 97, name.charCodeAt(1) - 97, name.charCodeAt(2) - 97];
  if (a >= 0 && a < 26 && b >= 0 && b < 26 && c >= 0 && c < 26) MONTH_PREFIXES[(a * 26 + b) * 26 + c] = 1;
}

/** monthNumber() of text[start, end), ruling out from character codes a word whose first three ASCII letters start no month name. */
export function monthNumberAt(text: string, start: number, end: number): number | undefined {
  if (end - start >= 3) {
    // `| 32` lower-cases ASCII letters and sends every other character outside a-z (then the slow path decides).
    const a = (text.charCodeAt(start) | 32) - 97;
    const b = (text.charCodeAt(start + 1) | 32) - 97;
    const c = (text.charCodeAt(start + 2) | 32) - 97;
    if (a >= 0 && a < 26 && b >= 0 && b < 26 && c >= 0 && c < 26 && MONTH_PREFIXES[(a * 26 + b) * 26 + c] === 0) return undefined;
  }
  return monthNumber(text.slice(start, end));
}

export interface ParsedDate { y: number; m: number; d: number }

/**
 * Parses the date shapes people write for a birth date: ISO 2001-02-03, 2001/02/03, 2001年2月3日,
 * 03.02.2001 (DE), 03/02/2001 (day or month first: either reading must be a real date), 3 Feb 2001,
 * Feb 3, 2001, 3. Februar 2001, 3 de fevereiro de 2001. Returns null when it is no real date.
 */
export function parseDate(text: string): ParsedDate | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    return checked(y, b, a) ?? checked(y, a, b);
  }
  m = /^(\d{1,2})\.?\s(?:de\s)?([A-Za-zäç]{3,9}\.?)\s(?:de\s)?(\d{4})$/.exec(t);
  if (m) {
    const mo = monthNumber(m[2] ?? '');
    return mo ? checked(Number(m[3]), mo, Number(m[1])) : null;
  }
  m = /^([A-Za-z]{3,9}\.?)\s(\d{1,2}),?\s(\d{4})$/.exec(t);
  if (m) {
    const mo = monthNumber(m[1] ?? '');
    return mo ? checked(Number(m[3]), mo, Number(m[2])) : null;
  }
  return null;
}

function checked(y: number, m: number, d: number): ParsedDate | null {
  return y >= 1880 && y <= 2100 && isValidDate(y, m, d) ? { y, m, d } : null;
}
