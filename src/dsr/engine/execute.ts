/**
 * The executor: one connection and one transaction per system. The person's rows are computed in
 * the database into temporary tables of row keys (one per table) and grown to a fixpoint with
 * set-based INSERT … SELECT statements, one per edge and direction per round; then split into
 * shared rows (kept), rows to delete and rows to update, and erased in foreign-key order.
 *
 * Idempotence: deleted rows are gone, pseudonyms and masks never match an identity again, and a
 * value that already is a pseudonym is not pseudonymised twice, so a second run finds nothing (or
 * rewrites the same values). A system whose step is done (`isDone`) is skipped; the caller records
 * `markDone` per system after its transaction committed, so a run interrupted between systems
 * finishes the rest with the same final state.
 *
 * Errors and results carry table names, counts and driver error codes only, never values.
 */
import { tableKey } from '../../datamap/graph/keys.js';
import { correctedColumns } from './corrections.js';
import type { TableRef } from '../../datamap/graph/types.js';
import { isPseudonym, maskValue, pseudonymise } from './policy.js';
import { PgSystemRun } from './execute-pg.js';
import { Sql } from './sql.js';
import type { BridgeSeed, EngineConnection, EraseStep, FieldCount, NormalisedIdentity, Plan, PlanEdge, PlanTable, RunMode, SystemPlan, SystemResult, TableResult, VerifyResult } from './types.js';

export interface RunOptions {
  /** A dedicated connection for the system (released by the executor). */
  connect(system: string): Promise<EngineConnection>;
  mode: RunMode;
  /**
   * Rectification: the corrected value per data category (`user.contact.phone_number`) or per
   * column (`columnKey`: `system/schema/table#column`; wins over the category). With it, `dry-run`
   * counts and `rectify` writes the corrections, on the person's rows that are not shared.
   */
  corrections?: Record<string, string>;
  /** Hex HMAC key for pseudonyms; required to erase. */
  pseudonymKey?: string;
  /** Access: the person's rows, in batches, per table. */
  onRows?(system: string, table: TableRef, rows: Record<string, unknown>[]): void | Promise<void>;
  isDone?(stepId: string): boolean | Promise<boolean>;
  markDone?(stepId: string, result: SystemResult): void | Promise<void>;
  batchSize?: number;
  /** Where an erasure keeps the values its bridges carry (see `followBridges`), so a resumed run uses the same ones. */
  bridges?: { load(): Promise<Map<string, BridgeSeed[]> | null>; save(seeds: Map<string, BridgeSeed[]>): Promise<void> };
  /** Access: false counts the person's rows without reading them out (the plan of an access request). Default true. */
  readRows?: boolean;
  /** Rounds of the fixpoint before giving up (a guard, never reached by finite data). Default 1000. */
  maxRounds?: number;
  /** PostgreSQL executor: how long its reading statements may take before the run goes set-based (default 10,000 ms). */
  recursiveBudgetMs?: number;
  /**
   * `auto` (default): PostgreSQL targets use the few-statement executor (`execute-pg.ts`), others
   * the portable one; `portable` forces the portable executor (tests compare the two).
   */
  executor?: 'auto' | 'portable';
}

/** The id under which a system's part of a run is marked done. */
export function systemStepId(mode: RunMode, system: string): string {
  return `${mode}:${system}`;
}

class StepError extends Error {}

/** A driver error reduced to its code: messages may quote values (MySQL's duplicate-entry errors do). */
function safeError(where: string, err: unknown): string {
  if (err instanceof StepError) return err.message;
  const e = err as { code?: unknown; constraint?: unknown; table?: unknown; schema?: unknown } | null;
  const code = typeof e?.code === 'string' || typeof e?.code === 'number' ? ` ${e.code}` : '';
  // PostgreSQL names the constraint and its table: identifiers, never values.
  const on = typeof e?.table === 'string' ? ` on ${typeof e.schema === 'string' ? `${e.schema}.` : ''}${e.table}` : '';
  const constraint = typeof e?.constraint === 'string' ? ` (constraint ${e.constraint}${on})` : on;
  return `${where}: database error${code}${constraint}`;
}

function label(ref: TableRef): string {
  return ref.schema ? `${ref.schema}.${ref.table}` : ref.table;
}

class SystemRun {
  get system(): string {
    return this.plan.system;
  }
  private readonly sql: Sql;
  private readonly tables: PlanTable[];
  private readonly index = new Map<string, number>();
  private readonly temps: string[] = [];
  private readonly erase = new Map<string, EraseStep>();
  where = 'begin';

