/**
 * The PostgreSQL executor: the same decisions as the portable executor (`execute.ts`), in about
 * half a dozen statements whatever the number of tables. The person's rows live in ONE temporary
 * table for every table of the system, `(t, k0 … kN, seed, sh, del)`: `t` is the table's position
 * in the plan, `k0 … kN` its key as text, `seed` 1 for rows an identity matched, 0 for rows owned
 * through them (children, down the references), 2 for rows they point at (up: an address), 3 for
 * rows pointed at only through those (the address's city: reference data, read but never
 * changed); `sh` marks shared rows and `del` rows to delete.
 *
 * - begin: the transaction and its settings in one round trip (a simple query of several statements);
 * - match: one statement of two recursive queries: the person's own rows (seeds, then down every
 *   reference to its fixpoint), then what they point at (up); `WITH RECURSIVE … UNION` stops when
 *   a round adds nothing, the edges of a round joined LATERALly, each behind a one-time filter on
 *   `t`, so a row only runs the lookups of its own table's edges;
 * - shared rows, rows to delete (rows kept because something that stays references them), the
 *   counts, field counts and the values to pseudonymise: one statement (the marks are a
 *   data-modifying CTE whose RETURNING the counts read); for a big set, the marks first, one
 *   recursive UPDATE each;
 * - every delete and update of the erasure: ONE statement of data-modifying CTEs. PostgreSQL
 *   checks foreign keys at the end of the statement, so children and parents go together without
 *   an order (references to break in a nullable cycle are still nulled first, as the plan says);
 * - the verification pass: one SELECT; then commit, or rollback.
 *
 * What a request would otherwise pay again on a pooled connection stays on the session: the
 * temporary table (`on commit delete rows`), the statements (named prepared statements: parsed
 * once, and those without parameters planned once, generic plans being fine for a few dozen rows
 * looked up by key), and the catalog facts (re-read when the match statement finds their
 * fingerprint changed). A set of more than SMALL rows is copied to a table of the request with an
 * index and statistics, and the statements that follow are planned for it, unprepared.
 *
 * Keys go back to the base tables cast to the column's own type (`t.id = x.k0::bigint`), so the
 * primary-key and foreign-key indexes serve every join. E-mail identities are compared in the form
 * an expression index of the column supports (`lower(email)` or `lower(trim(email))`), so a
 * unique index on `lower(email)` finds the person without reading the table; with no such index
 * the full normal form is used. Types and indexes come from the catalog in one query.
 */
import { tableKey } from '../../datamap/graph/keys.js';
import type { TableRef } from '../../datamap/graph/types.js';
import { isPseudonym, maskValue, pseudonymise } from './policy.js';
import { Sql, type EmailForm } from './sql.js';
import type { BridgeSeed, EngineConnection, EraseStep, FieldCount, NormalisedIdentity, PlanEdge, PlanTable, SystemPlan, TableResult, VerifyResult } from './types.js';
import { correctedColumns } from './corrections.js';
import type { RunOptions } from './execute.js';

/**
 * The temporary table of the person's rows, with what became of each (`sh`: shared, `del`: to
 * delete; neither: to update), one per key width. It lives on the session (`on commit delete rows`:
 * empty at the end of every transaction, committed or rolled back), so the statements that name it
 * stay prepared across requests on a pooled connection, planned once.
 */
const tempName = (width: number) => `_custos_keys${width}`;
/** Past this many of the person's rows, they move to a table of this request with an index and statistics, planned afresh. */
const SMALL = 500;
const BIG = '_custos_big';
/** Rollbacks since the temporary tables of a session were last emptied (see end). */
const rollbacks = new WeakMap<object, number>();
const CLEAN_EVERY = 16;
/** Sessions on which the temporary table of a width was created (and committed). */
const sessionTables = new WeakMap<object, Set<string>>();
/** Catalog facts per session and list of tables (at most MAX_CATALOGS lists; past it the cache starts over). */
const catalogs = new WeakMap<object, Map<string, CatalogFacts>>();
const MAX_CATALOGS = 64;

interface CatalogFacts {
  /** Column → SQL type (`format_type`), per table position. */
  types: Map<string, string>[];
  /** Index expressions (first column, `pg_get_indexdef`), per table position. */
  indexes: string[][];
  fingerprint: string;
}

/**
 * What the catalog facts depend on, as one text, for the tables whose oids are the array `oids`
 * (in the plan's order): the oids, every column's number, name, type and modifier, every index
 * and whether it is valid. A table made again, a column altered, renamed or dropped, an index
 * made or dropped (an expression or predicate changed means a new index) change it.
 */
function catalogFingerprint(oids: string): string {
  return `(select md5(coalesce(array_to_string(${oids}, ',', '-'), '') || ':' || coalesce(string_agg(z.f, ',' order by z.f), '')) from (
      select a.attrelid || '.' || a.attnum || '.' || a.attname || '.' || a.atttypid || '.' || a.atttypmod as f from pg_attribute as a where a.attrelid = any(${oids}) and a.attnum > 0 and not a.attisdropped
      union all
      select 'x' || x.indexrelid || '.' || x.indisvalid from pg_index as x where x.indrelid = any(${oids})) as z)`;
}
/** A row of M that is the person's, unshared and not deleted: updated in place. */
const KEPT = 'not x.sh and not x.del';

/** A json column as drivers return it: parsed (pg, PGlite) or as text. */
function jsonArray(value: unknown): unknown[] {
  return typeof value === 'string' ? (JSON.parse(value) as unknown[]) : ((value ?? []) as unknown[]);
}

function label(ref: TableRef): string {
  return ref.schema ? `${ref.schema}.${ref.table}` : ref.table;
}

interface Catalog {
  /** Column → SQL type (`format_type`), per table position. */
  types: Map<string, string>[];
  /** Column → the e-mail form an index supports, per table position. */
  emailForms: Map<string, EmailForm>[];
}

