/**
 * What the scanner needs from a data source, and nothing more: list its tables with their
 * columns and size, and hand over rows (a sample, or all of them) as text. A new source (MongoDB,
 * S3, a warehouse) is a new implementation of this interface; the scanner does not change.
 */
export type ColumnKind = 'text' | 'number' | 'temporal' | 'boolean' | 'json' | 'binary' | 'other';

export interface ColumnInfo {
  name: string;
  dataType: string;
  kind: ColumnKind;
  nullable: boolean;
  primaryKey: boolean;
}

export type TableKind = 'table' | 'partitioned' | 'view' | 'file';

/** A foreign key declared in the source: `columns` of this table reference `refColumns` of another, in order. */
export interface ForeignKeyInfo {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

export interface TableInfo {
  schema: string;
  name: string;
  kind: TableKind;
  /** The source's own estimate (statistics), or the exact count for files; null when unknown. */
  rowEstimate: number | null;
  columns: ColumnInfo[];
  /** Declared foreign keys (the data map's identity graph follows them); absent where the source has none. */
  foreignKeys?: ForeignKeyInfo[];
  /** Changes when the table's columns or (approximately) its contents change: drives incremental scans. */
  fingerprint: string;
}

export interface SampleOptions {
  /** Rows to sample; ignored with `full`. */
  size: number;
  full: boolean;
  /** Longer values are cut to this many characters at the source. */
  maxValueChars: number;
}

/** One row: column name → value as text (null for SQL NULL and for binary values, which are not read). */
export type SampledRow = Record<string, string | null>;

export interface Connector {
  readonly engine: string;
  /** Where the source is, safe to print: no password. */
  readonly location: string;
  listTables(): Promise<TableInfo[]>;
  /** Rows in batches; a sample is pushed down to the source (TABLESAMPLE or its equivalent). */
  readRows(table: TableInfo, options: SampleOptions): AsyncIterable<SampledRow[]>;
  close(): Promise<void>;
}

export function tableLabel(table: Pick<TableInfo, 'schema' | 'name'>): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}