  constructor(
    db: EngineConnection,
    private readonly plan: SystemPlan,
    private readonly identities: NormalisedIdentity[],
    private readonly options: RunOptions,
    private readonly bridged: BridgeSeed[] = [],
  ) {
    // MySQL has no session schema for temporary tables without a current database: they go next to the first table.
    this.sql = new Sql(db, plan.tables[0]?.ref.schema);
    this.tables = plan.tables;
    plan.tables.forEach((t, i) => this.index.set(tableKey(t.ref), i));
    for (const s of plan.steps) if (s.kind === 'erase') this.erase.set(tableKey(s.table), s);
  }

  private t(key: string): PlanTable {
    return this.tables[this.index.get(key)!]!;
  }
  private name(prefix: string, key: string): string {
    return this.sql.temp(`_custos_${prefix}${this.index.get(key)!}`);
  }
  private tempEq(table: PlanTable, a: string, b: string): string {
    return table.key.map((_, i) => (table.keyIsPrimary ? `${a}.k${i} = ${b}.k${i}` : this.sql.same(`${a}.k${i}`, `${b}.k${i}`))).join(' and ');
  }
  private async temp(prefix: string, key: string, extra = ''): Promise<string> {
    const name = this.name(prefix, key);
    await this.sql.dropTemp([name]);
    await this.sql.createTemp(name, this.t(key), extra);
    this.temps.push(name);
    return name;
  }
  private async run(text: string, values: unknown[] = []): Promise<number> {
    return (await this.sql.db.query(text, values)).affected;
  }

  async cleanup(): Promise<void> {
    await this.sql.dropTemp(this.temps.splice(0));
  }

  /** Seeds, then every edge both ways (as allowed) until a round adds nothing. */
  async match(): Promise<void> {
    const s = this.sql;
    for (const t of this.tables) await this.temp('m', tableKey(t.ref), '1 as seed');
    for (const step of this.plan.steps) {
      if (step.kind !== 'match' || !step.seeds.length) continue;
      const key = tableKey(step.table);
      const t = this.t(key);
      this.where = `match ${label(t.ref)}`;
      const p = s.params();
      const preds = step.seeds.map((seed) => s.matches({ name: seed.column }, seed.identity, seed.json, this.identities, 't', p));
      await this.run(`insert into ${this.name('m', key)} (${s.tempCols(t)}, seed) select distinct ${s.keyList(t, 't')}, 1 from ${s.rel(t)} as t where ${preds.map((x) => `(${x})`).join(' or ')}`, p.values);
    }
    // Rows the person owns through a reference from another system (a bridge): owned, not matched by an identity.
    for (const b of this.bridged) {
      const t = this.t(b.table);
      const m = this.name('m', b.table);
      const p = s.params();
      const gate = t.identityTable ? ` and ${s.noIdentity(t, 't')}` : '';
      this.where = `bridge into ${label(t.ref)}`;
      await this.run(`insert into ${m} (${s.tempCols(t)}, seed) select distinct ${s.keyList(t, 't')}, 0 from ${s.rel(t)} as t where ${s.inTuples('t', b.columns, b.values, p)}${gate} and not exists (select 1 from ${m} as y where ${s.keyEq(t, 't', 'y')})`, p.values);
    }
    await this.analyze('m');
    // The person's own rows first (down, to the fixpoint), then what they point at (up): a row only
    // pointed at (seed 2) never passes the person on to its other children.
    await this.rounds((e) => (e.down ? this.followDown(e) : Promise.resolve(0)));
    // What the person's own rows point at (seed 2), all of it before anything further up (seed 3: reference data).
    for (const e of this.plan.edges) if (e.up) await this.followUp(e, 'x.seed < 2', 2);
    await this.rounds((e) => (e.up ? this.followUp(e, 'x.seed >= 2', 3) : Promise.resolve(0)));
  }

  private async rounds(step: (e: PlanEdge) => Promise<number>): Promise<void> {
    for (let round = 0; ; round++) {
      if (round >= (this.options.maxRounds ?? 1000)) throw new StepError('match: fixpoint did not settle');
      let added = 0;
      for (const e of this.plan.edges) added += await step(e);
      if (!added) break;
      await this.analyze('m');
    }
  }

