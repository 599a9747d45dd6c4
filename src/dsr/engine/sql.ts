/**
 * SQL text for both dialects. Identifiers go through the connection's own quoting (pg
 * `escapeIdentifier`, mysql2 `escapeId`); every value is a placeholder added to `Params`.
 */
import type { EngineConnection, NormalisedIdentity, PlanColumn, PlanTable } from './types.js';

const db_mysql = (db: EngineConnection) => db.dialect === 'mysql';

/** The e-mail normal form an index of the column supports (PostgreSQL expression indexes). */
export type EmailForm = 'lower' | 'lower_trim';

export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: EngineConnection['dialect']) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'postgres' ? `$${this.values.length}` : '?';
  }
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

export class Sql {
  readonly pg: boolean;
  readonly lite: boolean;
  /** PostgreSQL and SQLite write `UPDATE t AS t SET … FROM x WHERE …`; MySQL joins instead. */
  readonly updateFrom: boolean;
  constructor(
    readonly db: EngineConnection,
    private readonly tempSchema?: string,
  ) {
    this.pg = db.dialect === 'postgres';
    this.lite = db.dialect === 'sqlite';
    this.updateFrom = this.pg || this.lite;
  }
  /** A temporary table's name: PostgreSQL and SQLite put it in the session's own schema; MySQL needs a database. */
  temp(name: string): string {
    return db_mysql(this.db) && this.tempSchema ? `${this.q(this.tempSchema)}.${name}` : name;
  }
  /** `a` and `b` are equal, nulls equal to nulls. */
  same(a: string, b: string): string {
    return this.pg ? `${a} is not distinct from ${b}` : this.lite ? `${a} is ${b}` : `${a} <=> ${b}`;
  }
  q(name: string): string {
    return this.db.quote(name);
  }
  rel(table: Pick<PlanTable, 'ref'>): string {
    return table.ref.schema ? `${this.q(table.ref.schema)}.${this.q(table.ref.table)}` : this.q(table.ref.table);
  }
  params(): Params {
    return new Params(this.db.dialect);
  }
  /** `a.col = b.kN` for each key column; null-safe when the key is not a primary key. */
  keyEq(table: PlanTable, alias: string, temp: string): string {
    return table.key
      .map((c, i) => {
        const left = `${alias}.${this.q(c)}`;
        const right = `${temp}.k${i}`;
        if (table.keyIsPrimary) return `${left} = ${right}`;
        return this.same(left, right);
      })
      .join(' and ');
  }
  keyList(table: PlanTable, alias: string): string {
    return table.key.map((c, i) => `${alias}.${this.q(c)} as k${i}`).join(', ');
  }
  tempCols(table: PlanTable): string {
    return table.key.map((_, i) => `k${i}`).join(', ');
  }
  /** Columns of two linked tables, position by position; compared as text when their kinds differ. */
  linkEq(child: PlanTable, childAlias: string, childCols: string[], parent: PlanTable, parentAlias: string, parentCols: string[]): string {
    return childCols
      .map((c, i) => {
        const p = parentCols[i]!;
        const ck = child.columns.find((x) => x.name === c)?.kind;
        const pk = parent.columns.find((x) => x.name === p)?.kind;
        const l = `${childAlias}.${this.q(c)}`;
        const r = `${parentAlias}.${this.q(p)}`;
        return ck !== pk && this.pg ? `${l}::text = ${r}::text` : `${l} = ${r}`;
      })
      .join(' and ');
  }
  /**
   * The column brought to the identity kind's normal form. `form: 'lower'` compares e-mail as
   * `lower(col)` so an index on that expression serves it (surrounding spaces then count).
   */
  normalised(kind: string, expr: string, form?: EmailForm): string {
    const text = this.pg ? `(${expr})::text` : this.lite ? `CAST(${expr} AS TEXT)` : `CAST(${expr} AS CHAR)`;
    switch (kind) {
      case 'email':
        return form === 'lower' ? `lower(${text})` : `lower(trim(${text}))`;
      case 'phone_number':
        // SQLite has no regexp_replace: the engine's connection registers custos_digits().
        return this.pg ? `regexp_replace(${text}, '[^0-9]', '', 'g')` : this.lite ? `custos_digits(${text})` : `REGEXP_REPLACE(${text}, '[^0-9]', '')`;
      case 'national_id':
        return this.pg ? `upper(regexp_replace(${text}, '[[:space:].-]', '', 'g'))` : this.lite ? `upper(custos_id_chars(${text}))` : `UPPER(REGEXP_REPLACE(${text}, '[[:space:].-]', ''))`;
      default:
        return text;
    }
  }
  /** True when the column (or, for JSON, any string inside it) holds one of the identities. */
  matches(column: Pick<PlanColumn, 'name'>, kind: string, json: boolean, identities: readonly NormalisedIdentity[], alias: string, params: Params, form?: EmailForm): string {
    const values = identities.filter((i) => i.kind === kind).flatMap((i) => (kind === 'phone_number' ? (i.digits ?? []) : [i.value]));
    if (!values.length) return 'false';
    const col = `${alias}.${this.q(column.name)}`;
    if (!json) return `${this.normalised(kind, col, form)} in (${params.list(values)})`;
    if (this.pg) {
      return `exists (select 1 from jsonb_path_query(${col}::jsonb, 'strict $.**') as v(x) where jsonb_typeof(v.x) = 'string' and ${this.normalised(kind, `v.x #>> '{}'`)} in (${params.list(values)}))`;
    }
    if (this.lite) {
      return `(json_valid(${col}) and exists (select 1 from json_tree(${col}) as v where v.type = 'text' and ${this.normalised(kind, 'v.value')} in (${params.list(values)})))`;
    }
    // MariaDB: JSON_SEARCH takes LIKE patterns; `!` escapes the wildcards in the value.
    const exact = identities.filter((i) => i.kind === kind).map((i) => i.value.replace(/[!%_]/g, '!$&'));
    const doc = kind === 'email' ? `LOWER(${col})` : col;
    return `(${exact.map((v) => `JSON_SEARCH(${doc}, 'one', ${params.add(v)}, '!') IS NOT NULL`).join(' or ')})`;
  }
  /** The columns equal one of the value tuples (a bridge's seed); values are parameters. */
  inTuples(alias: string, columns: string[], values: readonly unknown[][], params: Params): string {
    if (!values.length) return 'false';
    if (columns.length === 1) {
      const col = `${alias}.${this.q(columns[0]!)}`;
      // PostgreSQL types the array from the column, so its index serves the lookup.
      return this.pg ? `${col} = any(${params.add(values.map((v) => v[0]))})` : `${col} in (${params.list(values.map((v) => v[0]))})`;
    }
    const cols = columns.map((c) => `${alias}.${this.q(c)}`).join(', ');
    return `(${cols}) in (${values.map((v) => `(${params.list(v)})`).join(', ')})`;
  }

