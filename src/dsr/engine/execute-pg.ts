/**
 * The PostgreSQL executor: the same decisions as the portable executor (`execute.ts`), in far fewer
 * statements. The person's rows live in four temporary tables shared by every table of the system,
 * `(t, k0 … kN, seed)`: `t` is the table's position in the plan and `k0 … kN` its key as text.
 *
 * - match: ONE recursive statement follows every edge to its fixpoint (`WITH RECURSIVE … UNION`
 *   stops when a round adds nothing), the edges of a round joined LATERALly, each behind a
 *   one-time filter on `t`, so a row only runs the lookups of its own table's edges;
 * - shared: one recursive statement; deletion planning: one statement per round (usually two);
 * - counts: two statements; each table's changes: one UPDATE (nulls, masks and pseudonyms
 *   together) and, with pseudonyms, one SELECT before it; the verification pass: one statement.
 *
 * Keys go back to the base tables cast to the column's own type (`t.id = x.k0::bigint`), so the
 * primary-key and foreign-key indexes serve every join. E-mail identities are compared in the form
 * an expression index of the column supports (`lower(email)` or `lower(trim(email))`), so a
 * unique index on `lower(email)` finds the person without reading the table; with no such index
 * the full normal form is used. Types and indexes come from the catalog in one query per run.
 */
import { tableKey } from '../../datamap/graph/keys.js';
import type { TableRef } from '../../datamap/graph/types.js';
import { isPseudonym, maskValue, pseudonymise } from './policy.js';
import { Sql, type EmailForm } from './sql.js';
import type { EngineConnection, EraseStep, FieldCount, NormalisedIdentity, PlanEdge, PlanTable, SystemPlan, TableResult, VerifyResult } from './types.js';
import type { RunOptions } from './execute.js';