  private followDown(e: PlanEdge): Promise<number> {
    const s = this.sql;
    const c = this.t(e.from.table);
    const p = this.t(e.to.table);
    const mc = this.name('m', e.from.table);
    const gate = c.identityTable ? ` and ${s.noIdentity(c, 'c')}` : '';
    this.where = `match ${label(c.ref)} from ${label(p.ref)}`;
    return this.run(
      `insert into ${mc} (${s.tempCols(c)}, seed) select distinct ${s.keyList(c, 'c')}, 0 from ${s.rel(c)} as c join ${s.rel(p)} as p on ${s.linkEq(c, 'c', e.from.columns, p, 'p', e.to.columns)} join ${this.name('m', e.to.table)} as x on ${s.keyEq(p, 'p', 'x')}
        where not exists (select 1 from ${mc} as y where ${s.keyEq(c, 'c', 'y')})${gate}`,
    );
  }

  private followUp(e: PlanEdge, from: string, seed: 2 | 3): Promise<number> {
    const s = this.sql;
    const c = this.t(e.from.table);
    const p = this.t(e.to.table);
    const mp = this.name('m', e.to.table);
    this.where = `match ${label(p.ref)} from ${label(c.ref)}`;
    return this.run(
      `insert into ${mp} (${s.tempCols(p)}, seed) select distinct ${s.keyList(p, 'p')}, ${seed} from ${s.rel(p)} as p join ${s.rel(c)} as c on ${s.linkEq(c, 'c', e.from.columns, p, 'p', e.to.columns)} join ${this.name('m', e.from.table)} as x on ${s.keyEq(c, 'c', 'x')}
        where ${from} and not exists (select 1 from ${mp} as y where ${s.keyEq(p, 'p', 'y')})`,
    );
  }

  /**
   * Shared rows: linked to a personal row outside the person's set (either way), and the children
   * of shared rows. Rows matched by an identity are the person's own and never shared.
   */
  async shared(): Promise<void> {
    const s = this.sql;
    for (const t of this.tables) await this.temp('s', tableKey(t.ref));
    // What the person's rows point at only through other such rows (a city, through an address) is reference data.
    for (const t of this.tables) {
      const key = tableKey(t.ref);
      await this.run(`insert into ${this.name('s', key)} (${s.tempCols(t)}) select ${s.tempCols(t).replace(/k(\d+)/g, 'x.k$1')} from ${this.name('m', key)} as x where x.seed = 3`);
    }
    const insertShared = async (into: string, target: PlanTable, join: string, where: string) => {
      const si = this.name('s', into);
      return this.run(
        `insert into ${si} (${s.tempCols(target)}) select distinct ${s.tempCols(target).replace(/k(\d+)/g, 'x.k$1')} from ${this.name('m', into)} as x ${join}
          where x.seed <> 1 and ${where} and not exists (select 1 from ${si} as z where ${this.tempEq(target, 'x', 'z')})`,
      );
    };
    for (const e of this.plan.edges) {
      const c = this.t(e.from.table);
      const p = this.t(e.to.table);
      const link = s.linkEq(c, 'c', e.from.columns, p, 'p', e.to.columns);
      this.where = `shared ${label(c.ref)}`;
      if (p.personal) {
        await insertShared(e.from.table, c, `join ${s.rel(c)} as c on ${s.keyEq(c, 'c', 'x')} join ${s.rel(p)} as p on ${link}`, `not exists (select 1 from ${this.name('m', e.to.table)} as y where ${s.keyEq(p, 'p', 'y')})`);
      }
      if (c.personal) {
        this.where = `shared ${label(p.ref)}`;
        await insertShared(e.to.table, p, `join ${s.rel(p)} as p on ${s.keyEq(p, 'p', 'x')} join ${s.rel(c)} as c on ${link}`, `not exists (select 1 from ${this.name('m', e.from.table)} as y where ${s.keyEq(c, 'c', 'y')})`);
      }
    }
    for (;;) {
      let added = 0;
      for (const e of this.plan.edges) {
        const c = this.t(e.from.table);
        const p = this.t(e.to.table);
        this.where = `shared ${label(c.ref)}`;
        added += await insertShared(
          e.from.table,
          c,
          `join ${s.rel(c)} as c on ${s.keyEq(c, 'c', 'x')} join ${s.rel(p)} as p on ${s.linkEq(c, 'c', e.from.columns, p, 'p', e.to.columns)} join ${this.name('s', e.to.table)} as y on ${s.keyEq(p, 'p', 'y')}`,
          // The person's own rows under a shared row, not rows only pointed at (a shared city does not share the address in it).
          'x.seed = 0',
        );
        if (e.up) {
          // What a shared row points at, that the person only reached by reference, is shared too.
          this.where = `shared ${label(p.ref)}`;
          added += await insertShared(
            e.to.table,
            p,
            `join ${s.rel(p)} as p on ${s.keyEq(p, 'p', 'x')} join ${s.rel(c)} as c on ${s.linkEq(c, 'c', e.from.columns, p, 'p', e.to.columns)} join ${this.name('s', e.from.table)} as y on ${s.keyEq(c, 'c', 'y')}`,
            'x.seed >= 2',
          );
        }
      }
      if (!added) break;
    }
    await this.analyze('s');
  }

