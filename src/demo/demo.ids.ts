/**
 * National identifiers for the demo company's customers. Each generator produces numbers that pass
 * the official check-digit or structure rules, because discovery features validate check digits to
 * tell a real identifier from a random digit string: invalid fakes would make the demo useless as
 * ground truth. All randomness comes from the caller so the demo stays deterministic per seed.
 */

/** Returns an integer in [min, max], both inclusive. Backed by the seeded faker instance. */
export type IntSource = (min: number, max: number) => number;

export type NationalIdType = 'US_SSN' | 'DE_TAX_ID' | 'BR_CPF' | 'CN_RIC' | 'SG_NRIC';

function digits(rand: IntSource, count: number): number[] {
  return Array.from({ length: count }, () => rand(0, 9));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * US Social Security Number in AAA-GG-SSSS form. Since 2011 numbers are randomised, so the only
 * rules are the exclusions: area 000, 666 and 900-999, group 00 and serial 0000 are never issued.
 */
export function generateSsn(rand: IntSource): string {
  let area = rand(1, 899);
  if (area === 666) area = 665;
  return `${pad(area, 3)}-${pad(rand(1, 99), 2)}-${pad(rand(1, 9999), 4)}`;
}

/**
 * German tax identification number (steuerliche Identifikationsnummer), 11 digits. The first ten
 * digits never start with 0 and contain exactly one digit twice (so exactly one digit is missing);
 * the eleventh is an ISO 7064 MOD 11,10 check digit.
 */
export function generateGermanTaxId(rand: IntSource): string {
  const pool = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  pool.splice(rand(0, pool.length - 1), 1); // the one digit that does not occur
  const body = [...pool, pool[rand(0, pool.length - 1)] as number];
  shuffle(body, rand);
  if (body[0] === 0) {
    // Swap the leading zero with a non-zero digit; the multiset (and so the rule above) is unchanged.
    const swapWith = body.findIndex((d) => d !== 0);
    [body[0], body[swapWith]] = [body[swapWith] as number, 0];
  }
  return body.join('') + String(germanTaxIdCheckDigit(body));
}

export function germanTaxIdCheckDigit(first10: readonly number[]): number {
  let product = 10;
  for (const digit of first10) {
    let sum = (digit + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/** Brazilian CPF, formatted 000.000.000-00, with both mod-11 check digits. */
export function generateCpf(rand: IntSource): string {
  let base = digits(rand, 9);
  // Repeated-digit CPFs (111.111.111-11 …) pass the arithmetic but are rejected by the Receita.
  if (base.every((d) => d === base[0])) base = [...base.slice(0, 8), ((base[0] as number) + 1) % 10];
  const d1 = cpfCheckDigit(base);
  const d2 = cpfCheckDigit([...base, d1]);
  const s = [...base, d1, d2].join('');
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
}

function cpfCheckDigit(prefix: readonly number[]): number {
  const weightStart = prefix.length + 1;
  const sum = prefix.reduce((acc, d, i) => acc + d * (weightStart - i), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/**
 * Chinese resident identity card number (GB 11643-1999): 6-digit administrative division code,
 * birth date YYYYMMDD, 3-digit sequence whose last digit is odd for men and even for women, and an
 * ISO 7064 MOD 11-2 check character (0-9 or X).
 */
export function generateChineseResidentId(
  rand: IntSource,
  divisionCode: string,
  birthDate: string,
  sex: 'female' | 'male' | undefined,
): string {
  let sequence = rand(0, 999);
  const wantOdd = sex === 'male' ? true : sex === 'female' ? false : sequence % 2 === 1;
  if (sequence % 2 === 1 !== wantOdd) sequence = sequence === 999 ? 998 : sequence + 1;
  const body = `${divisionCode}${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
  return body + chineseResidentIdCheck(body);
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

export function chineseResidentIdCheck(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * (CN_WEIGHTS[i] as number), 0);
  return CN_CHECK[sum % 11] as string;
}

/**
 * Singapore NRIC for citizens and permanent residents: prefix S (born before 2000) or T (2000 on),
 * seven digits, and a weighted mod-11 check letter. For people born from 1968 on the first two
 * digits are the year of birth, as on real cards.
 */
export function generateSingaporeNric(rand: IntSource, birthYear: number): string {
  const prefix = birthYear >= 2000 ? 'T' : 'S';
  const body = birthYear >= 1968 ? pad(birthYear % 100, 2) + pad(rand(0, 99_999), 5) : pad(rand(0, 2_999_999), 7);
  return prefix + body + singaporeNricCheck(prefix, body);
}

const SG_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
const SG_LETTERS_ST = 'JZIHGFEDCBA';
const SG_LETTERS_FG = 'XWUTRQPNMLK';

export function singaporeNricCheck(prefix: 'S' | 'T' | 'F' | 'G', body: string): string {
  const offset = prefix === 'T' || prefix === 'G' ? 4 : 0;
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (SG_WEIGHTS[i] as number), offset);
  const letters = prefix === 'S' || prefix === 'T' ? SG_LETTERS_ST : SG_LETTERS_FG;
  return letters[sum % 11] as string;
}

/** A payment card number that passes the Luhn check, for one of the common brands. */
export function generateCardNumber(rand: IntSource, brand: CardBrand): string {
  const spec = CARD_SPECS[brand];
  const prefix = spec.prefixes[rand(0, spec.prefixes.length - 1)] as string;
  const body = prefix + digits(rand, spec.length - prefix.length - 1).join('');
  return body + luhnCheckDigit(body);
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'unionpay';

const CARD_SPECS: Record<CardBrand, { prefixes: string[]; length: number }> = {
  visa: { prefixes: ['4'], length: 16 },
  mastercard: { prefixes: ['51', '52', '53', '54', '55', '2221', '2720'], length: 16 },
  amex: { prefixes: ['34', '37'], length: 15 },
  unionpay: { prefixes: ['62'], length: 16 },
};

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** PCI DSS allows storing at most the first six and last four digits; the rest is masked. */
export function maskCardNumber(pan: string): string {
  return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
}

function shuffle<T>(items: T[], rand: IntSource): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rand(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