  /** `a` differs from `b`, nulls compared as values. */
  distinct(a: string, b: string): string {
    return this.pg ? `${a} is distinct from ${b}` : this.lite ? `${a} is not ${b}` : `not (${a} <=> ${b})`;
  }
  /** True when every identity column of the row is empty (rows of identity tables entered by an edge). */
  noIdentity(table: PlanTable, alias: string): string {
    const cols = table.columns.filter((c) => c.identity);
    return cols.length ? cols.map((c) => `${alias}.${this.q(c.name)} is null`).join(' and ') : 'true';
  }
  /** A temporary table shaped like the key of `table` (k0 …), plus extra columns. */
  async createTemp(name: string, table: PlanTable, extra = ''): Promise<void> {
    const select = `select ${this.keyList(table, 't')}${extra ? `, ${extra}` : ''} from ${this.rel(table)} as t`;
    if (this.pg) await this.db.query(`create temp table ${name} on commit drop as ${select} with no data`);
    else await this.db.query(`create temporary table ${name} as ${select} where 1 = 0`);
  }
  async dropTemp(names: string[]): Promise<void> {
    if (this.lite) for (const name of names) await this.db.query(`drop table if exists temp.${name}`);
    else if (!this.pg && names.length) await this.db.query(`drop temporary table if exists ${names.join(', ')}`);
  }
  async count(sql: string, params: Params = this.params()): Promise<number> {
    const { rows } = await this.db.query(sql, params.values);
    const value = rows[0] ? Object.values(rows[0])[0] : 0;
    return Number(value ?? 0);
  }
}