  /**
   * Rows to delete: the person's unshared rows of delete_row tables, minus (to a fixpoint) rows
   * still referenced by a row that stays, which are updated instead. Then rows to update.
   */
  /**
   * Fresh statistics for the temporary key tables: unanalysed, PostgreSQL guesses thousands of
   * rows in each and scans whole base tables instead of using their foreign-key indexes.
   */
  private async analyze(prefix: string, only: (key: string) => boolean = () => true): Promise<void> {
    if (!this.sql.pg) return;
    for (const t of this.tables) {
      const key = tableKey(t.ref);
      if (only(key)) await this.run(`analyze ${this.name(prefix, key)}`);
    }
  }

  async partition(): Promise<void> {
    const s = this.sql;
    for (const t of this.tables) {
      const key = tableKey(t.ref);
      if (this.erase.get(key)?.rows !== 'delete_row') continue;
      this.where = `plan deletion ${label(t.ref)}`;
      const d = await this.temp('d', key);
      // Rows the person only points at (seed 2) are never deleted: at most their personal fields change.
      await this.run(`insert into ${d} (${s.tempCols(t)}) select ${s.tempCols(t).replace(/k(\d+)/g, 'x.k$1')} from ${this.name('m', key)} as x where x.seed < 2 and not exists (select 1 from ${this.name('s', key)} as z where ${this.tempEq(t, 'x', 'z')})`);
    }
    await this.analyze('d', (key) => this.erase.get(key)?.rows === 'delete_row');
    for (;;) {
      let removed = 0;
      for (const e of this.plan.edges) {
        if (this.erase.get(e.to.table)?.rows !== 'delete_row') continue;
        const c = this.t(e.from.table);
        const p = this.t(e.to.table);
        const dp = this.name('d', e.to.table);
        const childStays = this.erase.get(e.from.table)?.rows === 'delete_row' ? `not exists (select 1 from ${this.name('d', e.from.table)} as y where ${s.keyEq(c, 'c', 'y')})` : 'true';
        this.where = `plan deletion ${label(p.ref)}`;
        // MySQL's multi-table DELETE cannot name a qualified temporary table by alias: single-table form, full name.
        const target = s.pg ? 'd' : dp;
        const exists = `exists (select 1 from ${s.rel(p)} as p join ${s.rel(c)} as c on ${s.linkEq(c, 'c', e.from.columns, p, 'p', e.to.columns)} where ${s.keyEq(p, 'p', target)} and ${childStays})`;
        removed += await this.run(s.pg ? `delete from ${dp} as d where ${exists}` : `delete from ${dp} where ${exists}`);
      }
      if (!removed) break;
    }
    for (const t of this.tables) {
      const key = tableKey(t.ref);
      const u = await this.temp('u', key);
      const notDeleted = this.erase.get(key)?.rows === 'delete_row' ? ` and not exists (select 1 from ${this.name('d', key)} as d where ${this.tempEq(t, 'x', 'd')})` : '';
      this.where = `plan update ${label(t.ref)}`;
      await this.run(`insert into ${u} (${s.tempCols(t)}) select ${s.tempCols(t).replace(/k(\d+)/g, 'x.k$1')} from ${this.name('m', key)} as x where not exists (select 1 from ${this.name('s', key)} as z where ${this.tempEq(t, 'x', 'z')})${notDeleted}`);
    }
  }

  async matchCounts(): Promise<TableResult[]> {
    const out: TableResult[] = [];
    for (const t of this.tables) {
      const key = tableKey(t.ref);
      this.where = `count ${label(t.ref)}`;
      const matched = await this.sql.count(`select count(*) from ${this.name('m', key)}`);
      const shared = this.temps.includes(this.name('s', key)) ? await this.sql.count(`select count(*) from ${this.name('s', key)}`) : 0;
      out.push({ table: t.ref, matched, shared, deleted: 0, updated: 0, retained: 0, fields: [] });
    }
    return out;
  }

