/**
 * From what the scanner stored to the graph's input: a table finding becomes a GraphTable (identity
 * kinds declared by a person win over those the detected entity implies), and the foreign keys the
 * database declared become introspected edges. Typed by shape so any finding-like record fits.
 */
import type { ColumnKind, TableKind } from '../../discovery/connectors/connector.js';
import { identityKindForEntity } from './identity.js';
import type { GraphEdge, GraphTable, IdentityKind } from './types.js';

export interface ScannedTable {
  schema: string;
  table: string;
  kind: TableKind;
  primaryKey?: readonly string[];
  foreignKeys?: readonly { columns: readonly string[]; refSchema: string; refTable: string; refColumns: readonly string[] }[];
  columns: readonly { column: string; kind?: ColumnKind; entity: string | null; category: string | null }[];
}

export function graphTableFromScan(system: string, scanned: ScannedTable, declaredIdentities: Readonly<Record<string, IdentityKind>> = {}): GraphTable {
  return {
    ref: { system, schema: scanned.schema, table: scanned.table },
    kind: scanned.kind,
    primaryKey: [...(scanned.primaryKey ?? [])],
    columns: scanned.columns.map((c) => {
      const identity = declaredIdentities[c.column] ?? (c.entity ? identityKindForEntity(c.entity) : null);
      return {
        name: c.column,
        kindOfType: c.kind ?? 'other',
        personal: c.entity !== null || Boolean(c.category?.startsWith('user')) || Boolean(identity),
        ...(identity ? { identity } : {}),
        ...(c.category ? { category: c.category } : {}),
      };
    }),
  };
}

/** Foreign keys point within the source, so both ends are in `system`. */
export function foreignKeyEdges(system: string, scanned: ScannedTable): GraphEdge[] {
  return (scanned.foreignKeys ?? []).map((fk) => ({
    from: { table: { system, schema: scanned.schema, table: scanned.table }, columns: [...fk.columns] },
    to: { table: { system, schema: fk.refSchema, table: fk.refTable }, columns: [...fk.refColumns] },
    origin: 'introspected',
    confidence: 1,
    status: 'active',
    join: 'key',
  }));
}
