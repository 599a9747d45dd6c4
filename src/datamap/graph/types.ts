/**
 * The identity graph's vocabulary. A table is named by system, schema and table so that
 * references may cross databases; an edge joins columns of one table to columns of another,
 * position by position (composite keys), and says where it came from and how sure we are.
 */
import type { ColumnKind, TableKind } from '../../discovery/connectors/connector.js';

export interface TableRef {
  /** The system (data source) holding the table: its id or key, whatever the caller uses consistently. */
  system: string;
  /** Empty for sources without schemas (SQLite, files). */
  schema: string;
  table: string;
}

export interface ColumnRef extends TableRef {
  column: string;
}

/** Built-in identity kinds; any other string is a custom identity (a fides `identity:` value, say). */
export type IdentityKind = 'email' | 'phone_number' | 'account_id' | 'national_id' | 'device_id' | (string & {});

export interface GraphColumn {
  name: string;
  kindOfType: ColumnKind;
  /** The identity kind this column holds, when it identifies a data subject. */
  identity?: IdentityKind;
  personal: boolean;
  category?: string;
}

export interface GraphTable {
  ref: TableRef;
  kind: TableKind;
  primaryKey: string[];
  columns: GraphColumn[];
}

/**
 * `introspected`: a foreign key the database declares. `declared`: stated by a person, a
 * manifest or a fides dataset. `inferred`: proposed by heuristics and checked against the data.
 */
export type EdgeOrigin = 'introspected' | 'declared' | 'inferred';
export type EdgeStatus = 'active' | 'rejected';

/** Which heuristic proposed an inferred edge. */
export type NameRule = 'fk-name' | 'fk-name-suffix' | 'same-name-key' | 'identity' | 'none';

export interface ReferenceEvidence {
  nameRule: NameRule;
  sampled: number;
  contained: number;
  ratio: number;
}

export interface EdgeEnd {
  table: TableRef;
  columns: string[];
}

/**
 * `from.columns[i]` holds values of `to.columns[i]`: for a foreign key, from is the child and to
 * the parent. Traversal goes both ways.
 */
export interface GraphEdge {
  id?: string;
  from: EdgeEnd;
  to: EdgeEnd;
  origin: EdgeOrigin;
  /** 0..1; introspected and declared edges are 1. */
  confidence: number;
  status: EdgeStatus;
  /** `identity`: both ends hold the same identity kind (two `email` columns), not a key. */
  join?: 'key' | 'identity';
  evidence?: ReferenceEvidence;
}

export interface IdentityField extends ColumnRef {
  kind: IdentityKind;
}

/** One step of a path, oriented the way the traversal went (which may be against the edge). */
export interface Hop {
  from: EdgeEnd;
  to: EdgeEnd;
  origin: EdgeOrigin;
  /** The edge's id, or its `edgeKey` when it has none. */
  edge: string;
  /** True when the hop goes from the edge's `to` end to its `from` end (parent to child). */
  reversed: boolean;
}

export interface ReachedTable {
  table: TableRef;
  kind: TableKind;
  /** False for link tables that lead to personal data without holding any. */
  personal: boolean;
  /** The identity fields of the table the path starts at. */
  via: IdentityField[];
  /** Empty when the table holds an identity field itself. */
  path: Hop[];
}

export type SkipReason =
  | 'rejected'
  | 'strict'
  | 'low-confidence'
  | 'unknown-table'
  | 'unknown-column'
  | 'column-mismatch'
  | 'view'
  | 'duplicate';

export interface SkippedEdge {
  edge: GraphEdge;
  reason: SkipReason;
}

export interface GraphOptions {
  /** Follow only introspected and user-declared edges, never inferred ones. Default false. */
  strictReferences?: boolean;
  /** Inferred edges below this confidence are listed for review, not followed. Default 0.9. */
  minConfidence?: number;
  /** List views as reachable or unreachable (never traversed through). Default false. */
  includeViews?: boolean;
  /** Start only from identity fields of these kinds (the identities a request carries). Default: all. */
  identityKinds?: readonly string[];
}

export interface IdentityGraph {
  identities: IdentityField[];
  /** Every table reached, identity tables first, then by hops; personal or not. */
  reachable: ReachedTable[];
  /** Tables holding personal data that no identity reaches. */
  unreachable: TableRef[];
  /**
   * Every followed edge whose ends were both reached, parallel ones and self-references included.
   * Paths explain one way in; finding every row of a person means following all of these.
   */
  edgesUsed: GraphEdge[];
  /** Inferred edges not followed because of their confidence or strict mode: a person should look. */
  edgesListedForReview: SkippedEdge[];
  /** Edges not followed for any other reason (rejected, broken, duplicate, views). */
  edgesIgnored: SkippedEdge[];
}
