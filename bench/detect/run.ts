/**
 * Detection accuracy and speed: Custos's detect() next to the npm detectors people use today, on
 * the same generated, labeled corpus, in the same run.
 *
 *   npx tsx bench/detect/run.ts [--seed N] [--records N] [--json out.json] [--only a,b] [--min-score X]
 *
 * Prints Markdown: the detectors and their versions, F1 per entity (Custos first, '—' where a
 * detector does not support the entity), and a summary (micro P/R/F1 over all entities and over
 * checksum-validated ones, false positives on hard negatives, MB/s). Writes the corpus to
 * bench/detect/out/corpus.jsonl. The match rule is documented in score.ts, the labeling
 * conventions in corpus.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateCorpus, toJsonl } from './corpus.js';
import { loadCustos } from './custos.js';
import { PEERS } from './peers/index.js';
import type { Detector } from './peers/types.js';
import { Scorer, overlap, type Prf } from './score.js';
import { CHECKSUM_TYPES, ENTITY_TYPES, type CorpusRecord, type Span } from './types.js';

interface Args {
  seed: number;
  records: number;
  json?: string;
  only?: string[];
  minScore?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seed: 1, records: 4000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') args.seed = Number(next());
    else if (a === '--records') args.records = Number(next());
    else if (a === '--json') args.json = next();
    else if (a === '--only') args.only = next().split(',');
    else if (a === '--min-score') args.minScore = Number(next());
    else if (a === '--help' || a === '-h') {
      console.log('usage: npx tsx bench/detect/run.ts [--seed N] [--records N] [--json out.json] [--only name,name] [--min-score X]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.seed) || !Number.isInteger(args.records) || args.records < 1) throw new Error('--seed and --records take integers');
  return args;
}

interface Outcome {
  name: string;
  version: string;
  notes: string;
  supports: readonly string[];
  status: 'ok' | 'failed';
  error?: string;
  /** Records whose output could not be aligned with the input (spans unknown: scored as no findings). */
  alignmentFailures: number;
  /** Records on which the detector threw (scored as no findings). */
  runErrors: number;
  firstRunError?: string;
  hardNegativeHits: number;
  hardNegativeHitsByKind: Record<string, number>;
  perEntity: Record<string, Prf | null>;
  microAll?: Prf;
  microSupported?: Prf;
  checksumAll?: Prf;
  checksumSupported?: Prf;
  speed?: { mbPerS: number; passes: number; seconds: number; bytes: number };
}

async function accuracy(det: Detector, corpus: readonly CorpusRecord[], out: Outcome): Promise<void> {
  const scorer = new Scorer(ENTITY_TYPES, new Set(det.supports));
  for (const rec of corpus) {
    let spans: Span[] | null;
    try {
      const result = await det.run(rec.text);
      spans = det.spans(rec.text, result);
    } catch (err) {
      out.runErrors++;
      out.firstRunError ??= `${rec.id}: ${(err as Error).message}`;
      spans = [];
    }
    if (spans === null) {
      out.alignmentFailures++;
      spans = [];
    }
    const supported = spans.filter((s) => det.supports.includes(s.type as never));
    scorer.add(rec.spans, supported);
    for (const s of supported) {
      const hit = rec.negatives.find((n) => overlap(n, s) > 0 && !rec.spans.some((g) => overlap(g, s) > 0));
      if (hit) {
        out.hardNegativeHits++;
        out.hardNegativeHitsByKind[hit.kind] = (out.hardNegativeHitsByKind[hit.kind] ?? 0) + 1;
      }
    }
  }
  for (const t of ENTITY_TYPES) out.perEntity[t] = scorer.entity(t);
  out.microAll = scorer.microAll();
  out.microSupported = scorer.microSupported();
  out.checksumAll = scorer.microAll(CHECKSUM_TYPES);
  out.checksumSupported = scorer.microSupported(CHECKSUM_TYPES);
}

/** Single-threaded throughput: a warm-up pass, then whole passes over the corpus texts until ≥ 3 passes and ≥ 2 s (at most 10 passes or 30 s). */
async function speed(det: Detector, texts: readonly string[]): Promise<Outcome['speed']> {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const pass = async (): Promise<void> => {
    for (const t of texts) {
      try {
        const r = det.run(t);
        if (r instanceof Promise) await r;
      } catch {
        // Errors are counted in the accuracy pass.
      }
    }
  };
  await pass();
  let passes = 0;
  const start = performance.now();
  let elapsed = 0;
  while (passes < 10 && (passes < 3 || elapsed < 2000) && elapsed < 30_000) {
    await pass();
    passes++;
    elapsed = performance.now() - start;
  }
  const seconds = elapsed / 1000;
  return { mbPerS: (bytes * passes) / 1e6 / seconds, passes, seconds, bytes };
}

