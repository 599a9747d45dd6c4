/**
 * Speed of every detector (Custos and the npm peers of run.ts) on the texts of speed.ts, each on
 * text it has not seen (a fresh seed per round) and copied flat, in MB of UTF-8 per CPU second:
 *
 *   npx tsx bench/detect/peers-speed.ts [--kind dense|sparse|both] [--rounds N] [--only Custos,@redactpii/node]
 *
 * run.ts times each detector on its accuracy corpus repeated (so caches answer repeated values);
 * this is the figure for new text, dense (nearly every record holds personal data) and sparse
 * ("mixed": prose, JSON, log lines, 2 % with personal data). Each round times the detectors one
 * after another on the same texts, in an order that rotates every round (the first reader of a
 * text pays for flattening nothing, they are flat, but may warm shared CPU caches for the next).
 */
import { loadCustos } from './custos.js';
import { PEERS } from './peers/index.js';
import type { Detector } from './peers/types.js';
import { dense, sparse } from './texts.js';

interface Args { kinds: ('dense' | 'sparse')[]; rounds: number; only: string[] | null }

function parseArgs(argv: string[]): Args {
  const args: Args = { kinds: ['dense', 'sparse'], rounds: 5, only: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [a, v] = [argv[i], argv[i + 1]];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--kind') args.kinds = v === 'both' ? ['dense', 'sparse'] : [v as 'dense' | 'sparse'];
    else if (a === '--rounds') args.rounds = Number(v);
    else if (a === '--only') args.only = v.split(',');
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const detectors: Detector[] = [];
  const custos = await loadCustos();
  if ('error' in custos) throw new Error(custos.error);
  detectors.push(custos.detector as Detector);
  for (const p of PEERS) {
    try {
      detectors.push(await p.load());
    } catch (err) {
      console.log(`${p.name}: not loaded (${(err as Error).message.split('\n')[0]})`);
    }
  }
  const chosen = args.only ? detectors.filter((d) => args.only!.includes(d.name)) : detectors;
  console.log(`node ${process.version}; ${chosen.map((d) => `${d.name} ${d.version}`).join(', ')}`);
  for (const kind of args.kinds) {
    const make = (seed: number): string[] => JSON.parse(JSON.stringify(kind === 'dense' ? dense(seed) : sparse(seed))) as string[];
    const warm = make(100);
    for (const d of chosen) await timeOne(d, warm);
    const rates = new Map<string, number[]>(chosen.map((d) => [d.name, []]));
    for (let r = 0; r < args.rounds; r++) {
      const texts = make(200 + r);
      const mb = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
      for (let k = 0; k < chosen.length; k++) {
        const d = chosen[(k + r) % chosen.length]!;
        rates.get(d.name)!.push(mb / (await timeOne(d, texts)));
      }
    }
    console.log(`\n${kind} (${args.rounds} rounds of fresh text, median MB per CPU second):`);
    for (const d of chosen) console.log(`  ${d.name.padEnd(30)} ${median(rates.get(d.name)!).toFixed(2).padStart(8)}   rounds: ${rates.get(d.name)!.map((x) => x.toFixed(1)).join(' ')}`);
  }
}

await main();
