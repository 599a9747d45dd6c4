/**
 * Data map cost at scale: the identity graph (reachability and shortest paths from every identity
 * field) over a generated map of many tables, against the baseline of a recursive CTE computing
 * plain reachability over the same edges in PostgreSQL, in the same run. Then the whole CI gate
 * (every rule, graph included) on the same map.
 */
import pg from 'pg';
import { checkMap } from '../src/datamap/check.js';
import type { MapField, MapState, MapTable, Reference } from '../src/datamap/datamap.types.js';
import { identityGraphOf } from '../src/datamap/map.js';
import { freshPostgres, time, type Row } from './support.js';

/** A forest of `tables` tables under 10 root tables holding an e-mail, each child keyed to a random earlier table. */
export function generatedMap(tables: number, seed = 7): MapState {
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const mapTables: MapTable[] = [];
  const fields: MapField[] = [];
  const references: Reference[] = [];
  for (let i = 0; i < tables; i += 1) {
    const name = `t${i}`;
    const columns = [{ name: 'id', dataType: 'int', kind: 'number' }, { name: 'parent_id', dataType: 'int', kind: 'number' }, ...Array.from({ length: 6 }, (_, c) => ({ name: `c${c}`, dataType: 'text', kind: 'text' }))];
    mapTables.push({ systemId: 's', system: 'big', schema: 'public', table: name, kind: 'table', rowEstimate: 1000, primaryKey: ['id'], columns, origin: 'scanner' });
    const base = { systemId: 's', system: 'big', schema: 'public', table: name, dataType: 'text', level: 'L3', confidence: 0.9, provenance: 'scanner' as const, freeText: false };
    if (i < 10) fields.push({ ...base, id: `${name}.email`, column: 'c0', entity: 'EMAIL_ADDRESS', category: 'user.contact.email', identity: null });
    fields.push({ ...base, id: `${name}.name`, column: 'c1', entity: 'PERSON', category: 'user.name', identity: null });
    if (i >= 10) {
      const parent = Math.floor(random() * i);
      references.push({ id: `r${i}`, from: { system: 'big', schema: 'public', table: name, columns: ['parent_id'] }, to: { system: 'big', schema: 'public', table: `t${parent}`, columns: ['id'] }, origin: 'introspected', confidence: 1, status: 'active', evidence: {}, note: null });
    }
  }
  return {
    organisation: { name: 'Bench', role: 'controller' },
    systems: [{ id: 's', name: 'big', description: '', kind: 'database', engine: 'postgres', connection: '', scannable: true, owner: null, department: null, hostingRegion: null, hostingCountry: 'DE', role: 'controller', securityMeasures: [], reviewRequired: false }],
    tables: mapTables,
    fields,
    references,
    activities: [{ id: 'a', key: 'all', name: 'All', description: '', role: 'controller', controller: null, dataUses: ['essential.service'], dataCategories: ['user'], dataSubjects: ['customer'], legalBases: [{ jurisdiction: 'GDPR', basis: 'contract' }], retention: { period: 'P1Y', trigger: 'x' }, recipients: [], transfers: [], systems: [], dpia: { status: 'not_required' }, reviewRequired: false, reviewReasons: [], origin: 'code', createdAt: '', updatedAt: '' }],
    taxonomy: [],
  };
}

async function cteReachability(url: string, state: MapState): Promise<{ ms: number; reached: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create table edges (child text, parent text)');
    await client.query('insert into edges select * from unnest($1::text[], $2::text[])', [state.references.map((r) => r.from.table), state.references.map((r) => r.to.table)]);
    await client.query('create index on edges(child)');
    await client.query('create index on edges(parent)');
    await client.query('analyze edges');
    const roots = [...new Set(state.fields.filter((f) => f.entity === 'EMAIL_ADDRESS').map((f) => f.table))];
    const query = `with recursive reach(t) as (select unnest($1::text[]) union select case when e.child = r.t then e.parent else e.child end from reach r join edges e on e.child = r.t or e.parent = r.t) select count(*)::int as n from reach`;
    await client.query(query, [roots]);
    const runs: number[] = [];
    let reached = 0;
    for (let i = 0; i < 5; i += 1) {
      const { ms, result } = await time(() => client.query<{ n: number }>(query, [roots]));
      runs.push(ms);
      reached = result.rows[0]!.n;
    }
    return { ms: runs.sort((a, b) => a - b)[2]!, reached };
  } finally {
    await client.end();
  }
}

function median(fn: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export async function benchMap(tables: number): Promise<Row[]> {
  const state = generatedMap(tables);
  identityGraphOf(state);
  const graphMs = median(() => identityGraphOf(state));
  const reachedByGraph = identityGraphOf(state).reachable.length;
  const database = await freshPostgres('custos_bench_map');
  try {
    const cte = await cteReachability(database.url, state);
    if (cte.reached !== reachedByGraph) throw new Error(`graph reached ${reachedByGraph} tables, the CTE ${cte.reached}`);
    const checkMs = median(() => checkMap(state));
    return [
      { benchmark: `identity graph (${state.references.length} references), ms`, store: 'in-process', n: tables, custos: graphMs.toFixed(1), baseline: `recursive CTE ${cte.ms.toFixed(1)}`, ratio: `${(graphMs / cte.ms).toFixed(2)}×` },
      { benchmark: `custos check (every rule), ms`, store: 'in-process', n: tables, custos: checkMs.toFixed(1), baseline: `graph alone ${graphMs.toFixed(1)}`, ratio: `${(checkMs / graphMs).toFixed(2)}×` },
    ];
  } finally {
    await database.drop();
  }
}