const f2 = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(2));
const f3 = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(3));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const corpus = generateCorpus({ seed: args.seed, records: args.records });
  const outDir = fileURLToPath(new URL('./out/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}corpus.jsonl`, toJsonl(corpus));
  const texts = corpus.map((r) => r.text);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const gold = new Map<string, number>();
  for (const r of corpus) for (const s of r.spans) gold.set(s.type, (gold.get(s.type) ?? 0) + 1);
  const negatives = corpus.reduce((n, r) => n + r.negatives.length, 0);

  const cpu = os.cpus()[0]?.model ?? 'cpu';
  console.log(`node ${process.version}, ${os.cpus().length} × ${cpu}, ${new Date().toISOString()}`);
  console.log(
    `corpus: seed ${args.seed}, ${corpus.length} records, ${(bytes / 1e6).toFixed(2)} MB, ${[...gold.values()].reduce((a, b) => a + b, 0)} labeled spans, ${negatives} hard negatives → bench/detect/out/corpus.jsonl\n`,
  );

  const detectors: { name: string; load: () => Promise<Detector> }[] = [];
  const custos = await loadCustos(args.minScore);
  if ('error' in custos) {
    console.log(`Custos: skipped (${custos.error})\n`);
    const reason = custos.error;
    detectors.push({
      name: 'Custos',
      load: () => Promise.reject(new Error(reason)),
    });
  } else detectors.push({ name: 'Custos', load: async () => custos.detector as Detector });
  detectors.push(...PEERS);
  const selected = args.only ? detectors.filter((d) => args.only!.includes(d.name)) : detectors;

  const outcomes: Outcome[] = [];
  for (const d of selected) {
    const out: Outcome = { name: d.name, version: '?', notes: '', supports: [], status: 'ok', alignmentFailures: 0, runErrors: 0, hardNegativeHits: 0, hardNegativeHitsByKind: {}, perEntity: {} };
    outcomes.push(out);
    let det: Detector;
    try {
      det = await d.load();
    } catch (err) {
      out.status = 'failed';
      out.error = `failed to load: ${(err as Error).message.split('\n')[0]}`;
      process.stderr.write(`${d.name}: ${out.error}\n`);
      continue;
    }
    Object.assign(out, { version: det.version, notes: det.notes, supports: det.supports });
    process.stderr.write(`${d.name}: accuracy … `);
    const t0 = performance.now();
    await accuracy(det, corpus, out);
    process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s; speed … `);
    if (out.runErrors === corpus.length) {
      out.status = 'failed';
      out.error = `threw on every record: ${out.firstRunError}`;
      process.stderr.write('skipped\n');
      continue;
    }
    const sp = await speed(det, texts);
    out.speed = sp;
    process.stderr.write(`${sp ? sp.mbPerS.toFixed(2) : '?'} MB/s\n`);
  }

  const ok = outcomes.filter((o) => o.status === 'ok');
  console.log('### Detectors\n');
  console.log(
    table(
      ['detector', 'version', 'entities scored', 'how spans are obtained', 'status'],
      outcomes.map((o) => [
        o.name,
        o.version,
        String(o.supports.length),
        o.notes,
        o.status === 'failed'
          ? o.error!
          : [o.runErrors ? `threw on ${o.runErrors} records (${o.firstRunError})` : '', o.alignmentFailures ? `${o.alignmentFailures} outputs not alignable` : ''].filter(Boolean).join('; ') || 'ok',
      ]),
    ),
  );

  console.log('\n### F1 per entity\n');
  const cs = new Set<string>(CHECKSUM_TYPES);
  console.log(
    table(
      ['entity', 'n', ...ok.map((o) => o.name)],
      ENTITY_TYPES.map((t) => [cs.has(t) ? `${t} ✓` : t, String(gold.get(t) ?? 0), ...ok.map((o) => f2(o.perEntity[t]?.f1))]),
    ),
  );
  console.log('\n✓ = checksum-validated entity. n = labeled spans in the corpus.');

  console.log('\n### Summary\n');
  const row = (label: string, f: (o: Outcome) => string): string[] => [label, ...ok.map(f)];
  console.log(
    table(
      ['', ...ok.map((o) => o.name)],
      [
        row('entities supported (of 28)', (o) => String(o.supports.length)),
        row('micro precision, all entities', (o) => f3(o.microAll?.precision)),
        row('micro recall, all entities', (o) => f3(o.microAll?.recall)),
        row('micro F1, all entities', (o) => f3(o.microAll?.f1)),
        row('micro F1, supported entities', (o) => f3(o.microSupported?.f1)),
        row('micro F1, checksum entities (15)', (o) => f3(o.checksumAll?.f1)),
        row('micro F1, supported checksum entities', (o) => (o.supports.some((t) => cs.has(t)) ? f3(o.checksumSupported?.f1) : '—')),
        row(`false positives on hard negatives (of ${negatives})`, (o) => String(o.hardNegativeHits)),
        row('MB/s (one core)', (o) => (o.speed ? o.speed.mbPerS.toFixed(2) : '—')),
      ],
    ),
  );
  console.log(
    '\n"All entities": gold spans of entities a detector does not support count as missed. "Supported": only the entities it claims. ' +
      'Match: same type and overlap ≥ 50% of the longer span, one-to-one (bench/detect/score.ts).',
  );

  if (args.json) {
    writeFileSync(
      args.json,
      JSON.stringify(
        { node: process.version, cpu, cpus: os.cpus().length, date: new Date().toISOString(), seed: args.seed, records: corpus.length, bytes, gold: Object.fromEntries(gold), negatives, detectors: outcomes },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nwrote ${args.json}`);
  }
}

await main();
