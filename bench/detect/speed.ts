/**
 * Throughput of Custos's detect() alone, on text it has not seen before (its caches are bounded
 * and keyed by value, so measuring repeated passes over one corpus would time cache hits):
 *
 *   npx tsx bench/detect/speed.ts [--module path/to/index.js] [--baseline path/to/index.js] [--kind dense|sparse|both] [--warmup N] [--rounds N] [--flat]
 *
 * - dense: the accuracy benchmark's corpus (bench/detect/corpus.ts), a fresh seed per round,
 *   nearly every record with personal data;
 * - sparse: records of 60-200 characters (en/de/pt/zh prose, JSON, log lines with order and
 *   invoice numbers, UUIDs, SKUs, timestamps, prices, versions), 2 % of them a dense record.
 *
 * Every round's texts are generated before any timing; warm-up rounds (JIT, name sets, compiled
 * regexes) run on seeds of their own first: by default 24 MB of text (texts.ts WARMUP_MB: before
 * that, V8 is still compiling rarely taken paths on its background threads, whose CPU time the
 * figure counts), or `--warmup N` rounds. The figure is the median over the timed rounds of MB
 * of UTF-8 per CPU second of this process (user + system; detect() runs on one thread, the rest
 * is the garbage collector's helpers), so a busy neighbour on the shared machine changes it less
 * than wall time would; wall-clock MB/s is printed beside it. `--module` points
 * at compiled output (e.g. a `tsc` build of src/discovery/detect) to time what ships.
 * `--baseline` loads a second build (say, the previous commit's) into the same process and times
 * both on every round's texts, each module first on one half of them (the second reader of a text
 * finds it warm); each module keeps its own caches, so both see new text. On a shared machine the
 * ratio of the two is steadier than separate runs.
 * `--flat` copies every text into a flat string before timing: the generators build texts by
 * concatenation, and V8 flattens such a string on its first character read, inside detect()'s time
 * (a sixth of it on sparse log lines); text read from a file, a socket or a database arrives flat.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { WARMUP_CPU_SECONDS, WARMUP_MB, dense, sparse } from './texts.js';

type DetectFn = (text: string) => unknown[];

interface Args { module: string; baseline?: string; kinds: ('dense' | 'sparse')[]; rounds: number; warmup?: number; flat: boolean }

function parseArgs(argv: string[]): Args {
  const args: Args = { module: new URL('../../src/discovery/detect/index.js', import.meta.url).href, kinds: ['dense', 'sparse'], rounds: 5, flat: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === '--flat') {
      args.flat = true;
      continue;
    }
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

function bytesOf(texts: readonly string[]): number {
  return texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
}

interface Timing { cpu: number; wall: number; spans: number }

function sum(a: Timing, b: Timing): Timing {
  return { cpu: a.cpu + b.cpu, wall: a.wall + b.wall, spans: a.spans + b.spans };
}

/** CPU seconds and wall seconds for one pass. */
function timed(detect: DetectFn, texts: readonly string[]): Timing {
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
  console.log(`node ${process.version}, module ${args.module}${base ? `, baseline ${args.baseline}` : ''}${args.flat ? ', flat texts' : ''}`);
  for (const kind of args.kinds) {
    const generate = kind === 'dense' ? dense : sparse;
    // JSON.stringify and parse copy a string exactly (lone surrogates too) into a flat one.
    const make = (seed: number): string[] => (args.flat ? (JSON.parse(JSON.stringify(generate(seed))) as string[]) : generate(seed));
    const rounds = Array.from({ length: args.rounds }, (_, r) => make(200 + r));
    let warmed = 0;
    let spent = 0;
    for (let r = 0; args.warmup !== undefined ? r < args.warmup : warmed < WARMUP_MB && spent < WARMUP_CPU_SECONDS; r++) {
      const texts = make(1000 + r);
      spent += timed(mod.detect, texts).cpu;
      if (base) spent += timed(base.detect, texts).cpu;
      warmed += bytesOf(texts) / 1e6;
    }
    console.log(`${kind}: warmed up on ${warmed.toFixed(1)} MB (${spent.toFixed(1)} CPU s)`);
    const rates: number[] = [];
    const baseRates: number[] = [];
    for (let r = 0; r < rounds.length; r++) {
      const texts = rounds[r]!;
      const bytes = bytesOf(texts);
      let t: Timing;
      let b: Timing | null = null;
      if (base) {
        // Whichever runs second on a text reads it warm (cached, flattened), and an A/A run of one
        // build against a copy of itself timed the first runner 15-17 % slower on dense text. So each
        // round is timed in two halves, each module first on one of them (ABBA).
        const half = Math.ceil(texts.length / 2);
        const first = texts.slice(0, half);
        const second = texts.slice(half);
        const m1 = timed(mod.detect, first);
        const b1 = timed(base.detect, first);
        const b2 = timed(base.detect, second);
        const m2 = timed(mod.detect, second);
        t = sum(m1, m2);
        b = sum(b1, b2);
      } else t = timed(mod.detect, texts);
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
