/**
 * compare.ts's texts come from the corpus generators; this one strings random tokens together
 * (capital-and-digit ids, plain and grouped numbers, cards with a valid Luhn digit, phones, IPs,
 * MACs, times, coordinates, VAT ids, valid and broken IBANs, context words) with random separators,
 * to reach the corners a speed change may break. Two builds must answer alike:
 *
 *   npx tsx bench/detect/fuzz.ts --module a/index.js --baseline b/index.js [--texts 100000] [--seed 1]
 *
 * Exits 1 and prints the first differences when any output differs.
 */
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Rng } from './rng.js';

interface Build {
  detect: (text: string, options?: object) => unknown[];
  classifyValue: (value: string, options?: object) => unknown[];
}

const CAP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIG = '0123456789';
const ALNUM = `abcdefghijklmnopqrstuvwxyz${CAP}${DIG}`;
const WORDS = ['phone', 'tel', 'call', 'passport', 'licence', 'plate', 'card', 'ext', 'x', 'Durchwahl', 'order', 'invoice', 'tracking', 'account number', 'SIN', 'NHS', 'My Number', 'aadhaar', 'vat', 'nric', 'hkid', 'zip', 'postal', 'singapore', 'USD', '$', 'R$', '€', 'id', 'ref', 'cpf', 'cnpj', 'ssn', 'dob', 'born', '电话', '转', '身份证', 'ramal', '#', 'the', 'and'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ': ', ' #', '(', ')', '"', '=', '\n', ' x', ' ext. ', '/', '-'];
const OPTION_SETS: readonly object[] = [{}, { minScore: 0 }, { minScore: 0.3 }, { hints: ['phone'] }];
/** Digit layouts of national ids, phones, dates and amounts ('d' is a random digit). */
const LAYOUTS = ['ddd-dd-dddd', 'ddd dd dddd', 'ddd.ddd.ddd-dd', 'dd.ddd.ddd/dddd-dd', 'ddddd-dddd', 'ddddd-ddd', 'ddd-dddd', 'ddd ddd dddd', 'dd ddd ddd ddd',
  'dddd dddd dddd', 'dddd-dddd-dddd', 'ddd.ddd.ddd', 'ddd-ddd-ddd', 'ddd ddd ddd', 'ddd.ddd.dddd', 'ddd-ddd.dddd', 'd.ddd.ddd', 'dd ddd ddd', 'ddd,ddd,ddd',
  'dddd dddddd ddddd', 'dddd-dddddd-dddd', 'dddd dddd dddd dddd ddd', 'dddd-dddd dddd-dddd', 'dddd年dd月dd日', 'dd/dd/dddd', 'dd.dd.dddd', 'dddd-dd-dd',
  '(ddd) ddd-dddd', '(+dd) dddd dddd', '+dd dd ddd dddd', '0ddd ddddddd', '030 / dddd dddd', 'ddd - ddd - dddd', 'dddddddddddddddddX', 'dddddddddddddddddx'];
const IBAN_COUNTRIES: readonly (readonly [string, number])[] = [['DE', 22], ['GB', 22], ['FR', 27], ['NL', 18], ['SO', 23], ['NO', 15], ['BE', 16], ['MT', 31]];

