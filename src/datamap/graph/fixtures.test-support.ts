/** Small builders for graph tests: `col('email=email')` is an email identity, `col('name*')` personal. */
import type { EdgeOrigin, GraphColumn, GraphEdge, GraphTable, TableRef } from './types.js';

export function ref(table: string, schema = 'public', system = 'shop'): TableRef {
  return { system, schema, table };
}

export function col(spec: string): GraphColumn {
  const personal = spec.endsWith('*');
  const [name, identity] = spec.replace(/\*$/, '').split('=') as [string, string | undefined];
  return { name, kindOfType: /id$/i.test(name) || name === 'line_no' ? 'number' : 'text', personal: personal || identity !== undefined, ...(identity ? { identity } : {}) };
}

export function table(at: TableRef | string, specs: string[], options: { pk?: string[]; kind?: GraphTable['kind'] } = {}): GraphTable {
  return { ref: typeof at === 'string' ? ref(at) : at, kind: options.kind ?? 'table', primaryKey: options.pk ?? (specs.some((s) => s === 'id') ? ['id'] : []), columns: specs.map(col) };
}

export function edge(from: TableRef | string, fromColumns: string[], to: TableRef | string, toColumns: string[], options: Partial<GraphEdge> & { origin?: EdgeOrigin } = {}): GraphEdge {
  return {
    from: { table: typeof from === 'string' ? ref(from) : from, columns: fromColumns },
    to: { table: typeof to === 'string' ? ref(to) : to, columns: toColumns },
    origin: 'introspected',
    confidence: 1,
    status: 'active',
    ...options,
  };
}
