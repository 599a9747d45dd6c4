/**
 * Throughput of Custos's detect() alone, on text it has not seen before (its caches are bounded
 * and keyed by value, so measuring repeated passes over one corpus would time cache hits):
 *
 *   npx tsx bench/detect/speed.ts [--module path/to/index.js] [--baseline path/to/index.js] [--kind dense|sparse|both] [--warmup N] [--rounds N]
 *
 * - dense: the accuracy benchmark's corpus (bench/detect/corpus.ts), a fresh seed per round,
 *   nearly every record with personal data;
 * - sparse: records of 60-200 characters (en/de/pt/zh prose, JSON, log lines with order and
 *   invoice numbers, UUIDs, SKUs, timestamps, prices, versions), 2 % of them a dense record.
 *
 * Every round's texts are generated before any timing; warm-up rounds (JIT, name sets, compiled
 * regexes) run on seeds of their own first: by default about 3.4 MB of text (8 dense rounds or 2
 * sparse ones), after which the rate no longer climbs. The figure is the median over the timed rounds of MB
 * of UTF-8 per CPU second of this process (user + system; detect() runs on one thread, the rest
 * is the garbage collector's helpers), so a busy neighbour on the shared machine changes it less
 * than wall time would; wall-clock MB/s is printed beside it. `--module` points
 * at compiled output (e.g. a `tsc` build of src/discovery/detect) to time what ships.
 * `--baseline` loads a second build (say, the previous commit's) into the same process and times
 * both on every round's texts, alternating which goes first; each module keeps its own caches, so
 * both see new text. On a shared machine the ratio of the two is steadier than separate runs.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generateCorpus } from './corpus.js';
import * as g from './generators.js';
import { Rng } from './rng.js';

type DetectFn = (text: string) => unknown[];

interface Args { module: string; baseline?: string; kinds: ('dense' | 'sparse')[]; rounds: number; warmup?: number }

function parseArgs(argv: string[]): Args {
  const args: Args = { module: new URL('../../src/discovery/detect/index.js', import.meta.url).href, kinds: ['dense', 'sparse'], rounds: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === '--module' && v) args.module = pathToFileURL(v).href;
    else if (a === '--baseline' && v) args.baseline = pathToFileURL(v).href;
    else if (a === '--kind' && (v === 'dense' || v === 'sparse')) args.kinds = [v];
    else if (a === '--kind' && v === 'both') args.kinds = ['dense', 'sparse'];
    else if (a === '--rounds' && v) args.rounds = Number(v);
    else if (a === '--warmup' && v) args.warmup = Number(v);
    else throw new Error(`unknown argument ${a}`);
    i++;
  }
  return args;
}

const PROSE = [
  'Thanks for your message, we will get back to you within two business days.',
  'The meeting was moved to Thursday afternoon because of the product launch.',
  'Please find attached the quarterly report and the updated roadmap for next year.',
  'Vielen Dank für Ihre Anfrage, wir melden uns so bald wie möglich bei Ihnen.',
  'Die Lieferung verzögert sich leider um einige Tage wegen des Feiertags.',
  'Obrigado pelo contato, sua solicitação foi registrada e será analisada em breve.',
  'O pedido foi enviado hoje e deve chegar até o fim da semana.',
  '感谢您的反馈，我们会尽快处理您的请求并通知您结果。',
  '本次更新修复了若干已知问题，并提升了系统的稳定性。',
  'Our team reviewed the pull request and left a few comments on the API design.',
  'The build passed on all platforms after the cache was cleared.',
];

/** One PII-free record of 60-200 characters. */
function plainRecord(rng: Rng): string {
  const locale = rng.pick(['en_US', 'de', 'pt_BR', 'zh_CN']);
  const pick = (): string => {
    switch (rng.int(0, 5)) {
      case 0:
        return `${rng.pick(PROSE)} Order ${g.orderNumber(rng)} shipped, tracking ${g.trackingNumber(rng)}.`;
      case 1:
        return `{"id":"${g.uuid(rng)}","sku":"${g.sku(rng)}","qty":${rng.int(1, 20)},"price":"${g.price(rng, locale)}"}`;
      case 2:
        return `${g.timestamp(rng)} INFO worker-${rng.int(1, 16)} processed batch ${rng.int(1, 99999)} in ${rng.int(1, 900)}ms (v${g.version(rng)})`;
      case 3:
        return `${rng.pick(PROSE)} Invoice ${g.invoiceNumber(rng)}, total ${g.price(rng, locale)}.`;
      case 4:
        return `${g.timestamp(rng)} WARN commit ${g.gitSha(rng)} request ${g.uuid(rng)} took ${rng.int(100, 5000)}ms`;
      default:
        return `${rng.pick(PROSE)} ${rng.pick(PROSE)}`;
    }
  };
  let s = pick();
  while (s.length < 60) s += ` ${pick()}`;
  return s.slice(0, 200);
}