  async counts(): Promise<TableResult[]> {
    const s = this.sql;
    const out: TableResult[] = [];
    for (const t of this.tables) {
      const key = tableKey(t.ref);
      const step = this.erase.get(key)!;
      this.where = `count ${label(t.ref)}`;
      const matched = await s.count(`select count(*) from ${this.name('m', key)}`);
      const shared = await s.count(`select count(*) from ${this.name('s', key)}`);
      const deleted = step.rows === 'delete_row' ? await s.count(`select count(*) from ${this.name('d', key)}`) : 0;
      const kept = await s.count(`select count(*) from ${this.name('u', key)}`);
      const fields: FieldCount[] = [];
      for (const f of step.fields) {
        const rows = await s.count(`select count(*) from ${s.rel(t)} as t join ${this.name('u', key)} as x on ${s.keyEq(t, 't', 'x')} where t.${s.q(f.column)} is not null`);
        fields.push({ column: f.column, action: f.action, rows });
      }
      const changes = step.fields.some((f) => f.action !== 'retain');
      out.push({
        table: t.ref,
        matched,
        shared,
        deleted,
        updated: changes ? kept : 0,
        retained: step.rows === 'retain' || !changes ? kept : 0,
        fields,
        ...(step.retainReason ? { retainReason: step.retainReason } : {}),
      });
    }
    return out;
  }

  /** Access: the matched rows, in key order, in batches. */
  async read(): Promise<void> {
    const s = this.sql;
    const size = this.options.batchSize ?? 1000;
    for (const t of this.tables) {
      const key = tableKey(t.ref);
      this.where = `read ${label(t.ref)}`;
      for (let offset = 0; ; offset += size) {
        const p = s.params();
        const { rows } = await s.db.query(
          `select t.* from ${s.rel(t)} as t join ${this.name('m', key)} as x on ${s.keyEq(t, 't', 'x')} order by ${t.key.map((c) => `t.${s.q(c)}`).join(', ')} limit ${p.add(size)} offset ${p.add(offset)}`,
          p.values,
        );
        if (rows.length) await this.options.onRows?.(this.plan.system, t.ref, rows);
        if (rows.length < size) break;
      }
    }
  }

  async apply(key: string): Promise<void> {
    const s = this.sql;
    const steps = [...this.erase.values()].sort((a, b) => a.order - b.order);
    for (const step of steps) {
      const k = tableKey(step.table);
      if (step.rows !== 'delete_row') continue;
      for (const id of step.breakEdges) {
        const e = this.plan.edges.find((x) => x.id === id)!;
        const c = this.t(e.from.table);
        this.where = `break reference ${label(c.ref)}`;
        const set = e.from.columns.map((col) => `${s.updateFrom ? '' : 'c.'}${s.q(col)} = null`).join(', ');
        await this.run(s.updateFrom ? `update ${s.rel(c)} as c set ${set} from ${this.name('d', k)} as x where ${s.keyEq(c, 'c', 'x')}` : `update ${s.rel(c)} as c join ${this.name('d', k)} as x on ${s.keyEq(c, 'c', 'x')} set ${set}`);
      }
    }
    for (const step of steps) {
      if (step.rows !== 'delete_row') continue;
      const k = tableKey(step.table);
      const t = this.t(k);
      this.where = `delete ${label(t.ref)}`;
      await this.run(s.pg ? `delete from ${s.rel(t)} as t using ${this.name('d', k)} as x where ${s.keyEq(t, 't', 'x')}` : `delete from ${s.rel(t)} where exists (select 1 from ${this.name('d', k)} as x where ${s.keyEq(t, s.rel(t), 'x')})`);
    }
    for (const step of steps) {
      const k = tableKey(step.table);
      const t = this.t(k);
      const u = this.name('u', k);
      for (const f of step.fields) {
        if (f.action === 'retain') continue;
        const column = t.columns.find((c) => c.name === f.column)!;
        const col = s.q(f.column);
        this.where = `update ${label(t.ref)}.${f.column}`;
        if (f.action === 'pseudonymise') await this.pseudonymiseColumn(t, u, column.name, key);
        else {
          const p = s.params();
          const value = p.add(f.action === 'null' ? null : maskValue(column));
          await this.run(
            s.updateFrom ? `update ${s.rel(t)} as t set ${col} = ${value} from ${u} as x where ${s.keyEq(t, 't', 'x')} and t.${col} is not null` : `update ${s.rel(t)} as t join ${u} as x on ${s.keyEq(t, 't', 'x')} set t.${col} = ${value} where t.${col} is not null`,
            p.values,
          );
        }
      }
    }
  }