/** `lower(email)` / `lower(TRIM(BOTH FROM email))` as `pg_get_indexdef` prints them, for a column. */
export function emailFormOf(indexExpression: string, column: string): EmailForm | null {
  const bare = indexExpression
    .replace(/\s+/g, '')
    .replace(/::(text|charactervarying|character|citext)/gi, '')
    .replace(/"/g, '')
    .replace(/\(\(([^()]*)\)\)/g, '($1)')
    .toLowerCase();
  const col = column.replace(/\s+/g, '').toLowerCase();
  if (bare === `lower(${col})`) return 'lower';
  if (bare === `lower(trim(bothfrom${col}))` || bare === `lower(btrim(${col}))`) return 'lower_trim';
  return null;
}

export class PgSystemRun {
  get system(): string {
    return this.plan.system;
  }
  private readonly sql: Sql;
  private readonly tables: PlanTable[];
  private readonly index = new Map<string, number>();
  private readonly erase = new Map<string, EraseStep>();
  private readonly width: number;
  private catalog: Catalog = { types: [], emailForms: [] };
  /** The fingerprint of the catalog facts in use (see catalogFingerprint). */
  private fingerprint = '';
  /** The temporary table in use: the session's, or past SMALL rows this request's own. */
  private M: string;
  private big = false;
  /** Marks noted and not yet written to M (see shared, partition). */
  private pending = { shared: false, partition: false };
  /** The statement time budget is already lifted (erasure: by the counting statement, before the writes). */
  private unlimited = false;
  private tallies = new Map<string, number>();
  private pseudonymSources: { table: number; fields: string[]; rows: (string | null)[][] }[] = [];
  where = 'begin';

  constructor(
    db: EngineConnection,
    private readonly plan: SystemPlan,
    private readonly identities: NormalisedIdentity[],
    private readonly options: RunOptions,
    private readonly bridged: BridgeSeed[] = [],
  ) {
    this.sql = new Sql(db);
    this.tables = plan.tables;
    plan.tables.forEach((t, i) => this.index.set(tableKey(t.ref), i));
    for (const s of plan.steps) if (s.kind === 'erase') this.erase.set(tableKey(s.table), s);
    this.width = Math.max(1, ...plan.tables.map((t) => t.key.length));
    this.M = tempName(this.width);
  }

  private i(key: string): number {
    return this.index.get(key)!;
  }
  private t(key: string): PlanTable {
    return this.tables[this.i(key)]!;
  }
  /** Reading and writing statements are kept prepared on the session, except against this request's own table (its plans follow its statistics). */
  private query(text: string, values: unknown[] = []) {
    return this.sql.db.query(text, values, { prepare: !this.big && !/^\s*(set|create|analyze)\b/i.test(text), version: this.fingerprint });
  }
  private async run(text: string, values: unknown[] = []): Promise<number> {
    return (await this.query(text, values)).affected;
  }
  private typeOf(table: PlanTable, column: string): string | undefined {
    return this.catalog.types[this.tables.indexOf(table)]?.get(column);
  }

  /** `k0 … kN` */
  private get ks(): string {
    return Array.from({ length: this.width }, (_, i) => `k${i}`).join(', ');
  }
  /** `x.k0 … x.kN` */
  private xk(alias: string): string {
    return Array.from({ length: this.width }, (_, i) => `${alias}.k${i}`).join(', ');
  }
  /** The table's key as the temp tables' text columns, padded with nulls to the common width. */
  private keyText(table: PlanTable, alias: string): string {
    return Array.from({ length: this.width }, (_, i) => (i < table.key.length ? `${alias}.${this.sql.q(table.key[i]!)}::text` : 'null::text')).join(', ');
  }
  /** Base-table key = temp key, cast to the column's type so its index can be used. */
  private keyJoin(table: PlanTable, alias: string, temp: string): string {
    return table.key
      .map((c, i) => {
        const type = this.typeOf(table, c);
        const left = `${alias}.${this.sql.q(c)}`;
        const right = type ? `${temp}.k${i}::${type}` : `${temp}.k${i}`;
        const l = type ? left : `${left}::text`;
        return table.keyIsPrimary ? `${l} = ${right}` : `${l} is not distinct from ${right}`;
      })
      .join(' and ');
  }
  /** Temp key = base-table key as text (for membership tests against the temp tables). */
  private inTemp(table: PlanTable, alias: string, temp: string, tempAlias: string): string {
    return `exists (select 1 from ${temp} as ${tempAlias} where ${tempAlias}.t = ${this.tables.indexOf(table)} and ${this.keyTextEq(table, alias, tempAlias)})`;
  }
  private sameKey(a: string, b: string): string {
    return Array.from({ length: this.width }, (_, i) => `${a}.k${i} is not distinct from ${b}.k${i}`).join(' and ');
  }
  private link(e: PlanEdge, c: string, p: string): string {
    return this.sql.linkEq(this.t(e.from.table), c, e.from.columns, this.t(e.to.table), p, e.to.columns);
  }

  async cleanup(): Promise<void> {
    // The temporary table is emptied at the end of the transaction (`on commit delete rows`, or the rollback).
  }

  /**
   * Commits, or rolls back (nothing the person's rows could show is kept). A commit empties the
   * temporary table (`on commit delete rows`). A rollback leaves its inserted rows behind as dead
   * space, which nothing vacuums: every CLEAN_EVERY rollbacks on a session, a statement that
   * touches the table right after, outside any transaction, commits and so empties it in place,
   * in the same round trip, and its prepared plans stay valid (a TRUNCATE would give it a new
   * file and invalidate them). Not every time: emptying it (and its TOAST table's index) costs
   * about as much as a few statements.
   */
  async end(commit: boolean): Promise<void> {
    const db = this.sql.db;
    const session = db.session;
    if (commit) {
      await db.query('commit');
      if (session) rollbacks.set(session, 0);
      return;
    }
    // A connection that cannot say which session it is: emptied every time.
    const count = session ? (rollbacks.get(session) ?? 0) + 1 : CLEAN_EVERY;
    if (count < CLEAN_EVERY) {
      await db.query('rollback');
      rollbacks.set(session!, count);
      return;
    }
    if (session) rollbacks.set(session, 0);
    const statements = ['rollback', `select from ${tempName(this.width)} limit 0`];
    try {
      if (db.script) await db.script(statements);
      else for (const statement of statements) await db.query(statement);
    } catch (err) {
      // The session had lost the table (this transaction made it again, and its rollback took it away): made again next time.
      if ((err as { code?: unknown }).code !== '42P01') throw err;
      if (db.session) sessionTables.get(db.session)?.delete(tempName(this.width));
    }
  }

  /**
   * The transaction (one snapshot throughout), with JIT off (compiling the recursive statements
   * costs seconds and saves nothing on a few dozen rows), generic plans for the prepared statements
   * from their first run (the erasure's writes carry the pseudonyms as array parameters, and
   * PostgreSQL otherwise plans them afresh for their values five times, then keeps weighing a
   * custom plan: 0.3 ms a request, for the same plan), and the reading statements' time budget
   * (past it the caller runs the plan set-based instead, see runSystem): one round trip. The
   * temporary table is created outside any transaction the first time on a session, since an
   * access request's rollback would take it away; inside, `if not exists` covers a session that
   * lost it (`discard temp`).
   */
  async begin(): Promise<void> {
    const db = this.sql.db;
    const create = `create temp table if not exists ${this.M} (t int not null, ${this.ks.replace(/k\d+/g, '$& text')}, seed int not null, sh boolean not null default false, del boolean not null default false) on commit delete rows`;
    const known = db.session ? (sessionTables.get(db.session) ?? new Set<string>()) : new Set<string>();
    if (!known.has(this.M)) {
      this.where = 'begin';
      await db.query(create);
      if (db.session) sessionTables.set(db.session, known.add(this.M));
    }
    const statements = ['begin isolation level repeatable read', 'set local jit = off', 'set local plan_cache_mode = force_generic_plan', `set local statement_timeout = ${Math.max(1, Math.round(this.options.recursiveBudgetMs ?? 10_000))}`, create];
    if (db.script) await db.script(statements);
    else for (const statement of statements) await db.query(statement);
  }

  /**
   * Column types and index expressions of every table, in one catalog query, with their
   * fingerprint (see catalogFingerprint).
   */
  private async readCatalog(names: string[]): Promise<CatalogFacts> {
    // The tables' oids first, then both catalogs through their indexes on the relation (joined to
    // the name list, pg_attribute was read whole).
    const { rows } = await this.query(
      `with r as (select array_agg(to_regclass(u.name)::oid order by u.i) as o from unnest($1::text[]) with ordinality as u(name, i))
       select c.* from r cross join lateral (
         select array_position(r.o, a.attrelid) - 1 as i, 'c' as what, a.attname::text as name, format_type(a.atttypid, a.atttypmod) as detail
           from pg_attribute as a where a.attrelid = any(r.o) and a.attnum > 0 and not a.attisdropped
         union all
         select array_position(r.o, x.indrelid) - 1, 'x', pg_get_indexdef(x.indexrelid, 1, true), null
           from pg_index as x where x.indrelid = any(r.o) and x.indisvalid and x.indpred is null
         union all
         select null, 'f', ${catalogFingerprint('r.o')}, null) as c`,
      [names],
    );
    const types = this.tables.map(() => new Map<string, string>());
    const indexes = this.tables.map((): string[] => []);
    let fingerprint = '';
    for (const r of rows) {
      if (r.what === 'f') fingerprint = String(r.name);
      else if (r.what === 'c') types[Number(r.i)]!.set(String(r.name), String(r.detail));
      else indexes[Number(r.i)]!.push(String(r.name));
    }
    return { types, indexes, fingerprint };
  }

  /** The catalog facts in use, and the e-mail form an index supports for each e-mail identity column. */
  private useCatalog(facts: CatalogFacts): void {
    const emailForms = this.tables.map((t, i) => {
      const forms = new Map<string, EmailForm>();
      for (const c of t.columns) {
        if (c.identity !== 'email') continue;
        const found = facts.indexes[i]!.map((e) => emailFormOf(e, c.name)).filter((f): f is EmailForm => f !== null);
        // lower(trim()) is the full normal form: prefer it when both exist.
        if (found.length) forms.set(c.name, found.includes('lower_trim') ? 'lower_trim' : 'lower');
      }
      return forms;
    });
    this.catalog = { types: facts.types, emailForms };
    this.fingerprint = facts.fingerprint;
  }

  private predicate(table: PlanTable, column: string, kind: string, json: boolean, alias: string, params: ReturnType<Sql['params']>): string {
    const form = json ? undefined : this.catalog.emailForms[this.tables.indexOf(table)]?.get(column);
    return this.sql.matches({ name: column }, kind, json, this.identities, alias, params, form);
  }

  /**
   * Seeds, then every edge both ways (as the plan allows) to the fixpoint, in one statement. The
   * catalog facts are read once per session and list of tables: the match statement checks their
   * fingerprint and inserts nothing when the tables changed since (an index made, a column's type
   * altered), and the facts are read again.
   */
  async match(): Promise<void> {
    const names = this.tables.map((t) => this.sql.rel(t));
    const key = names.join('\u0000');
    const session = this.sql.db.session;
    const cache = session ? (catalogs.get(session) ?? new Map<string, CatalogFacts>()) : new Map<string, CatalogFacts>();
    if (session) catalogs.set(session, cache);
    for (let attempt = 0; ; attempt++) {
      let facts = cache.get(key);
      if (!facts) {
        this.where = 'catalog';
        facts = await this.readCatalog(names);
        if (cache.size >= MAX_CATALOGS) cache.clear();
        cache.set(key, facts);
      }
      this.useCatalog(facts);
      this.where = 'match';
      let outcome: Awaited<ReturnType<PgSystemRun['matchRows']>>;
      try {
        outcome = await this.matchRows(names, facts.fingerprint);
      } catch (err) {
        // The statement is written from the cached facts: a column whose type changed (an integer
        // key made text) can make it fail to compile before its fingerprint check runs. Forget
        // the facts, so this transaction fails alone and the next request reads them again.
        cache.delete(key);
        throw err;
      }
      if (!outcome) return;
      if (outcome.current) {
        await this.sizeUp(outcome.found);
        return;
      }
      cache.delete(key);
      if (attempt >= 2) throw new Error('the tables kept changing while the request was matched');
    }
  }

  /** The match statement; null when there is nothing to start from, else the rows found and whether the catalog facts were current (when not, nothing was inserted). */
  private async matchRows(names: string[], fingerprint: string): Promise<{ found: number; current: boolean } | null> {
    const s = this.sql;
    const p = s.params();
    const seeds: string[] = [];
    for (const step of this.plan.steps) {
      if (step.kind !== 'match' || !step.seeds.length) continue;
      const t = this.t(tableKey(step.table));
      const preds = step.seeds.map((seed) => `(${this.predicate(t, seed.column, seed.identity, seed.json, 't', p)})`);
      seeds.push(`select ${this.tables.indexOf(t)}, ${this.keyText(t, 't')} from ${s.rel(t)} as t where ${preds.join(' or ')}`);
    }
    // Rows the person owns through a reference from another system (a bridge): owned, not matched by an identity.
    const bridged = this.bridged.map((b) => {
      const t = this.t(b.table);
      const gate = t.identityTable ? ` and ${s.noIdentity(t, 't')}` : '';
      return `select ${this.tables.indexOf(t)}, ${this.keyText(t, 't')} from ${s.rel(t)} as t where ${s.inTuples('t', b.columns, b.values, p)}${gate}`;
    });
    if (!seeds.length && !bridged.length) return null;
    if (!seeds.length) seeds.push(`select ${['null::int', ...Array.from({ length: this.width }, () => 'null::text')].join(', ')} where false`);
    const down = this.plan.edges.flatMap((e) => (e.down ? [this.downBranch(e)] : []));
    const up = this.plan.edges.flatMap((e) => (e.up ? [this.upBranch(e)] : []));
    const step = (from: string, branches: string[]) => (branches.length ? ` union select x.t, ${this.xk('x')} from ${from} as r cross join lateral (${branches.join(' union all ')}) as x(t, ${this.ks})` : '');
    const member = (cte: string) => `exists (select 1 from ${cte} as z where z.t = r.t and ${this.sameKey('z', 'r')})`;
    const pointed = up.length ? `select x.t, ${this.xk('x')} from owned as r cross join lateral (${up.join(' union all ')}) as x(t, ${this.ks})` : `select * from owned where false`;
    // `g`: the catalog facts the statement was written with are still those of the tables; when
    // not, the insert is skipped (a one-time filter: the match does not even run).
    const oids = `array(select to_regclass(u.name)::oid from unnest(${p.add(names)}::text[]) with ordinality as u(name, i) order by u.i)`;
    const { rows } = await this.query(
      `with recursive seeds(t, ${this.ks}) as (${seeds.join(' union all ')}),
         owned(t, ${this.ks}) as (select * from seeds${bridged.map((b) => ` union ${b}`).join('')}${step('owned', down)}),
         pointed(t, ${this.ks}) as (${pointed}),
         reached(t, ${this.ks}) as (select * from owned union select * from pointed${step('reached', up)}),
         g(ok) as (select ${catalogFingerprint(oids)} = ${p.add(fingerprint)}::text),
         ins as (insert into ${this.M} (t, ${this.ks}, seed)
           select r.t, ${this.xk('r')}, case when ${member('seeds')} then 1 when ${member('owned')} then 0 when ${member('pointed')} then 2 else 3 end from reached as r where (select ok from g)
           returning 1)
       select (select count(*) from ins)::int as found, (select ok from g) as current`,
      p.values,
    );
    return { found: Number(rows[0]!.found), current: rows[0]!.current === true };
  }

  /**
   * A few hundred keys are read faster than an index is built, and the plans made for a few rows
   * serve them. A big set (a staff member's every sale) moves to a table of its own with an index
   * and statistics, and what follows is planned for it.
   */
  private async sizeUp(found: number): Promise<void> {
    if (found > SMALL) {
      await this.run(`create temp table ${BIG} on commit drop as select * from ${this.M}`);
      this.M = BIG;
      this.big = true;
      await this.run(`create index on ${this.M} (t, ${this.ks})`);
      await this.run(`analyze ${this.M}`);
    }
  }

  /** Distinct values of `columns` in the person's own rows of a table (seeds and owned): what a bridge carries to another system. */
  async linkValues(table: string, columns: string[]): Promise<unknown[][]> {
    const s = this.sql;
    const t = this.t(table);
    const cols = columns.map((c) => `t.${s.q(c)}`);
    this.where = `bridge ${label(t.ref)}`;
    const { rows } = await this.query(`select distinct ${cols.map((c, i) => `${c} as v${i}`).join(', ')} from ${s.rel(t)} as t join ${this.M} as x on x.t = ${this.tables.indexOf(t)} and x.seed < 2 and ${this.keyJoin(t, 't', 'x')} where ${cols.map((c) => `${c} is not null`).join(' and ')}`);
    return rows.map((r) => columns.map((_, i) => r[`v${i}`]));
  }

  /** Down (parent → child): the children of the person's own rows are theirs. */
  private downBranch(e: PlanEdge): string {
    const s = this.sql;
    const c = this.t(e.from.table);
    const p = this.t(e.to.table);
    const gate = c.identityTable ? ` and ${s.noIdentity(c, 'c')}` : '';
    const direct = this.childLookup(e, c, p);
    if (direct) return `select ${this.tables.indexOf(c)}, ${this.keyText(c, 'c')} from ${s.rel(c)} as c where r.t = ${this.tables.indexOf(p)} and ${direct}${gate}`;
    return `select ${this.tables.indexOf(c)}, ${this.keyText(c, 'c')} from ${s.rel(p)} as p join ${s.rel(c)} as c on ${this.link(e, 'c', 'p')} where r.t = ${this.tables.indexOf(p)} and ${this.keyJoin(p, 'p', 'r')}${gate}`;
  }

  /**
   * When the reference points at the parent's whole primary key, the children are found from the
   * parent's key in M alone (`c.customer_id = r.k0::bigint`), without looking the parent row up
   * again: it is in M, so it exists. Null when the shortcut does not apply (a column compared as
   * text, a key that is not primary, a type the catalog did not give).
   */
  private childLookup(e: PlanEdge, c: PlanTable, p: PlanTable): string | null {
    if (!p.keyIsPrimary || e.to.columns.length !== p.key.length || new Set(e.to.columns).size !== p.key.length) return null;
    const parts: string[] = [];
    for (const [j, column] of e.to.columns.entries()) {
      const k = p.key.indexOf(column);
      const type = this.typeOf(p, column);
      const from = e.from.columns[j]!;
      if (k < 0 || !type || c.columns.find((x) => x.name === from)?.kind !== p.columns.find((x) => x.name === column)?.kind) return null;
      parts.push(`c.${this.sql.q(from)} = r.k${k}::${type}`);
    }
    return parts.join(' and ');
  }

  /** Up (child → parent): what the person's rows point at (their address, its city) is read, never followed down again. */
  private upBranch(e: PlanEdge): string {
    const s = this.sql;
    const c = this.t(e.from.table);
    const p = this.t(e.to.table);
    return `select ${this.tables.indexOf(p)}, ${this.keyText(p, 'p')} from ${s.rel(c)} as c join ${s.rel(p)} as p on ${this.link(e, 'c', 'p')} where r.t = ${this.tables.indexOf(c)} and ${this.keyJoin(c, 'c', 'r')}`;
  }

  /**
   * Shared rows: linked to a personal row outside the person's set (either way), and the children
   * of shared rows. Rows matched by an identity are the person's own and never shared. Only noted
   * here: the rows are marked by the statement that counts them (see tally), or on their own when
   * something else reads the marks first (see flush).
   */
  async shared(): Promise<void> {
    this.pending.shared = true;
  }

  /**
   * Rows to delete: the person's unshared rows of delete_row tables, minus rows still referenced by
   * a row that stays, and (recursively) their parents among the rows to delete: those are updated
   * instead. The rest of the person's unshared rows are updated. Noted like `shared`.
   */
  async partition(): Promise<void> {
    if (this.deletingTables().length) this.pending.partition = true;
  }

  /** The recursive query of the shared rows, as the CTE `name`. */
  private sharedCte(name: string): string {
    const s = this.sql;
    const base: string[] = [];
    const spread: string[] = [];
    for (const e of this.plan.edges) {
      const c = this.t(e.from.table);
      const p = this.t(e.to.table);
      const ci = this.tables.indexOf(c);
      const pi = this.tables.indexOf(p);
      if (p.personal) base.push(`select x.t, ${this.xk('x')} from ${this.M} as x join ${s.rel(c)} as c on ${this.keyJoin(c, 'c', 'x')} join ${s.rel(p)} as p on ${this.link(e, 'c', 'p')} where x.t = ${ci} and x.seed <> 1 and not ${this.inTemp(p, 'p', this.M, 'y')}`);
      if (c.personal) base.push(`select x.t, ${this.xk('x')} from ${this.M} as x join ${s.rel(p)} as p on ${this.keyJoin(p, 'p', 'x')} join ${s.rel(c)} as c on ${this.link(e, 'c', 'p')} where x.t = ${pi} and x.seed <> 1 and not ${this.inTemp(c, 'c', this.M, 'y')}`);
      // The person's own rows under a shared row are shared too (not rows only pointed at: a shared
      // city does not share the address in it); so is what a shared row points at that the person only reached by reference.
      spread.push(`select y.t, ${this.xk('y')} from ${s.rel(p)} as p join ${s.rel(c)} as c on ${this.link(e, 'c', 'p')} join ${this.M} as y on y.t = ${ci} and y.seed = 0 and ${this.keyTextEq(c, 'c', 'y')} where q.t = ${pi} and ${this.keyJoin(p, 'p', 'q')}`);
      if (e.up) spread.push(`select y.t, ${this.xk('y')} from ${s.rel(c)} as c join ${s.rel(p)} as p on ${this.link(e, 'c', 'p')} join ${this.M} as y on y.t = ${pi} and y.seed >= 2 and ${this.keyTextEq(p, 'p', 'y')} where q.t = ${ci} and ${this.keyJoin(c, 'c', 'q')}`);
    }
    // What the person's rows point at only through other such rows (a city, through an address) is reference data.
    base.push(`select x.t, ${this.xk('x')} from ${this.M} as x where x.seed = 3`);
    const recursive = spread.length ? ` union select x.t, ${this.xk('x')} from ${name} as q cross join lateral (${spread.join(' union all ')}) as x(t, ${this.ks})` : '';
    return `${name}(t, ${this.ks}) as (${base.join(' union ')}${recursive})`;
  }

  private deleting(key: string): boolean {
    return this.erase.get(key)?.rows === 'delete_row';
  }
  private deletingTables(): number[] {
    return this.tables.map((t, i) => (this.deleting(tableKey(t.ref)) ? i : -1)).filter((i) => i >= 0);
  }

  /**
   * The recursive query of the candidates something that stays still references, as the CTE
   * `name`, and the test of a candidate; `rows` is M or a CTE of its rows with `sh` decided.
   */
  private partitionCte(name: string, rows: string): { cte: string; candidate: (alias: string) => string } {
    const s = this.sql;
    const deleting = this.deletingTables();
    // A candidate: the person's unshared row of a delete_row table. Rows the person only points at
    // (seed 2: an address; 3: its city) are never deleted: at most their personal fields change.
    const candidate = (a: string) => `(${a}.t in (${deleting.join(', ')}) and not ${a}.sh and ${a}.seed < 2)`;
    const blocked: string[] = [];
    const parents: string[] = [];
    for (const e of this.plan.edges) {
      if (!this.deleting(e.to.table)) continue;
      const c = this.t(e.from.table);
      const p = this.t(e.to.table);
      const ci = this.tables.indexOf(c);
      const pi = this.tables.indexOf(p);
      const childDeleting = this.deleting(e.from.table);
      const childStays = childDeleting ? ` and not exists (select 1 from ${rows} as y where y.t = ${ci} and ${candidate('y')} and ${this.keyTextEq(c, 'c', 'y')})` : '';
      blocked.push(`(d.t = ${pi} and exists (select 1 from ${s.rel(p)} as p join ${s.rel(c)} as c on ${this.link(e, 'c', 'p')} where ${this.keyJoin(p, 'p', 'd')}${childStays}))`);
      if (childDeleting) parents.push(`select y.t, ${this.xk('y')} from ${s.rel(c)} as c join ${s.rel(p)} as p on ${this.link(e, 'c', 'p')} join ${rows} as y on y.t = ${pi} and ${candidate('y')} and ${this.keyTextEq(p, 'p', 'y')} where q.t = ${ci} and ${this.keyJoin(c, 'c', 'q')}`);
    }
    // Candidates minus (recursively) those something that stays still references.
    const recursive = parents.length ? ` union select x.t, ${this.xk('x')} from ${name} as q cross join lateral (${parents.join(' union all ')}) as x(t, ${this.ks})` : '';
    const q = blocked.length ? `select d.t, ${this.xk('d')} from ${rows} as d where ${candidate('d')} and (${blocked.join(' or ')})${recursive}` : `select t, ${this.ks} from ${rows} where false`;
    return { cte: `${name}(t, ${this.ks}) as (${q})`, candidate };
  }

  /** `a` (a row of M) is in the CTE `name`. */
  private inCte(name: string, a: string): string {
    return `exists (select 1 from ${name} as z where z.t = ${a}.t and ${this.sameKey('z', a)})`;
  }

  /** The noted marks, each in a statement of its own (a big set's, or before something reads M other than the counts). */
  private async flush(): Promise<void> {
    if (this.pending.shared) {
      this.where = 'shared';
      await this.run(`with recursive ${this.sharedCte('q')} update ${this.M} as m set sh = true from (select distinct * from q) as q where m.t = q.t and ${this.sameKey('m', 'q')}`);
      this.pending.shared = false;
    }
    if (this.pending.partition) {
      this.where = 'plan deletion';
      const { cte, candidate } = this.partitionCte('q', this.M);
      await this.run(`with recursive ${cte} update ${this.M} as m set del = true where ${candidate('m')} and not ${this.inCte('q', 'm')}`);
      this.pending.partition = false;
    }
  }

  /**
   * The noted marks as a data-modifying CTE `m2` over every row of M (its RETURNING is what the
   * counts read, in the same statement): `mm` is M with shared rows decided (materialized, so the
   * rows to delete are planned against a small table, as in their own statement), `q` the
   * candidates kept because something that stays references them.
   */
  private marksCte(): string {
    const ctes: string[] = [];
    if (this.pending.shared) ctes.push(this.sharedCte('s'));
    ctes.push(`mm(t, ${this.ks}, seed, sh) as materialized (select x.t, ${this.xk('x')}, x.seed, ${this.pending.shared ? this.inCte('s', 'x') : 'x.sh'} from ${this.M} as x)`);
    let del = 'm.del';
    if (this.pending.partition) {
      const { cte, candidate } = this.partitionCte('q', 'mm');
      ctes.push(cte);
      del = `${candidate('mm')} and not ${this.inCte('q', 'mm')}`;
    }
    ctes.push(`m2 as (update ${this.M} as m set sh = mm.sh, del = ${del} from mm where m.t = mm.t and ${this.sameKey('m', 'mm')} returning m.*)`);
    return `with recursive ${ctes.join(', ')} `;
  }

  private keyTextEq(table: PlanTable, alias: string, tempAlias: string): string {
    return table.key.map((c, i) => `${tempAlias}.k${i} ${table.keyIsPrimary ? '=' : 'is not distinct from'} ${alias}.${this.sql.q(c)}::text`).join(' and ');
  }

  /**
   * Rows per table (matched, shared, to delete, kept), field counts and, to erase, the values to
   * pseudonymise: one SELECT, which also marks the shared rows and the rows to delete when those are
   * noted (a few rows: one statement instead of three; a big set's marks go first, on their own).
   */
  private async tally(withFields: boolean): Promise<void> {
    const s = this.sql;
    if (this.big) await this.flush();
    const marks = this.pending.shared || this.pending.partition;
    const M = marks ? 'm2' : this.M;
    const columns = [`(select coalesce(json_agg(json_build_array(t, m, s, d, u)), '[]') from (select t, count(*)::int as m, count(*) filter (where sh)::int as s, count(*) filter (where del)::int as d, count(*) filter (where not sh and not del)::int as u from ${M} group by t) as q) as tally`];
    const fieldCounts: { table: number; columns: string[]; pseudonymised: string[] }[] = [];
    if (withFields) {
      for (const t of this.tables) {
        const step = this.erase.get(tableKey(t.ref))!;
        if (!step.fields.length) continue;
        const i = this.tables.indexOf(t);
        const pseudonymised = this.options.mode === 'erase' ? step.fields.filter((f) => f.action === 'pseudonymise').map((f) => f.column) : [];
        // One read of the table's kept rows per table: the rows holding each field (count(column)
        // counts the non-null ones) and, to erase, the values to pseudonymise.
        const parts = step.fields.map((f) => `count(t.${s.q(f.column)})`);
        if (pseudonymised.length) parts.push(`coalesce(json_agg(json_build_array(${this.xk('x')}, ${pseudonymised.map((c) => `t.${s.q(c)}::text`).join(', ')})), '[]')`);
        columns.push(`(select json_build_array(${parts.join(', ')}) from ${s.rel(t)} as t join ${M} as x on x.t = ${i} and ${KEPT} and ${this.keyJoin(t, 't', 'x')}) as f${fieldCounts.length}`);
        fieldCounts.push({ table: i, columns: step.fields.map((f) => f.column), pseudonymised });
      }
    }
    // An erasure writes next, and writes are never cut short: this statement (already under way
    // with its budget) lifts it for the rest of the transaction, saving a round trip.
    const lift = withFields && this.options.mode === 'erase';
    if (lift) columns.push(`set_config('statement_timeout', '0', true) as unlimited`);
    this.where = marks ? 'shared, plan deletion and count' : 'count';
    const row = (await this.query(`${marks ? this.marksCte() : ''}select ${columns.join(', ')}`)).rows[0]!;
    this.pending = { shared: false, partition: false };
    if (lift) this.unlimited = true;
    this.tallies = new Map();
    for (const entry of jsonArray(row.tally) as number[][]) {
      const [t, m, sh, d, u] = entry.map(Number) as [number, number, number, number, number];
      this.tallies.set(`m:${t}`, m).set(`s:${t}`, sh).set(`d:${t}`, d).set(`u:${t}`, u);
    }
    this.pseudonymSources = [];
    fieldCounts.forEach((f, i) => {
      const values = jsonArray(row[`f${i}`]);
      f.columns.forEach((column, j) => this.tallies.set(`f:${f.table}:${column}`, Number(values[j] ?? 0)));
      if (f.pseudonymised.length) this.pseudonymSources.push({ table: f.table, fields: f.pseudonymised, rows: values[f.columns.length] as (string | null)[][] });
    });
  }
  private n(set: 'm' | 's' | 'd' | 'u', table: PlanTable): number {
    return this.tallies.get(`${set}:${this.tables.indexOf(table)}`) ?? 0;
  }

  async matchCounts(): Promise<TableResult[]> {
    await this.tally(false);
    return this.tables.map((t) => ({ table: t.ref, matched: this.n('m', t), shared: this.n('s', t), deleted: 0, updated: 0, retained: 0, fields: [] }));
  }

  async counts(): Promise<TableResult[]> {
    await this.tally(true);
    return this.tables.map((t) => {
      const step = this.erase.get(tableKey(t.ref))!;
      const i = this.tables.indexOf(t);
      const kept = this.n('u', t);
      const fields: FieldCount[] = step.fields.map((f) => ({ column: f.column, action: f.action, rows: this.tallies.get(`f:${i}:${f.column}`) ?? 0 }));
      const changes = step.fields.some((f) => f.action !== 'retain');
      return {
        table: t.ref,
        matched: this.n('m', t),
        shared: this.n('s', t),
        deleted: step.rows === 'delete_row' ? this.n('d', t) : 0,
        updated: changes ? kept : 0,
        retained: step.rows === 'retain' || !changes ? kept : 0,
        fields,
        ...(step.retainReason ? { retainReason: step.retainReason } : {}),
      };
    });
  }

  /** Access: the matched rows, in key order, in batches; tables with no row are not read. */
  async read(): Promise<void> {
    const s = this.sql;
    const size = this.options.batchSize ?? 1000;
    for (const t of this.tables) {
      if (!this.n('m', t)) continue;
      const i = this.tables.indexOf(t);
      this.where = `read ${label(t.ref)}`;
      for (let offset = 0; ; offset += size) {
        const p = s.params();
        const { rows } = await this.query(
          `select t.* from ${s.rel(t)} as t join ${this.M} as x on x.t = ${i} and ${this.keyJoin(t, 't', 'x')} order by ${t.key.map((c) => `t.${s.q(c)}`).join(', ')} limit ${p.add(size)} offset ${p.add(offset)}`,
          p.values,
        );
        if (rows.length) await this.options.onRows?.(this.plan.system, t.ref, rows);
        if (rows.length < size) break;
      }
    }
  }

  /** References to break (nullable cycles), then every delete and update in one statement. */
  async apply(key: string): Promise<void> {
    const s = this.sql;
    await this.flush();
    // Writes are never cut short.
    if (!this.unlimited) await this.run('set local statement_timeout = 0');
    this.unlimited = true;
    const steps = [...this.erase.values()].sort((a, b) => a.order - b.order);
    for (const step of steps) {
      const t = this.t(tableKey(step.table));
      if (step.rows !== 'delete_row' || !this.n('d', t)) continue;
      for (const id of step.breakEdges) {
        const e = this.plan.edges.find((x) => x.id === id)!;
        this.where = `break reference ${label(t.ref)}`;
        await this.run(`update ${s.rel(t)} as c set ${e.from.columns.map((col) => `${s.q(col)} = null`).join(', ')} from ${this.M} as x where x.t = ${this.tables.indexOf(t)} and x.del and ${this.keyJoin(t, 'c', 'x')}`);
      }
    }
    const p = s.params();
    const parts: string[] = [];
    for (const step of steps) {
      const t = this.t(tableKey(step.table));
      const i = this.tables.indexOf(t);
      if (step.rows === 'delete_row' && this.n('d', t)) parts.push(`delete from ${s.rel(t)} as t using ${this.M} as x where x.t = ${i} and x.del and ${this.keyJoin(t, 't', 'x')}`);
      const fields = step.fields.filter((f) => f.action !== 'retain');
      if (fields.length && this.n('u', t)) parts.push(this.updateSql(t, fields, key, p));
    }
    if (!parts.length) return;
    this.where = 'erase';
    await this.run(`with ${parts.map((part, i) => `w${i} as (${part})`).join(', ')} select 1`, p.values);
  }

  /**
   * One UPDATE for every changed field of a table: nulls and masks set in SQL, pseudonyms computed
   * here from the values read with the counts and sent as arrays joined on the row's (old) key, so
   * a keyless table whose key includes a changed column is still addressed correctly.
   */
  private updateSql(t: PlanTable, fields: EraseStep['fields'], key: string, p: ReturnType<Sql['params']>): string {
    const s = this.sql;
    const i = this.tables.indexOf(t);
    const sets: string[] = [];
    for (const f of fields) {
      if (f.action === 'pseudonymise') continue;
      const column = t.columns.find((c) => c.name === f.column)!;
      const col = s.q(f.column);
      sets.push(f.action === 'null' ? `${col} = null` : `${col} = case when t.${col} is not null then ${this.typed(t, f.column, p.add(maskValue(column)))} end`);
    }
    const source = this.pseudonymSources.find((src) => src.table === i);
    if (!source) return `update ${s.rel(t)} as t set ${sets.join(', ')} from ${this.M} as x where x.t = ${i} and ${KEPT} and ${this.keyJoin(t, 't', 'x')}`;
    const keys = t.key.map((_, k) => source.rows.map((r) => r[k] ?? null));
    const values = source.fields.map((name, j) => {
      const column = t.columns.find((c) => c.name === name)!;
      return source.rows.map((r) => {
        const v = r[this.width + j];
        return v == null || isPseudonym(v) ? null : pseudonymise(v, key, column);
      });
    });
    source.fields.forEach((name, j) => sets.push(`${s.q(name)} = coalesce(${this.typed(t, name, `v.n${j}`)}, t.${s.q(name)})`));
    const arrays = [...keys, ...values].map((a) => `${p.add(a)}::text[]`);
    const names = [...t.key.map((_, k) => `k${k}`), ...source.fields.map((_, j) => `n${j}`)];
    return `update ${s.rel(t)} as t set ${sets.join(', ')} from unnest(${arrays.join(', ')}) as v(${names.join(', ')}) where ${this.keyJoin(t, 't', 'v')}`;
  }

  /** Rows per corrected column that would change (the person's unshared rows whose value differs), in one SELECT. */
  async correctionCounts(corrections: Record<string, string>): Promise<TableResult[]> {
    const s = this.sql;
    await this.flush();
    const p = s.params();
    const targets = this.tables.map((t) => correctedColumns(t, corrections));
    const columns = [`(select coalesce(json_agg(json_build_array(t, m, s)), '[]') from (select t, count(*)::int as m, count(*) filter (where sh)::int as s from ${this.M} group by t) as q) as tally`];
    targets.forEach((list, i) => {
      const t = this.tables[i]!;
      list.forEach(([column, value], j) => columns.push(`(select count(*)::int from ${s.rel(t)} as t join ${this.M} as x on x.t = ${i} and not x.sh and ${this.keyJoin(t, 't', 'x')} where t.${s.q(column)} is distinct from ${this.typed(t, column, p.add(value))}) as c${i}_${j}`));
    });
    this.where = 'count corrections';
    const row = (await this.query(`select ${columns.join(', ')}`, p.values)).rows[0]!;
    const tally = jsonArray(row.tally) as number[][];
    const byTable = new Map(tally.map(([t, m, sh]) => [Number(t), { m: Number(m), s: Number(sh) }]));
    return this.tables.map((t, i) => {
      const fields: FieldCount[] = targets[i]!.map(([column], j) => ({ column, action: 'correct' as const, rows: Number(row[`c${i}_${j}`] ?? 0) }));
      return { table: t.ref, matched: byTable.get(i)?.m ?? 0, shared: byTable.get(i)?.s ?? 0, deleted: 0, updated: Math.max(0, ...fields.map((f) => f.rows)), retained: 0, fields };
    });
  }

  /** Writes the corrections to the person's unshared rows: one statement for every table. */
  async correct(corrections: Record<string, string>): Promise<void> {
    const s = this.sql;
    await this.flush();
    await this.run('set local statement_timeout = 0');
    const p = s.params();
    const parts = this.tables.flatMap((t, i) => {
      const columns = correctedColumns(t, corrections);
      if (!columns.length) return [];
      const sets = columns.map(([column, value]) => `${s.q(column)} = ${this.typed(t, column, p.add(value))}`).join(', ');
      return [`update ${s.rel(t)} as t set ${sets} from ${this.M} as x where x.t = ${i} and not x.sh and ${this.keyJoin(t, 't', 'x')}`];
    });
    if (!parts.length) return;
    this.where = 'correct';
    await this.run(`with ${parts.map((part, i) => `w${i} as (${part})`).join(', ')} select 1`, p.values);
  }

  private typed(t: PlanTable, column: string, expr: string): string {
    const type = this.typeOf(t, column);
    return type ? `${expr}::${type}` : expr;
  }

  /** Searches every reached table for the identities again (whole tables, not only the person's rows), in one statement. */
  async verify(): Promise<VerifyResult[]> {
    const s = this.sql;
    const p = s.params();
    const checks: { table: PlanTable; column: string; retained: boolean; sql: string }[] = [];
    for (const step of this.plan.steps) {
      if (step.kind !== 'verify') continue;
      const t = this.t(tableKey(step.table));
      for (const c of step.columns) checks.push({ table: t, column: c.column, retained: c.retained, sql: `(select count(*)::int from ${s.rel(t)} as t where ${this.predicate(t, c.column, c.identity, c.json, 't', p)})` });
    }
    if (!checks.length) return [];
    this.where = 'verify';
    const { rows } = await this.query(`select ${checks.map((c, i) => `${c.sql} as v${i}`).join(', ')}`, p.values);
    const out: VerifyResult[] = [];
    checks.forEach((c, i) => {
      const remaining = Number(rows[0]![`v${i}`] ?? 0);
      const existing = out.find((r) => r.column === c.column && r.table === c.table.ref);
      if (existing) existing.remaining += remaining;
      else out.push({ table: c.table.ref, column: c.column, remaining, retained: c.retained });
    });
    return out;
  }
}
