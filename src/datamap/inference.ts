/**
 * After a scan: references the schema does not declare, proposed from column names and checked
 * against a sample of the data (`orders.customer_id` ⊆ `customers.id`). Runs on its own short-lived
 * connection, for the engines that can answer a containment query in one statement.
 */
import pg from 'pg';
import { createMysqlContainmentProbe, createPostgresContainmentProbe, inferReferences, type ContainmentProbe, type GraphEdge, type GraphTable } from './graph/index.js';

export interface InferredForSystem {
  edges: GraphEdge[];
  failed: number;
}

async function withProbe<T>(target: string, fn: (probe: ContainmentProbe) => Promise<T>): Promise<T | null> {
  // Loaded on first use, like the scanner's connectors: most commands never infer references.
  const { engineOf } = await import('../discovery/connectors/open.js');
  const engine = engineOf(target);
  if (engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target, max: 4, statement_timeout: 60_000, application_name: 'custos-map' });
    pool.on('error', () => undefined);
    try {
      return await fn(createPostgresContainmentProbe({ query: async <R extends object>(text: string, values?: unknown[]) => pool.query<R & pg.QueryResultRow>(text, values) }));
    } finally {
      await pool.end();
    }
  }
  if (engine === 'mysql') {
    const url = new URL(target.replace(/^mariadb:/i, 'mysql:'));
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined;
    const { default: mysql } = await import('mysql2/promise');
    const pool = mysql.createPool({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username || 'root'), password: decodeURIComponent(url.password), connectionLimit: 4, ...(database ? { database } : {}) });
    try {
      return await fn(createMysqlContainmentProbe(pool));
    } finally {
      await pool.end();
    }
  }
  return null;
}

/** Inferred edges for one system's tables; null when its engine cannot be probed (files, SQLite). */
export async function inferSystemReferences(target: string, tables: GraphTable[], existing: GraphEdge[], sampleSize = 1000): Promise<InferredForSystem | null> {
  return withProbe(target, async (probe) => {
    const result = await inferReferences(tables, probe, { existing, sampleSize });
    return { edges: result.edges, failed: result.failed.length };
  });
}