  /** Values read once per column, pseudonyms computed here, written back through a value map: set-based, and keyless tables work too. */
  private async pseudonymiseColumn(t: PlanTable, u: string, columnName: string, key: string): Promise<void> {
    const s = this.sql;
    const col = s.q(columnName);
    const column = t.columns.find((c) => c.name === columnName)!;
    const { rows } = await s.db.query(`select distinct t.${col} as v from ${s.rel(t)} as t join ${u} as x on ${s.keyEq(t, 't', 'x')} where t.${col} is not null`);
    const pairs = rows.map((r) => String(r.v)).filter((v) => !isPseudonym(v)).map((v) => [v, pseudonymise(v, key, column)] as const);
    if (!pairs.length) return;
    const map = s.temp('_custos_p');
    await s.dropTemp([map]);
    if (s.pg) await s.db.query(`create temp table ${map} on commit drop as select t.${col} as o, t.${col} as n from ${s.rel(t)} as t with no data`);
    else await s.db.query(`create temporary table ${map} as select t.${col} as o, t.${col} as n from ${s.rel(t)} as t where 1 = 0`);
    try {
      for (let i = 0; i < pairs.length; i += 500) {
        const p = s.params();
        const values = pairs.slice(i, i + 500).map(([o, n]) => `(${p.add(o)}, ${p.add(n)})`);
        await s.db.query(`insert into ${map} (o, n) values ${values.join(', ')}`, p.values);
      }
      await this.run(
        s.updateFrom ? `update ${s.rel(t)} as t set ${col} = m.n from ${u} as x, ${map} as m where ${s.keyEq(t, 't', 'x')} and t.${col} = m.o` : `update ${s.rel(t)} as t join ${u} as x on ${s.keyEq(t, 't', 'x')} join ${map} as m on t.${col} = m.o set t.${col} = m.n`,
      );
    } finally {
      await s.db.query(s.pg ? `drop table ${map}` : s.lite ? `drop table if exists temp.${map}` : `drop temporary table if exists ${map}`);
    }
  }

  /** Distinct values of `columns` in the person's own rows of a table (seeds and owned): what a bridge carries to another system. */
  async linkValues(table: string, columns: string[]): Promise<unknown[][]> {
    const s = this.sql;
    const t = this.t(table);
    const cols = columns.map((c) => `t.${s.q(c)}`);
    this.where = `bridge ${label(t.ref)}`;
    const { rows } = await s.db.query(`select distinct ${cols.map((c, i) => `${c} as v${i}`).join(', ')} from ${s.rel(t)} as t join ${this.name('m', table)} as x on ${s.keyEq(t, 't', 'x')} where x.seed < 2 and ${cols.map((c) => `${c} is not null`).join(' and ')}`);
    return rows.map((r) => columns.map((_, i) => r[`v${i}`]));
  }

  /** Rows per corrected column that would change (the person's unshared rows whose value differs). */
  async correctionCounts(corrections: Record<string, string>): Promise<TableResult[]> {
    const s = this.sql;
    const out: TableResult[] = [];
    for (const t of this.tables) {
      const key = tableKey(t.ref);
      this.where = `count ${label(t.ref)}`;
      const matched = await s.count(`select count(*) from ${this.name('m', key)}`);
      const shared = await s.count(`select count(*) from ${this.name('s', key)}`);
      const fields: FieldCount[] = [];
      for (const [column, value] of correctedColumns(t, corrections)) {
        const p = s.params();
        const rows = await s.count(`select count(*) from ${s.rel(t)} as t join ${this.name('m', key)} as x on ${s.keyEq(t, 't', 'x')} where not exists (select 1 from ${this.name('s', key)} as z where ${this.tempEq(t, 'x', 'z')}) and ${s.distinct(`t.${s.q(column)}`, p.add(value))}`, p);
        fields.push({ column, action: 'correct', rows });
      }
      out.push({ table: t.ref, matched, shared, deleted: 0, updated: Math.max(0, ...fields.map((f) => f.rows)), retained: 0, fields });
    }
    return out;
  }

  /** Writes the corrections to the person's unshared rows, one UPDATE per table. */
  async correct(corrections: Record<string, string>): Promise<void> {
    const s = this.sql;
    for (const t of this.tables) {
      const columns = correctedColumns(t, corrections);
      if (!columns.length) continue;
      const key = tableKey(t.ref);
      this.where = `correct ${label(t.ref)}`;
      const p = s.params();
      const sets = columns.map(([column, value]) => `${s.updateFrom ? '' : 't.'}${s.q(column)} = ${p.add(value)}`).join(', ');
      const unshared = `not exists (select 1 from ${this.name('s', key)} as z where ${this.tempEq(t, 'x', 'z')})`;
      await this.run(s.updateFrom ? `update ${s.rel(t)} as t set ${sets} from ${this.name('m', key)} as x where ${s.keyEq(t, 't', 'x')} and ${unshared}` : `update ${s.rel(t)} as t join ${this.name('m', key)} as x on ${s.keyEq(t, 't', 'x')} set ${sets} where ${unshared}`, p.values);
    }
  }

