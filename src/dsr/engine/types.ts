/**
 * The execution engine's vocabulary. A Plan is plain data (JSON-serialisable, no SQL): what the
 * compiler decided per system and table, which the executor turns into set-based statements for
 * the system's dialect. Identity values live only in `Plan.identities`; nothing else carries them.
 */
import type { ColumnKind } from '../../discovery/connectors/connector.js';
import type { TableRef } from '../../datamap/graph/types.js';

export type ErasureAction = 'delete_row' | 'null' | 'mask' | 'pseudonymise' | 'retain';

export interface PolicyRule {
  action: ErasureAction;
  /** Why data is kept: required for `retain` ("German Fiscal Code §147 invoice retention"). */
  reason?: string;
}

export interface ErasurePolicy {
  /** Fideslang category (or prefix: `user.financial` covers `user.financial.bank_account`) → rule; longest prefix wins. */
  rules: Record<string, PolicyRule | ErasureAction>;
  /** For personal fields no rule covers. Default `delete_row`. */
  default?: PolicyRule | ErasureAction;
  /** For the person's rows in reached tables that hold no personal field (order lines, link rows). Default `delete_row`. */
  unclassifiedRows?: 'delete_row' | 'retain';
}

/** What the database says about a column; from `describeColumns`, optional at compile time. */
export interface ColumnFacts {
  nullable: boolean;
  /** Character limit of the column type, when it has one. */
  maxLength?: number | null;
  dataType?: string;
}

/** A normalised identity, ready to be compared in SQL. */
export interface NormalisedIdentity {
  kind: string;
  /** Compared with `=` against the normalised column (email: lower/trim; national id: no spaces/dashes, upper). */
  value: string;
  /** Phone numbers: digit strings the column's digits may equal (national number, with country code, trunk or exit prefixes). */
  digits?: string[];
}

export interface PlanColumn {
  name: string;
  kind: ColumnKind;
  category?: string;
  identity?: string;
  /** Personal data inside JSON/free text: searched for identities, erased by its category's rule. */
  json?: boolean;
  nullable: boolean | null;
  maxLength: number | null;
}

export interface PlanTable {
  ref: TableRef;
  /** Primary key, or (no primary key) every comparable column, compared null-safely. */
  key: string[];
  keyIsPrimary: boolean;
  columns: PlanColumn[];
  /** Holds identity columns: its rows are people of their own, entered by edges only where their identities are empty. */
  identityTable: boolean;
  personal: boolean;
}

export interface PlanEdge {
  id: string;
  /** Child (holds the reference). */
  from: { table: string; columns: string[] };
  /** Parent (referenced). Keys are `tableKey`s of PlanTables of the same system. */
  to: { table: string; columns: string[] };
  /** Enforced by the database (introspected); declared and inferred links are followed but not enforced. */
  enforced: boolean;
  /** Follow parent → child: children of the person's rows are the person's. */
  down: boolean;
  /** Follow child → parent: only into personal tables that are not identity tables. */
  up: boolean;
}

export type FieldAction = 'null' | 'mask' | 'pseudonymise' | 'retain';

export interface FieldPlan {
  column: string;
  category?: string;
  /** What the policy asked for. */
  requested: ErasureAction;
  /** What will be done (NOT NULL → mask, numbers cannot be pseudonymised → mask …). */
  action: FieldAction;
  reason?: string;
}

export type RowAction = 'delete_row' | 'update' | 'retain';

interface StepBase {
  /** Stable within a plan: `system:kind:schema.table`. */
  id: string;
  table: TableRef;
}

/** Compute the person's row keys of a table (seeds from identities, then links to a fixpoint). */
export interface MatchStep extends StepBase {
  kind: 'match';
  /** Identity columns that seed the set, with the identity kind compared. */
  seeds: { column: string; identity: string; json: boolean }[];
}

/** Access: select the matched rows. */
export interface ReadStep extends StepBase {
  kind: 'read';
  columns: { name: string; category?: string }[];
}