function dense(seed: number): string[] {
  return generateCorpus({ seed, records: 4000 }).map((r) => r.text);
}

function sparse(seed: number): string[] {
  const rng = new Rng(seed);
  const pii = generateCorpus({ seed: seed + 1_000_000, records: 300 }).map((r) => r.text);
  const out: string[] = [];
  for (let i = 0; i < 15_000; i++) out.push(rng.chance(0.02) ? rng.pick(pii) : plainRecord(rng));
  return out;
}

function bytesOf(texts: readonly string[]): number {
  return texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
}

/** CPU seconds and wall seconds for one pass. */
function timed(detect: DetectFn, texts: readonly string[]): { cpu: number; wall: number; spans: number } {
  let spans = 0;
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (const t of texts) spans += detect(t).length;
  const wall = (performance.now() - w0) / 1000;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall, spans };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const mod = (await import(args.module)) as { detect: DetectFn };
  const base = args.baseline ? ((await import(args.baseline)) as { detect: DetectFn }) : null;
  console.log(`node ${process.version}, module ${args.module}${base ? `, baseline ${args.baseline}` : ''}`);
  for (const kind of args.kinds) {
    const make = kind === 'dense' ? dense : sparse;
    const warm = Array.from({ length: args.warmup ?? (kind === 'dense' ? 8 : 2) }, (_, r) => make(100 + r));
    const rounds = Array.from({ length: args.rounds }, (_, r) => make(200 + r));
    for (const texts of warm) {
      timed(mod.detect, texts);
      if (base) timed(base.detect, texts);
    }
    const rates: number[] = [];
    const baseRates: number[] = [];
    for (let r = 0; r < rounds.length; r++) {
      const texts = rounds[r]!;
      const bytes = bytesOf(texts);
      // With a baseline, odd rounds time it first: neither always runs on a warmer machine.
      const b0 = base && r % 2 === 1 ? timed(base.detect, texts) : null;
      const t = timed(mod.detect, texts);
      const b = base ? (b0 ?? timed(base.detect, texts)) : null;
      rates.push(bytes / 1e6 / t.cpu);
      if (b) baseRates.push(bytes / 1e6 / b.cpu);
      const vs = b ? `; baseline ${(bytes / 1e6 / b.cpu).toFixed(2)} MB/s CPU, ${b.spans} spans` : '';
      console.log(`${kind} round ${r + 1}: ${(bytes / 1e6).toFixed(2)} MB, ${t.spans} spans, ${(bytes / 1e6 / t.cpu).toFixed(2)} MB/s CPU (${(bytes / 1e6 / t.wall).toFixed(2)} MB/s wall)${vs}`);
    }
    const vs = base ? `; baseline ${median(baseRates).toFixed(2)} MB/s, ratio ${(median(rates) / median(baseRates)).toFixed(2)}` : '';
    console.log(`${kind}: median ${median(rates).toFixed(2)} MB/s (CPU time)${vs}`);
  }
}

await main();