const M = '_custos_m';
const S = '_custos_s';
const D = '_custos_d';
const U = '_custos_u';

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
  private readonly sql: Sql;
  private readonly tables: PlanTable[];
  private readonly index = new Map<string, number>();
  private readonly erase = new Map<string, EraseStep>();
  private readonly width: number;
  private catalog: Catalog = { types: [], emailForms: [] };
  private tallies = new Map<string, number>();
  where = 'begin';

  constructor(
    db: EngineConnection,
    private readonly plan: SystemPlan,
    private readonly identities: NormalisedIdentity[],
    private readonly options: RunOptions,
  ) {
    this.sql = new Sql(db);
    this.tables = plan.tables;
    plan.tables.forEach((t, i) => this.index.set(tableKey(t.ref), i));
    for (const s of plan.steps) if (s.kind === 'erase') this.erase.set(tableKey(s.table), s);
    this.width = Math.max(1, ...plan.tables.map((t) => t.key.length));
  }

  private i(key: string): number {
    return this.index.get(key)!;
  }
  private t(key: string): PlanTable {
    return this.tables[this.i(key)]!;
  }
  private async run(text: string, values: unknown[] = []): Promise<number> {
    return (await this.sql.db.query(text, values)).affected;
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
    const eq = table.key.map((c, i) => `${tempAlias}.k${i} ${table.keyIsPrimary ? '=' : 'is not distinct from'} ${alias}.${this.sql.q(c)}::text`).join(' and ');
    return `exists (select 1 from ${temp} as ${tempAlias} where ${tempAlias}.t = ${this.tables.indexOf(table)} and ${eq})`;
  }
  private sameKey(a: string, b: string): string {
    return Array.from({ length: this.width }, (_, i) => `${a}.k${i} is not distinct from ${b}.k${i}`).join(' and ');
  }
  private link(e: PlanEdge, c: string, p: string): string {
    return this.sql.linkEq(this.t(e.from.table), c, e.from.columns, this.t(e.to.table), p, e.to.columns);
  }

  async cleanup(): Promise<void> {
    // The temporary tables are dropped at the end of the transaction (`on commit drop`).
  }

  /** Column types and e-mail index forms of every table, in one catalog query. */
  private async loadCatalog(): Promise<void> {
    const names = this.tables.map((t) => this.sql.rel(t));
    const { rows } = await this.sql.db.query(
      `select r.i::int - 1 as i, 'c' as what, a.attname as name, format_type(a.atttypid, a.atttypmod) as detail
         from unnest($1::text[]) with ordinality as r(name, i) join pg_attribute as a on a.attrelid = to_regclass(r.name) and a.attnum > 0 and not a.attisdropped
       union all
       select r.i::int - 1, 'x', pg_get_indexdef(x.indexrelid, 1, true), null
         from unnest($1::text[]) with ordinality as r(name, i) join pg_index as x on x.indrelid = to_regclass(r.name) and x.indisvalid and x.indpred is null`,
      [names],
    );
    const types = this.tables.map(() => new Map<string, string>());
    const indexes = this.tables.map((): string[] => []);
    for (const r of rows) {
      const i = Number(r.i);
      if (r.what === 'c') types[i]!.set(String(r.name), String(r.detail));
      else indexes[i]!.push(String(r.name));
    }
    const emailForms = this.tables.map((t, i) => {
      const forms = new Map<string, EmailForm>();
      for (const c of t.columns) {
        if (c.identity !== 'email') continue;
        const found = indexes[i]!.map((e) => emailFormOf(e, c.name)).filter((f): f is EmailForm => f !== null);
        // lower(trim()) is the full normal form: prefer it when both exist.
        if (found.length) forms.set(c.name, found.includes('lower_trim') ? 'lower_trim' : 'lower');
      }
      return forms;
    });
    this.catalog = { types, emailForms };
  }

  private predicate(table: PlanTable, column: string, kind: string, json: boolean, alias: string, params: ReturnType<Sql['params']>): string {
    const form = json ? undefined : this.catalog.emailForms[this.tables.indexOf(table)]?.get(column);
    return this.sql.matches({ name: column }, kind, json, this.identities, alias, params, form);
  }

  /** Seeds, then every edge both ways (as the plan allows) to the fixpoint, in one statement. */
  async match(): Promise<void> {
    const s = this.sql;
    this.where = 'catalog';
    await this.loadCatalog();
    this.where = 'match';
    await this.run(`create temp table ${M} (t int not null, ${this.ks.replace(/k\d+/g, '$& text')}, seed int not null) on commit drop`);
    await this.run(`create temp table ${S} (t int not null, ${this.ks.replace(/k\d+/g, '$& text')}) on commit drop`);
    const p = s.params();
    const seeds: string[] = [];
    for (const step of this.plan.steps) {
      if (step.kind !== 'match' || !step.seeds.length) continue;
      const t = this.t(tableKey(step.table));
      const preds = step.seeds.map((seed) => `(${this.predicate(t, seed.column, seed.identity, seed.json, 't', p)})`);
      seeds.push(`select ${this.tables.indexOf(t)}, ${this.keyText(t, 't')} from ${s.rel(t)} as t where ${preds.join(' or ')}`);
    }
    if (!seeds.length) return;
    const branches = this.plan.edges.flatMap((e) => this.matchBranches(e));
    const recursive = branches.length ? ` union select x.t, ${this.xk('x')} from r cross join lateral (${branches.join(' union all ')}) as x(t, ${this.ks})` : '';
    await this.run(
      `insert into ${M} (t, ${this.ks}, seed)
       with recursive seeds(t, ${this.ks}) as (${seeds.join(' union all ')}),
         r(t, ${this.ks}) as (select * from seeds${recursive})
       select r.t, ${this.xk('r')}, case when exists (select 1 from seeds as z where z.t = r.t and ${this.sameKey('z', 'r')}) then 1 else 0 end from r`,
      p.values,
    );
    await this.run(`analyze ${M}`);
  }

  private matchBranches(e: PlanEdge): string[] {
    const s = this.sql;
    const c = this.t(e.from.table);
    const p = this.t(e.to.table);
    const out: string[] = [];
    if (e.down) {
      const gate = c.identityTable ? ` and ${s.noIdentity(c, 'c')}` : '';
      out.push(`select ${this.tables.indexOf(c)}, ${this.keyText(c, 'c')} from ${s.rel(p)} as p join ${s.rel(c)} as c on ${this.link(e, 'c', 'p')} where r.t = ${this.tables.indexOf(p)} and ${this.keyJoin(p, 'p', 'r')}${gate}`);
    }
    if (e.up) {
      out.push(`select ${this.tables.indexOf(p)}, ${this.keyText(p, 'p')} from ${s.rel(c)} as c join ${s.rel(p)} as p on ${this.link(e, 'c', 'p')} where r.t = ${this.tables.indexOf(c)} and ${this.keyJoin(c, 'c', 'r')}`);
    }
    return out;
  }

  /**
   * Shared rows: linked to a personal row outside the person's set (either way), and the children
   * of shared rows. Rows matched by an identity are the person's own and never shared.
   */
  async shared(): Promise<void> {
    const s = this.sql;
    const base: string[] = [];
    const children: string[] = [];
    for (const e of this.plan.edges) {
      const c = this.t(e.from.table);
      const p = this.t(e.to.table);
      const ci = this.tables.indexOf(c);
      const pi = this.tables.indexOf(p);
      if (p.personal) base.push(`select x.t, ${this.xk('x')} from ${M} as x join ${s.rel(c)} as c on ${this.keyJoin(c, 'c', 'x')} join ${s.rel(p)} as p on ${this.link(e, 'c', 'p')} where x.t = ${ci} and x.seed = 0 and not ${this.inTemp(p, 'p', M, 'y')}`);
      if (c.personal) base.push(`select x.t, ${this.xk('x')} from ${M} as x join ${s.rel(p)} as p on ${this.keyJoin(p, 'p', 'x')} join ${s.rel(c)} as c on ${this.link(e, 'c', 'p')} where x.t = ${pi} and x.seed = 0 and not ${this.inTemp(c, 'c', M, 'y')}`);
      children.push(`select y.t, ${this.xk('y')} from ${s.rel(p)} as p join ${s.rel(c)} as c on ${this.link(e, 'c', 'p')} join ${M} as y on y.t = ${ci} and y.seed = 0 and ${this.keyJoin(c, 'c', 'y')} where sh.t = ${pi} and ${this.keyJoin(p, 'p', 'sh')}`);
    }
    if (!base.length) return;
    this.where = 'shared';
    const seed = base.join(' union ');
    const recursive = children.length ? ` union select x.t, ${this.xk('x')} from sh cross join lateral (${children.join(' union all ')}) as x(t, ${this.ks})` : '';
    await this.run(`insert into ${S} (t, ${this.ks}) with recursive sh(t, ${this.ks}) as (${seed}${recursive}) select * from sh`);
    await this.run(`analyze ${S}`);
  }

  private deleting(key: string): boolean {
    return this.erase.get(key)?.rows === 'delete_row';
  }

  /**
   * Rows to delete: the person's unshared rows of delete_row tables, minus (to a fixpoint) rows
   * still referenced by a row that stays, which are updated instead. Then rows to update.
   */
  async partition(): Promise<void> {
    const s = this.sql;
    this.where = 'plan deletion';
    await this.run(`create temp table ${D} (t int not null, ${this.ks.replace(/k\d+/g, '$& text')}) on commit drop`);
    await this.run(`create temp table ${U} (t int not null, ${this.ks.replace(/k\d+/g, '$& text')}) on commit drop`);
    const deleting = this.tables.map((t, i) => (this.deleting(tableKey(t.ref)) ? i : -1)).filter((i) => i >= 0);
    if (deleting.length) {
      await this.run(`insert into ${D} select x.t, ${this.xk('x')} from ${M} as x where x.t in (${deleting.join(', ')}) and not exists (select 1 from ${S} as z where z.t = x.t and ${this.sameKey('z', 'x')})`);
      const blockers = this.plan.edges
        .filter((e) => this.deleting(e.to.table))
        .map((e) => {
          const c = this.t(e.from.table);
          const p = this.t(e.to.table);
          const childStays = this.deleting(e.from.table) ? ` and not ${this.inTemp(c, 'c', D, 'y')}` : '';
          return `(d.t = ${this.tables.indexOf(p)} and exists (select 1 from ${s.rel(p)} as p join ${s.rel(c)} as c on ${this.link(e, 'c', 'p')} where ${this.keyJoin(p, 'p', 'd')}${childStays}))`;
        });
      if (blockers.length) {
        await this.run(`analyze ${D}`);
        while ((await this.run(`delete from ${D} as d where ${blockers.join(' or ')}`)) > 0);
      }
    }
    this.where = 'plan update';
    await this.run(`insert into ${U} select x.t, ${this.xk('x')} from ${M} as x where not exists (select 1 from ${S} as z where z.t = x.t and ${this.sameKey('z', 'x')}) and not exists (select 1 from ${D} as d where d.t = x.t and ${this.sameKey('d', 'x')})`);
    await this.run(`analyze ${U}`);
  }

  /** Rows per (set, table) in one statement. */
  private async tally(sets: string[]): Promise<void> {
    this.where = 'count';
    const { rows } = await this.sql.db.query(sets.map((set) => `select '${set}' as w, t, count(*)::int as n from ${set} group by t`).join(' union all '));
    this.tallies = new Map(rows.map((r) => [`${String(r.w)}:${Number(r.t)}`, Number(r.n)]));
  }
  private n(set: string, table: PlanTable): number {
    return this.tallies.get(`${set}:${this.tables.indexOf(table)}`) ?? 0;
  }

  async matchCounts(): Promise<TableResult[]> {
    await this.tally([M, S]);
    return this.tables.map((t) => ({ table: t.ref, matched: this.n(M, t), shared: this.n(S, t), deleted: 0, updated: 0, retained: 0, fields: [] }));
  }

  async counts(): Promise<TableResult[]> {
    const s = this.sql;
    await this.tally([M, S, D, U]);
    const fieldCounts: { table: number; column: string; sql: string }[] = [];
    for (const t of this.tables) {
      const step = this.erase.get(tableKey(t.ref))!;
      const i = this.tables.indexOf(t);
      if (!this.n(U, t)) continue;
      for (const f of step.fields) fieldCounts.push({ table: i, column: f.column, sql: `(select count(*)::int from ${s.rel(t)} as t join ${U} as x on x.t = ${i} and ${this.keyJoin(t, 't', 'x')} where t.${s.q(f.column)} is not null)` });
    }
    const fieldRows = new Map<string, number>();
    if (fieldCounts.length) {
      this.where = 'count fields';
      const { rows } = await s.db.query(`select ${fieldCounts.map((f, i) => `${f.sql} as f${i}`).join(', ')}`);
      fieldCounts.forEach((f, i) => fieldRows.set(`${f.table}:${f.column}`, Number(rows[0]![`f${i}`] ?? 0)));
    }
    return this.tables.map((t) => {
      const step = this.erase.get(tableKey(t.ref))!;
      const i = this.tables.indexOf(t);
      const kept = this.n(U, t);
      const fields: FieldCount[] = step.fields.map((f) => ({ column: f.column, action: f.action, rows: fieldRows.get(`${i}:${f.column}`) ?? 0 }));
      const changes = step.fields.some((f) => f.action !== 'retain');
      return {
        table: t.ref,
        matched: this.n(M, t),
        shared: this.n(S, t),
        deleted: step.rows === 'delete_row' ? this.n(D, t) : 0,
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
      if (!this.n(M, t)) continue;
      const i = this.tables.indexOf(t);
      this.where = `read ${label(t.ref)}`;
      for (let offset = 0; ; offset += size) {
        const p = s.params();
        const { rows } = await s.db.query(
          `select t.* from ${s.rel(t)} as t join ${M} as x on x.t = ${i} and ${this.keyJoin(t, 't', 'x')} order by ${t.key.map((c) => `t.${s.q(c)}`).join(', ')} limit ${p.add(size)} offset ${p.add(offset)}`,
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
      const t = this.t(tableKey(step.table));
      if (step.rows !== 'delete_row' || !this.n(D, t)) continue;
      for (const id of step.breakEdges) {
        const e = this.plan.edges.find((x) => x.id === id)!;
        this.where = `break reference ${label(t.ref)}`;
        await this.run(`update ${s.rel(t)} as c set ${e.from.columns.map((col) => `${s.q(col)} = null`).join(', ')} from ${D} as x where x.t = ${this.tables.indexOf(t)} and ${this.keyJoin(t, 'c', 'x')}`);
      }
    }
    for (const step of steps) {
      const t = this.t(tableKey(step.table));
      if (step.rows !== 'delete_row' || !this.n(D, t)) continue;
      this.where = `delete ${label(t.ref)}`;
      await this.run(`delete from ${s.rel(t)} as t using ${D} as x where x.t = ${this.tables.indexOf(t)} and ${this.keyJoin(t, 't', 'x')}`);
    }
    for (const step of steps) {
      const t = this.t(tableKey(step.table));
      const fields = step.fields.filter((f) => f.action !== 'retain');
      if (!fields.length || !this.n(U, t)) continue;
      this.where = `update ${label(t.ref)}`;
      await this.updateTable(t, fields, key);
    }
  }

  /**
   * One UPDATE per table for every changed field: nulls and masks set in SQL, pseudonyms computed
   * here from values read once and sent back as arrays joined on the row's (old) key, so a keyless
   * table whose key includes a changed column is still addressed correctly.
   */
  private async updateTable(t: PlanTable, fields: EraseStep['fields'], key: string): Promise<void> {
    const s = this.sql;
    const i = this.tables.indexOf(t);
    const p = s.params();
    const typed = (column: string, expr: string) => {
      const type = this.typeOf(t, column);
      return type ? `${expr}::${type}` : expr;
    };
    const sets: string[] = [];
    for (const f of fields) {
      if (f.action === 'pseudonymise') continue;
      const column = t.columns.find((c) => c.name === f.column)!;
      const col = s.q(f.column);
      sets.push(f.action === 'null' ? `${col} = null` : `${col} = case when t.${col} is not null then ${typed(f.column, p.add(maskValue(column)))} end`);
    }
    const pseudonymised = fields.filter((f) => f.action === 'pseudonymise');
    if (!pseudonymised.length) {
      await this.run(`update ${s.rel(t)} as t set ${sets.join(', ')} from ${U} as x where x.t = ${i} and ${this.keyJoin(t, 't', 'x')}`, p.values);
      return;
    }
    const { rows } = await s.db.query(`select ${this.xk('x')}, ${pseudonymised.map((f, j) => `t.${s.q(f.column)}::text as v${j}`).join(', ')} from ${s.rel(t)} as t join ${U} as x on x.t = ${i} and ${this.keyJoin(t, 't', 'x')}`);
    const keys = t.key.map((_, k) => rows.map((r) => (r[`k${k}`] ?? null) as string | null));
    const values = pseudonymised.map((f, j) => {
      const column = t.columns.find((c) => c.name === f.column)!;
      return rows.map((r) => {
        const v = r[`v${j}`];
        return v == null || isPseudonym(String(v)) ? null : pseudonymise(String(v), key, column);
      });
    });
    for (const [j, f] of pseudonymised.entries()) sets.push(`${s.q(f.column)} = coalesce(${typed(f.column, `v.n${j}`)}, t.${s.q(f.column)})`);
    const arrays = [...keys, ...values].map((a) => `${p.add(a)}::text[]`);
    const names = [...t.key.map((_, k) => `k${k}`), ...pseudonymised.map((_, j) => `n${j}`)];
    await this.run(`update ${s.rel(t)} as t set ${sets.join(', ')} from unnest(${arrays.join(', ')}) as v(${names.join(', ')}) where ${this.keyJoin(t, 't', 'v')}`, p.values);
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
    const { rows } = await s.db.query(`select ${checks.map((c, i) => `${c.sql} as v${i}`).join(', ')}`, p.values);
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
