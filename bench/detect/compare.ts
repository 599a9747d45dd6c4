/**
 * Do two builds of the detection engine give the same answers? A speed change must not change a
 * single span, so this compares every output of `detect()` and `classifyValue()` of two builds on
 * the dense and sparse texts of speed.ts (texts.ts), under several option sets:
 *
 *   npx tsx bench/detect/compare.ts --module a/index.js --baseline b/index.js [--seeds 1-6] [--kinds dense,sparse]
 *
 * `--module` and `--baseline` point at compiled builds (see BENCHMARKS.md for the tsc command) or
 * at src/discovery/detect/index.ts. Exits 1 and prints the first differences when any output differs.
 */
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { dense, sparse } from './texts.js';

interface Build {
  detect: (text: string, options?: object) => unknown[];
  classifyValue: (value: string, options?: object) => unknown[];
}

const OPTION_SETS: readonly object[] = [
  {},
  { minScore: 0.3 },
  { minScore: 0.8 },
  { minScore: 0 },
  { hints: ['phone'] },
  { hints: ['customer_name'] },
  { entities: ['PHONE_NUMBER', 'EMAIL_ADDRESS', 'PERSON', 'US_SSN'] },
];

/** Hand-picked texts for the rare paths (hyphens, apostrophes, İ, the Kelvin sign, salutations, roles, places). */
const EDGES: readonly string[] = [
  'Dear Anne-Marie, thanks.', "Hi O'Connor, see you.", 'Schmidt-Hansen Peter called', 'İsmail Yılmaz wrote', 'Mr. İ. Smith and Mrs. Ö. Öztürk',
  'Zhang Wei paid', 'Tanaka Hiroshi arrived', 'Hallo Jonas Weber,', 'Olá Ana', 'Patient Wang Fang was seen', 'Customer Ana Lima called',
  'He moved to New York in May', 'from São Paulo to Rio de Janeiro', 'lives in Essen', 'lives in Berlin Chair', 'born in \u212Aiel',
  '\u212Aim Jones called', 'Emily K. Johnson, Emily İ. Johnson', 'Pieter van der Berg and Maria de la Cruz', 'THANKS MARIA', 'Dear Mr X',
  'Paris Hilton in Paris', 'name: Anne-Marie Schmidt-Hansen', 'city: Kuala Lumpur', 'Unter den Linden 77, 10117 Berlin', 'Vielen Dank Straße 5',
  'Karl Marx Allee 12', 'Goethestraße 12, 60313 Frankfurt am Main', 'Am Markt 3, 12345 Musterstadt', "D'Angelo Russo", 'Hi Maria-', 'Dear A-B',
  // Label words whose leading letters the token loop hashes: accented, ẞ, Kelvin and long s, '_' and digits after them.
  'GESCHLECHT: weiblich', 'Geschlecht: männlich', 'STAATSANGEHÖRIGKEIT: deutsch', 'gender\u212A: F', 'gen\u212Ader: F', 'pa\u017Fsword: hunter2x',
  'STRAẞE: Hauptstraße 5', 'religion_x: none', 'religion2: Catholic', 'nationalité: française', 'Señor Pérez llamó', 'Sr. Pérez', 'Señora Ñúñez',
  'für Frau Müller', 'Herr Dr. Weber', 'MRS Smith', 'Miss Brown and Mx Lee', 'Prof. İlhan Kaya',
];

function parseArgs(argv: string[]): { module: string; baseline: string; seeds: number[]; kinds: string[] } {
  let module = '';
  let baseline = '';
  let seeds = [1, 2, 3, 4, 5, 6];
  let kinds = ['dense', 'sparse'];
  for (let i = 0; i < argv.length; i += 2) {
    const [a, v] = [argv[i], argv[i + 1]];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--module') module = v;
    else if (a === '--baseline') baseline = v;
    else if (a === '--seeds') {
      const [lo, hi] = v.split('-').map(Number);
      seeds = Array.from({ length: (hi ?? lo!) - lo! + 1 }, (_, k) => lo! + k);
    } else if (a === '--kinds') kinds = v.split(',');
    else throw new Error(`unknown argument ${a}`);
  }
  if (!module || !baseline) throw new Error('--module and --baseline are required');
  return { module, baseline, seeds, kinds };
}

async function load(path: string): Promise<Build> {
  return (await import(pathToFileURL(path).href)) as Build;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const [a, b] = [await load(args.module), await load(args.baseline)];
  let calls = 0;
  const diffs: string[] = [];
  const same = (what: string, x: unknown, y: unknown): void => {
    calls++;
    if (!isDeepStrictEqual(x, y) && diffs.length < 20) diffs.push(`${what}\n  module:   ${JSON.stringify(x)}\n  baseline: ${JSON.stringify(y)}`);
  };
  for (const text of EDGES) for (const options of OPTION_SETS) same(`detect ${JSON.stringify(text)} ${JSON.stringify(options)}`, a.detect(text, options), b.detect(text, options));
  for (const kind of args.kinds) {
    for (const seed of args.seeds) {
      const texts = kind === 'dense' ? dense(seed) : sparse(seed);
      for (const text of texts) {
        for (const options of OPTION_SETS) same(`detect ${JSON.stringify(text)} ${JSON.stringify(options)}`, a.detect(text, options), b.detect(text, options));
        const value = text.slice(0, 40);
        same(`classifyValue ${JSON.stringify(value)}`, a.classifyValue(value), b.classifyValue(value));
        same(`classifyValue ${JSON.stringify(value)} phone`, a.classifyValue(value, { hints: ['phone'] }), b.classifyValue(value, { hints: ['phone'] }));
      }
    }
  }
  console.log(`${calls} calls compared, ${diffs.length === 0 ? 'no difference' : 'DIFFERENCES'}`);
  for (const d of diffs) console.log(d);
  if (diffs.length > 0) process.exit(1);
}

await main();
