/**
 * Runs the benchmarks and prints a Markdown table (paste into BENCHMARKS.md with the command).
 *   npm run bench                 every benchmark
 *   npm run bench -- audit http   a selection
 */
import os from 'node:os';
import { benchAudit } from './audit.bench.js';
import { benchDsr } from './dsr.bench.js';
import { benchHttp } from './http.bench.js';
import { benchMap } from './map.bench.js';
import { benchScan } from './scan.bench.js';
import { printRows, type Row } from './support.js';

const BENCHMARKS: Record<string, () => Promise<Row[]>> = {
  audit: () => benchAudit(Number(process.env.BENCH_AUDIT_EVENTS ?? 2000)),
  http: () => benchHttp(Number(process.env.BENCH_HTTP_REQUESTS ?? 5000)),
  scan: () => benchScan(Number(process.env.BENCH_SCAN_ROWS ?? 10_000_000)),
  map: () => benchMap(Number(process.env.BENCH_MAP_TABLES ?? 5000)),
  dsr: () => benchDsr(Number(process.env.BENCH_DSR_SUBJECTS ?? 1_000_000)),
};

const selected = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = selected.length ? selected : Object.keys(BENCHMARKS);
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(64);
}
console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString()}\n`);
const rows: Row[] = [];
for (const name of names) rows.push(...(await BENCHMARKS[name]!()));
printRows(rows);