/** The digits with the last one replaced so that the Luhn check passes. */
function withLuhn(digits: string): string {
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let v = Number(body[i]);
    if (double) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function iban(rng: Rng): string {
  const [cc, length] = rng.pick(IBAN_COUNTRIES);
  const bban = cc === 'GB' || cc === 'NL' ? rng.letters(4, CAP) + rng.digits(length - 8) : rng.digits(length - 4);
  const numeric = [...`${bban}${cc}00`].map((ch) => (ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  let value = `${cc}${String(98 - rem).padStart(2, '0')}${bban}`;
  if (rng.chance(0.2)) value = value.slice(0, -1) + rng.digits(1);
  if (rng.chance(0.5)) value = value.replace(/(.{4})/g, '$1 ').trim();
  if (rng.chance(0.3)) value = value.slice(0, rng.int(4, value.length));
  return value + rng.pick(['', ' BIC', ' shipped', ' 12', ' AB12']);
}

/** ISO 8601 timestamps and near misses, with the tails that could make their parts something else (MAC, IPv6, street, date, coordinates). */
function timestamp(rng: Rng): string {
  const d = (n: number): string => (rng.chance(0.05) ? rng.digits(n + rng.pick([-1, 1])) : rng.digits(n));
  let t = `${d(4)}-${d(2)}-${d(2)}${rng.pick([' ', 'T', 'T', 't', '_', '  '])}${d(2)}:${d(2)}`;
  if (rng.chance(0.8)) t += `:${d(2)}`;
  if (rng.chance(0.3)) t += `.${rng.digits(rng.int(1, 9))}`;
  t += rng.pick(['', 'Z', '+08:00', '-0500', ':ab:cd:ef', ':1a:2b:3c', '::1', ':00:00:00:00:00', 'x', '.', ':']);
  return t + rng.pick(['', '', ' INFO', ' Main Street', ' March 2020', ' 45.6789', ', 12.345', ' 12345', ' (415) 555-0100', '/24', '-', '.5']);
}

function token(rng: Rng): string {
  const sep = (): string => rng.pick([' ', '-', '.', '/']);
  switch (rng.int(0, 21)) {
    case 0: return rng.letters(rng.int(1, 5), CAP) + rng.digits(rng.int(1, 10)) + (rng.chance(0.4) ? rng.letters(rng.int(0, 3), CAP + DIG) : '');
    case 1: return rng.digits(rng.int(1, 19));
    case 2: return rng.digits(rng.int(2, 4)) + sep() + rng.digits(rng.int(2, 7)) + (rng.chance(0.6) ? sep() + rng.digits(rng.int(2, 7)) : '');
    case 3: return rng.pick(['S', 'T', 'F', 'G', 'M']) + rng.digits(7) + rng.pick([...CAP, 'ı', 'a', '_', 'é']);
    case 4: return rng.letters(rng.int(1, 2), CAP) + rng.digits(6) + rng.pick(['(7)', '(A)', '7', 'A', 'A_', '7é', '']);
    case 5: return rng.letters(rng.int(1, 3), CAP) + rng.pick(['', '-', ' ']) + rng.digits(rng.int(1, 5)) + rng.letters(rng.int(0, 4), CAP);
    case 6: return rng.pick(['DE', 'FR', 'GB', 'NL', 'CHE', 'CH', 'IT', 'AT', 'PL', 'XX', 'SE', 'CZ', 'EL', 'ES', 'IE', 'Che', 'bg']) + rng.digits(rng.int(1, 12)) + rng.pick(['', '', 'B01', 'MWST', 'ı']);
    case 7: return withLuhn(rng.pick(['4', '5', '37', '6011', '62', '35', '30', '50']) + rng.digits(rng.int(9, 17)));
    case 8: return withLuhn(rng.digits(16)).replace(/(\d{4})(?=\d)/g, `$1${rng.pick([' ', '-', ''])}`);
    case 9: return `+${rng.digits(rng.int(1, 3))} ${rng.digits(rng.int(2, 4))} ${rng.digits(rng.int(3, 8))}`;
    case 10: return rng.digits(rng.int(1, 4)) + rng.pick(['.', ',']) + rng.digits(rng.int(1, 3)) + (rng.chance(0.5) ? rng.pick(['.', ',']) + rng.digits(rng.int(1, 3)) : '');
    case 11: return rng.digits(rng.int(1, 4)) + rng.pick([':', '-', 'T', 'Z', 'ms', 'px']) + rng.digits(rng.int(1, 4));
    case 12: return `v${rng.digits(rng.int(1, 3))}.${rng.digits(rng.int(1, 3))}.${rng.digits(rng.int(1, 4))}`;
    case 13: return rng.letters(rng.int(1, 12), ALNUM);
    case 14: return [...rng.pick(LAYOUTS)].map((ch) => (ch === 'd' ? rng.digits(1) : ch)).join('');
    case 15: return rng.pick(['', '+', '00']) + rng.pick(['1', '44', '49', '55', '86', '91', '65', '852']) + rng.pick(['', ' ', '-']) + rng.digits(rng.int(6, 11));
    case 16: return Array.from({ length: 4 }, () => String(rng.pick([rng.int(0, 9), rng.int(10, 99), rng.int(100, 255), rng.int(256, 9999)]))).join('.') + rng.pick(['', '', '/24', '.5', 'a', ':8080']);
    case 17: {
      const s = rng.pick([':', '-', ':', '.']);
      return Array.from({ length: rng.int(3, 8) }, () => rng.letters(rng.pick([2, 2, 2, 1, 3]), '0123456789abcdefABCDEF')).join(s);
    }
    case 18: {
      const coordinate = (): string => rng.pick(['', '-', '+']) + rng.digits(rng.int(1, 3)) + '.' + rng.digits(rng.int(1, 10)) + rng.pick(['', '°', '° N', 'N', 'S', 'E', 'W', 'Z']);
      return coordinate() + rng.pick([', ', ',', ' ', '; ', ' / ']) + coordinate();
    }
    case 19: return iban(rng);
    case 20: return timestamp(rng);
    default: return rng.pick(WORDS);
  }
}

function parseArgs(argv: string[]): { module: string; baseline: string; texts: number; seed: number } {
  const args = { module: '', baseline: '', texts: 100_000, seed: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [a, v] = [argv[i], argv[i + 1]];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--module') args.module = v;
    else if (a === '--baseline') args.baseline = v;
    else if (a === '--texts') args.texts = Number(v);
    else if (a === '--seed') args.seed = Number(v);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.module || !args.baseline) throw new Error('--module and --baseline are required');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const a = (await import(pathToFileURL(args.module).href)) as Build;
  const b = (await import(pathToFileURL(args.baseline).href)) as Build;
  const rng = new Rng(args.seed);
  let calls = 0;
  const diffs: string[] = [];
  const same = (what: string, x: unknown, y: unknown): void => {
    calls++;
    if (!isDeepStrictEqual(x, y) && diffs.length < 10) diffs.push(`${what}\n  module:   ${JSON.stringify(x)}\n  baseline: ${JSON.stringify(y)}`);
  };
  for (let n = 0; n < args.texts; n++) {
    let text = token(rng);
    for (let k = rng.int(1, 8); k > 1; k--) text += rng.pick(SEPARATORS) + token(rng);
    for (const options of OPTION_SETS) same(`detect ${JSON.stringify(text)} ${JSON.stringify(options)}`, a.detect(text, options), b.detect(text, options));
    same(`classifyValue ${JSON.stringify(text.slice(0, 40))}`, a.classifyValue(text.slice(0, 40)), b.classifyValue(text.slice(0, 40)));
  }
  console.log(`${calls} calls compared, ${diffs.length === 0 ? 'no difference' : 'DIFFERENCES'}`);
  for (const d of diffs) console.log(d);
  if (diffs.length > 0) process.exit(1);
}

await main();