  /** Searches every reached table for the identities again (whole tables, not only the person's rows). */
  async verify(): Promise<VerifyResult[]> {
    const s = this.sql;
    const out: VerifyResult[] = [];
    for (const step of this.plan.steps) {
      if (step.kind !== 'verify') continue;
      const t = this.t(tableKey(step.table));
      for (const c of step.columns) {
        this.where = `verify ${label(t.ref)}.${c.column}`;
        const p = s.params();
        const remaining = await s.count(`select count(*) from ${s.rel(t)} as t where ${s.matches({ name: c.column }, c.identity, c.json, this.identities, 't', p)}`, p);
        const existing = out.find((r) => r.column === c.column && r.table === t.ref);
        if (existing) existing.remaining += remaining;
        else out.push({ table: t.ref, column: c.column, remaining, retained: c.retained });
      }
    }
    return out;
  }
}

/** One transaction per system; PostgreSQL reads one snapshot throughout (the PostgreSQL executor opens its own: `PgSystemRun.begin`). */
async function begin(db: EngineConnection, run?: SystemRun | PgSystemRun): Promise<void> {
  if (run instanceof PgSystemRun) return run.begin();
  if (db.dialect === 'postgres') {
    await db.query('begin isolation level repeatable read');
    // The recursive statements are large; JIT-compiling them costs seconds and saves nothing on a few dozen rows.
    await db.query('set local jit = off');
  } else await db.query(db.dialect === 'sqlite' ? 'begin' : 'start transaction');
}

function executorFor(db: EngineConnection, plan: Plan, sp: SystemPlan, options: RunOptions, bridged: BridgeSeed[]): SystemRun | PgSystemRun {
  return db.dialect === 'postgres' && options.executor !== 'portable' ? new PgSystemRun(db, sp, plan.identities, options, bridged) : new SystemRun(db, sp, plan.identities, options, bridged);
}

/**
 * Bridges to a fixpoint, before any system changes: each round matches the person in every system
 * that is the parent side of a bridge (read-only, rolled back) and carries the key values of their
 * rows to the child side's seeds, until no system gains a value. Bounded by the number of systems.
 */
async function followBridges(plan: Plan, options: RunOptions): Promise<Map<string, BridgeSeed[]>> {
  const seeds = new Map<string, BridgeSeed[]>();
  if (!plan.bridges.length) return seeds;
  const seen = new Map<string, Set<string>>();
  for (let round = 0; round <= plan.systems.length; round++) {
    let grew = false;
    for (const parent of [...new Set(plan.bridges.map((b) => b.to.system))]) {
      const sp = plan.systems.find((x) => x.system === parent);
      if (!sp) continue;
      const db = await options.connect(parent);
      let run = executorFor(db, plan, sp, { ...options, mode: 'dry-run' }, seeds.get(parent) ?? []);
      try {
        await begin(db, run);
        try {
          await run.match();
        } catch (err) {
          // Past the recursive plan's time budget: the same match, set-based (see runSystem).
          if ((err as { code?: unknown }).code !== '57014' || !(run instanceof PgSystemRun)) throw err;
          await db.query('rollback');
          run = new SystemRun(db, sp, plan.identities, { ...options, mode: 'dry-run' }, seeds.get(parent) ?? []);
          await begin(db);
          await run.match();
        }
        for (const b of plan.bridges.filter((x) => x.to.system === parent)) {
          const key = `${b.from.system}\u0000${b.from.table}\u0000${b.from.columns.join(',')}`;
          const known = seen.get(key) ?? new Set<string>();
          seen.set(key, known);
          const fresh = (await run.linkValues(b.to.table, b.to.columns)).filter((v) => !known.has(JSON.stringify(v)));
          if (!fresh.length) continue;
          for (const v of fresh) known.add(JSON.stringify(v));
          const list = seeds.get(b.from.system) ?? [];
          const entry = list.find((x) => x.table === b.from.table && x.columns.join(',') === b.from.columns.join(','));
          if (entry) entry.values.push(...fresh);
          else list.push({ table: b.from.table, columns: [...b.from.columns], values: fresh });
          seeds.set(b.from.system, list);
          grew = true;
        }
      } finally {
        await (run instanceof PgSystemRun ? run.end(false) : db.query('rollback')).catch(() => undefined);
        await run.cleanup().catch(() => undefined);
        await db.release();
      }
    }
    if (!grew) break;
  }
  return seeds;
}

