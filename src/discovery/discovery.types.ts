import type { ColumnKind, ForeignKeyInfo, TableInfo } from './connectors/connector.js';
import type { Level } from './grading/grading.js';

/** What the scanner concluded about one column, with the evidence a person needs to judge it. */
export interface ColumnFinding {
  column: string;
  dataType: string;
  kind: ColumnKind;
  entity: string | null;
  category: string | null;
  level: Level | null;
  confidence: number;
  evidence: {
    sampled: number;
    nonNull: number;
    matched: number;
    freeText: boolean;
    nameHint: string | null;
    detectors: string[];
    /** Other entities seen, with how many values held them. */
    others: { entity: string; matched: number }[];
  };
  /** At most three masked examples of matching values; raw values are never kept. */
  examples: string[];
}

export interface TableFinding {
  schema: string;
  table: string;
  kind: TableInfo['kind'];
  rowEstimate: number | null;
  sampledRows: number;
  fingerprint: string;
  level: Level | null;
  /** Primary key columns in key order (empty when the table has none). */
  primaryKey: string[];
  foreignKeys: ForeignKeyInfo[];
  columns: ColumnFinding[];
}
