/**
 * Speed of every detector (Custos and the npm peers of run.ts) on the texts of speed.ts, each on
 * text it has not seen (a fresh seed per round) and copied flat, in MB of UTF-8 per CPU second:
 *
 *   npx tsx bench/detect/peers-speed.ts [--kind dense|sparse|both] [--rounds N] [--warmup N] [--only Custos,@redactpii/node] [--module build/index.js]
 *
 * run.ts times each detector on its accuracy corpus repeated (so caches answer repeated values);
 * this is the figure for new text, dense (nearly every record holds personal data) and sparse
 * ("mixed": prose, JSON, log lines, 2 % with personal data). Each detector runs in a process of
 * its own on the same seeds (texts copied flat, as text read from a file or a socket arrives).
 * `--module` times another build of Custos (the compiled JavaScript, as shipped) instead of the
 * work tree's TypeScript through tsx. Custos's sparse figure depends on what the process saw
 * first: after the dense rounds (`--kind both`, the default and the figure BENCHMARKS.md reports)
 * it ran 32.3 MB/s, after 60 MB of sparse warm-up alone 28.6 (same build, same minute).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCustos } from './custos.js';
import { PEERS } from './peers/index.js';
import type { Detector } from './peers/types.js';
import { WARMUP_CPU_SECONDS, WARMUP_MB, dense, sparse } from './texts.js';

interface Args { kinds: ('dense' | 'sparse')[]; rounds: number; only: string[] | null; module?: string; warmup?: number }

function parseArgs(argv: string[]): Args {
  const args: Args = { kinds: ['dense', 'sparse'], rounds: 5, only: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [a, v] = [argv[i], argv[i + 1]];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--kind') args.kinds = v === 'both' ? ['dense', 'sparse'] : [v as 'dense' | 'sparse'];
    else if (a === '--rounds') args.rounds = Number(v);
    else if (a === '--only') args.only = v.split(',');
    else if (a === '--module') args.module = pathToFileURL(v).href;
    else if (a === '--warmup') args.warmup = Number(v);
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

async function timeOne(det: Detector, texts: readonly string[]): Promise<number> {
  const c0 = process.cpuUsage();
  for (const t of texts) {
    try {
      const r = det.run(t);
      if (r instanceof Promise) await r;
    } catch {
      // run.ts counts failures; here only time matters.
    }
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Every detector's name, in the order run.ts lists them. */
const NAMES = ['Custos', ...PEERS.map((p) => p.name)];

async function load(name: string, module: string | undefined): Promise<Detector> {
  if (name === 'Custos') {
    const custos = await loadCustos(undefined, module);
    if ('error' in custos) throw new Error(custos.error);
    return custos.detector as Detector;
  }
  const peer = PEERS.find((p) => p.name === name);
  if (!peer) throw new Error(`unknown detector ${name}; known: ${NAMES.join(', ')}`);
  return peer.load();
}

/** One detector, alone in this process: median MB per CPU second on each kind of text. */
async function measure(name: string, args: Args): Promise<void> {
  const det = await load(name, args.module);
  for (const kind of args.kinds) {
    const make = (seed: number): string[] => JSON.parse(JSON.stringify(kind === 'dense' ? dense(seed) : sparse(seed))) as string[];
    // Warm-up on seeds of its own: WARMUP_MB of text or WARMUP_CPU_SECONDS (texts.ts says why), or --warmup N rounds.
    let spent = 0;
    let warmed = 0;
    for (let k = 0; args.warmup !== undefined ? k < args.warmup : warmed < WARMUP_MB && spent < WARMUP_CPU_SECONDS; k++) {
      const texts = make(1000 + k);
      spent += await timeOne(det, texts);
      warmed += texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
    }
    const rates: number[] = [];
    for (let r = 0; r < args.rounds; r++) {
      const texts = make(200 + r);
      const mb = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
      rates.push(mb / (await timeOne(det, texts)));
    }
    console.log(`${kind}\t${det.name}\t${det.version}\t${median(rates).toFixed(2)}\t${rates.map((x) => x.toFixed(1)).join(' ')}`);
  }
}

/**
 * Each detector in a process of its own: in one process with all seven others, @redactpii/node ran
 * at 13 MB/s on sparse text; beside two of them, and alone, at 43 MB/s (same seeds, same day).
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (process.env.PEERS_SPEED_CHILD) return measure(process.env.PEERS_SPEED_CHILD, args);
  const names = args.only ?? NAMES;
  const rows: string[][] = [];
  for (const name of names) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      env: { ...process.env, PEERS_SPEED_CHILD: name },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) {
      console.log(`${name}: failed (${(child.stderr || child.stdout).trim().split('\n').slice(-1)[0]})`);
      continue;
    }
    for (const line of child.stdout.trim().split('\n')) if (line.includes('\t')) rows.push(line.split('\t'));
  }
  console.log(`node ${process.version}, ${args.rounds} rounds of fresh text per kind, median MB per CPU second, one process per detector`);
  for (const kind of args.kinds) {
    console.log(`\n${kind}:`);
    for (const [k, name, version, med, rounds] of rows) if (k === kind) console.log(`  ${`${name} ${version}`.padEnd(44)} ${med!.padStart(8)}   rounds: ${rounds}`);
  }
}

await main();