async function runSystem(plan: Plan, sp: SystemPlan, options: RunOptions, bridged: BridgeSeed[]): Promise<SystemResult> {
  const db = await options.connect(sp.system);
  try {
    const first = executorFor(db, plan, sp, options, bridged);
    const outcome = await attempt(db, first, options);
    // The recursive plan looks rows up one by one: fast for a person's few dozen rows, slow for
    // thousands behind a reference whose column has no index. Past its time budget (nothing has
    // changed yet: the budget is lifted before any write), the same plan runs set-based, per round.
    if (outcome.timedOut && first instanceof PgSystemRun) return (await attempt(db, new SystemRun(db, sp, plan.identities, options, bridged), options)).result;
    return outcome.result;
  } finally {
    await db.release();
  }
}

async function attempt(db: EngineConnection, run: SystemRun | PgSystemRun, options: RunOptions): Promise<{ result: SystemResult; timedOut: boolean }> {
  const result: SystemResult = { system: run.system, mode: options.mode, status: 'done', tables: [], verify: [] };
  let open = false;
  try {
    // Open before begin returns: a begin of several statements may fail after its BEGIN.
    open = true;
    await begin(db, run);
    await run.match();
    if (options.corrections && (options.mode === 'rectify' || options.mode === 'dry-run')) {
      // Rectification: only the person's own rows change; shared rows also describe someone else.
      await run.shared();
      result.tables = await run.correctionCounts(options.corrections);
      if (options.mode === 'rectify') await run.correct(options.corrections);
    } else if (options.mode === 'rectify') {
      throw new StepError('rectify: no corrections given');
    } else if (options.mode === 'access') {
      // Access changes nothing: no deletion planning. The plan of an access request also says which
      // rows are shared with other people; the run itself only collects (shared rows included).
      if (options.readRows === false) await run.shared();
      result.tables = await run.matchCounts();
      if (options.readRows !== false) await run.read();
    } else {
      await run.shared();
      await run.partition();
      result.tables = await run.counts();
      if (options.mode === 'erase') {
        await run.apply(options.pseudonymKey!);
        result.verify = await run.verify();
        const left = result.verify.filter((v) => v.remaining > 0 && !v.retained);
        if (left.length) throw new StepError(`verify: identities still found in ${left.map((v) => `${label(v.table)}.${v.column} (${v.remaining})`).join(', ')}`);
      } else result.verify = await run.verify();
    }
    const commit = options.mode === 'erase' || options.mode === 'rectify';
    await (run instanceof PgSystemRun ? run.end(commit) : db.query(commit ? 'commit' : 'rollback'));
    open = false;
    return { result, timedOut: false };
  } catch (err) {
    result.status = 'failed';
    result.error = safeError(run.where, err);
    if (open) await (run instanceof PgSystemRun ? run.end(false) : db.query('rollback')).catch(() => undefined);
    return { result, timedOut: (err as { code?: unknown } | null)?.code === '57014' };
  } finally {
    await run.cleanup().catch(() => undefined);
  }
}

/**
 * Runs a plan system by system. Dry-run and access never write (their transaction is rolled back);
 * erase commits each system's transaction, then marks it done.
 */
export async function runPlan(plan: Plan, options: RunOptions): Promise<SystemResult[]> {
  if (options.mode === 'erase' && !/^(?:[0-9a-f]{2}){16,}$/i.test(options.pseudonymKey ?? '')) throw new Error('erase needs pseudonymKey: at least 16 bytes, hex');
  const results: SystemResult[] = [];
  // Computed before anything changes, and kept by the caller: an erasure resumed after a crash must
  // not lose the values of rows a finished system already deleted.
  const bridged = options.mode === 'erase' && options.bridges ? ((await options.bridges.load()) ?? (await saveBridges(plan, options))) : await followBridges(plan, options);
  for (const sp of plan.systems) {
    const id = systemStepId(options.mode, sp.system);
    if (options.mode !== 'dry-run' && (await options.isDone?.(id))) {
      results.push({ system: sp.system, mode: options.mode, status: 'skipped', tables: [], verify: [] });
      continue;
    }
    const result = await runSystem(plan, sp, options, bridged.get(sp.system) ?? []);
    results.push(result);
    if (result.status === 'done' && options.mode !== 'dry-run') await options.markDone?.(id, result);
  }
  return results;
}

async function saveBridges(plan: Plan, options: RunOptions): Promise<Map<string, BridgeSeed[]>> {
  const seeds = await followBridges(plan, options);
  await options.bridges!.save(seeds);
  return seeds;
}
