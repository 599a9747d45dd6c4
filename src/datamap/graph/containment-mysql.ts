/**
 * Containment on MySQL and MariaDB in one statement. There is no TABLESAMPLE: the first distinct
 * non-null child values up to the sample size (DISTINCT with LIMIT stops reading once it has them),
 * and how many the parent holds. Identifiers are quoted by the driver; the size is a parameter.
 */
import type { Connection, Pool, RowDataPacket } from 'mysql2/promise';
import { checkProbeColumns, type ContainmentProbe } from './infer.js';
import type { ColumnRef } from './types.js';

export type MysqlQueryable = Pick<Pool, 'query' | 'escapeId'> | Pick<Connection, 'query' | 'escapeId'>;

export function createMysqlContainmentProbe(db: MysqlQueryable): ContainmentProbe {
  const q = (name: string) => db.escapeId(name);
  const relation = (ref: ColumnRef) => (ref.schema ? `${q(ref.schema)}.${q(ref.table)}` : q(ref.table));
  return async (child, parent, sampleSize) => {
    checkProbeColumns(child, parent);
    const keys = child.map((c, i) => `c.${q(c.column)} as k${i}`).join(', ');
    const notNull = child.map((c) => `c.${q(c.column)} is not null`).join(' and ');
    const matches = parent.map((p, i) => `p.${q(p.column)} = s.k${i}`).join(' and ');
    const [rows] = await db.query<RowDataPacket[]>(
      `select count(*) as sampled,
              coalesce(sum(exists (select 1 from ${relation(parent[0]!)} as p where ${matches})), 0) as contained
         from (select distinct ${keys} from ${relation(child[0]!)} as c where ${notNull} limit ?) as s`,
      [Math.trunc(sampleSize)],
    );
    return { sampled: Number(rows[0]?.sampled ?? 0), contained: Number(rows[0]?.contained ?? 0) };
  };
}