/** Erasure of one table's matched rows. */
export interface EraseStep extends StepBase {
  kind: 'erase';
  /** Rows: delete (those still referenced by rows that stay are updated instead), update fields, or keep. */
  rows: RowAction;
  /** For rows deleted nowhere (kept because referenced, or `update`): what happens to each personal field. */
  fields: FieldPlan[];
  /** Children before parents; same order = same strongly connected component. */
  order: number;
  /** Nullable enforced self/cycle references nulled in the rows before deleting them. */
  breakEdges: string[];
  notes: string[];
  /** Retained rows (or fields): the legal reason. */
  retainReason?: string;
}

/** After erasure: search the table for the identities again. */
export interface VerifyStep extends StepBase {
  kind: 'verify';
  columns: { column: string; identity: string; json: boolean; retained: boolean }[];
}

export type Step = MatchStep | ReadStep | EraseStep | VerifyStep;

export interface SystemPlan {
  system: string;
  tables: PlanTable[];
  edges: PlanEdge[];
  steps: Step[];
}

/**
 * A reference between two systems, followed down (parent → child): the key values of the person's
 * own rows of `to` (in its system) seed `from`'s rows in the other system.
 */
export interface Bridge {
  id: string;
  from: { system: string; table: string; columns: string[] };
  to: { system: string; table: string; columns: string[] };
}

/** Rows of one table of a system that belong to the person through a bridge: `columns` equal one of `values`. */
export interface BridgeSeed {
  table: string;
  columns: string[];
  values: unknown[][];
}

export interface Plan {
  identities: NormalisedIdentity[];
  systems: SystemPlan[];
  /** Edges between systems. Those between tables the plan reaches are followed down as `bridges`. */
  crossSystemEdges: string[];
  bridges: Bridge[];
}

export type EngineDialect = 'postgres' | 'mysql' | 'sqlite';

export interface QueryResult {
  rows: Record<string, unknown>[];
  /** Rows inserted, updated or deleted. */
  affected: number;
}

/** One connection (not a pool): the transaction and the temporary tables live on it. */
export interface EngineConnection {
  readonly dialect: EngineDialect;
  /** The driver's own identifier quoting. */
  quote(name: string): string;
  /** `?` placeholders for MySQL, `$n` for PostgreSQL. */
  query(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult>;
  /** Several statements without parameters in one round trip (PostgreSQL's simple protocol); absent: one query each. */
  script?(statements: readonly string[]): Promise<void>;
  /** The same object for every use of one server session (a pooled connection taken again): what lives on the session is remembered on it. */
  readonly session?: object;
  release(): Promise<void>;
}

export interface QueryOptions {
  /**
   * Keep the statement prepared on the session (PostgreSQL: a named statement), so running the same
   * text again skips parsing and, once PostgreSQL settles on a generic plan, planning.
   */
  prepare?: boolean;
  /**
   * What the statement's meaning depends on besides its text (the catalog it was written for):
   * part of its name, so a statement prepared before the tables changed is not run again (a
   * `select t.*` whose row type changed would fail).
   */
  version?: string;
}

export type RunMode = 'dry-run' | 'access' | 'erase' | 'rectify';

export interface FieldCount {
  column: string;
  /** `correct`: a rectification writes the subject's corrected value. */
  action: FieldAction | 'correct';
  rows: number;
}

export interface TableResult {
  table: TableRef;
  matched: number;
  /** Rows also linked to other people: read for access, never erased. */
  shared: number;
  deleted: number;
  /** Rows kept with fields changed (policy update, or delete_row rows still referenced). */
  updated: number;
  retained: number;
  fields: FieldCount[];
  retainReason?: string;
}

export interface VerifyResult {
  table: TableRef;
  column: string;
  remaining: number;
  retained: boolean;
}

export interface SystemResult {
  system: string;
  mode: RunMode;
  status: 'done' | 'skipped' | 'failed';
  tables: TableResult[];
  verify: VerifyResult[];
  /** Counts and names only, never values. */
  error?: string;
}
