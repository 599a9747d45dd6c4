/**
 * Containment on PostgreSQL in one statement: a page sample of the child (TABLESAMPLE SYSTEM,
 * sized from the planner's row and page estimates, partitions summed; whole table when small), its distinct
 * non-null key values up to the sample size, and how many of them the parent holds. Identifiers
 * are quoted by the driver; the sample size is a parameter.
 */
import pg from 'pg';
import type { PgQueryable } from '../../discovery/connectors/postgres.js';
import { checkProbeColumns, type Containment, type ContainmentProbe } from './infer.js';
import type { ColumnRef } from './types.js';

const q = (name: string) => pg.escapeIdentifier(name);
/**
 * Pages are drawn one by one with the sample's probability: ask for enough rows to hold the
 * sample size in distinct values ten times over, and for at least this many pages, so that a
 * small percentage of a big table never draws none.
 */
const MIN_PAGES = 16;

function relationName(ref: ColumnRef): string {
  return ref.schema ? `${q(ref.schema)}.${q(ref.table)}` : q(ref.table);
}

export function createPostgresContainmentProbe(db: PgQueryable): ContainmentProbe {
  return async (child, parent, sampleSize) => {
    checkProbeColumns(child, parent);
    const childTable = relationName(child[0]!);
    const keys = child.map((c, i) => `c.${q(c.column)} as k${i}`).join(', ');
    const notNull = child.map((c) => `c.${q(c.column)} is not null`).join(' and ');
    const matches = parent.map((p, i) => `p.${q(p.column)} = s.k${i}`).join(' and ');
    const { rows } = await db.query<Containment>(
      `with estimate as (
         select greatest(c.reltuples, coalesce(sum(greatest(p.reltuples, 0)), 0))::float8 as n,
                greatest(c.relpages, coalesce(sum(p.relpages), 0))::float8 as pages
           from pg_class c left join pg_inherits i on i.inhparent = c.oid left join pg_class p on p.oid = i.inhrelid
          where c.oid = $2::regclass
          group by c.oid, c.reltuples, c.relpages
       ), s as (
         select distinct ${keys}
           from ${childTable} as c
                tablesample system ((select case when n <= $1::int * 10 then 100
                                                 else least(100, greatest($1::int * 1000.0 / n, ${MIN_PAGES} * 100.0 / greatest(pages, 1))) end
                                       from estimate)::float4)
          where ${notNull}
          limit $1::int
       )
       select count(*)::int as sampled,
              (count(*) filter (where exists (select 1 from ${relationName(parent[0]!)} as p where ${matches})))::int as contained
         from s`,
      [sampleSize, childTable],
    );
    return { sampled: rows[0]?.sampled ?? 0, contained: rows[0]?.contained ?? 0 };
  };
}
