/** Rectification: which columns of a table a correction writes. */
import { columnKey } from '../../datamap/graph/keys.js';
import type { PlanTable } from './types.js';

/** The columns of a table a rectification writes, with their values: by column first, then by exact category. */
export function correctedColumns(table: PlanTable, corrections: Record<string, string>): [string, string][] {
  return table.columns.flatMap((c): [string, string][] => {
    const value = corrections[columnKey(table.ref, c.name)] ?? (c.category ? corrections[c.category] : undefined);
    return value === undefined ? [] : [[c.name, value]];
  });
}
