/**
 * Stable string keys for maps and storage. Parts are escaped so that a dot or slash in a schema
 * or table name cannot make two different tables share a key.
 */
import type { EdgeEnd, GraphEdge, TableRef } from './types.js';

const SPECIAL = /[%/#,>]/;
const SPECIALS = /[%/#,>]/g;

function part(value: string): string {
  // Most names need no escaping; testing first avoids building a new string for each key.
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`) : value;
}

const tableKeys = new WeakMap<TableRef, string>();

/** `system/schema/table`, escaped. */
export function tableKey(ref: TableRef): string {
  let key = tableKeys.get(ref);
  if (key === undefined) {
    key = `${part(ref.system)}/${part(ref.schema)}/${part(ref.table)}`;
    tableKeys.set(ref, key);
  }
  return key;
}

export function columnKey(ref: TableRef, column: string): string {
  return `${tableKey(ref)}#${part(column)}`;
}

function endKey(end: EdgeEnd): string {
  return `${tableKey(end.table)}#${end.columns.map(part).join(',')}`;
}

/** The edge as stored: from end, then to end. */
export function edgeKey(edge: Pick<GraphEdge, 'from' | 'to'>): string {
  return `${endKey(edge.from)}>${endKey(edge.to)}`;
}

/** The link regardless of orientation: A→B and B→A over the same columns are one link. */
export function linkKey(edge: Pick<GraphEdge, 'from' | 'to'>): string {
  const a = endKey(edge.from);
  const b = endKey(edge.to);
  return a <= b ? `${a}>${b}` : `${b}>${a}`;
}

export function sameTable(a: TableRef, b: TableRef): boolean {
  return a.system === b.system && a.schema === b.schema && a.table === b.table;
}
