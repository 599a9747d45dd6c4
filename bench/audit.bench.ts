/**
 * Audit log cost. Appending: Custos's record() (lock the chain head, hash, insert, maybe sign a
 * checkpoint, update the head) against the baseline of a plain INSERT of the same row, each in its
 * own transaction, in the same run on the same store. Verifying: the whole chain walk against a
 * plain ordered SELECT of the same rows.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/lib/logger.js';
import { freshPostgres, tempDir, time, type Row } from './support.js';

const ACTOR = { type: 'system' as const, id: null, name: 'bench', role: null };

export async function benchAudit(n: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const store of ['pglite', 'postgres'] as const) {
    const { dir, remove } = tempDir('custos-bench-audit-');
    const pgDb = store === 'postgres' ? await freshPostgres('custos_bench_audit') : undefined;
    const config = loadConfig({ env: {}, overrides: { dataDir: dir, ...(pgDb ? { databaseUrl: pgDb.url } : {}) } });
    const app = await createApp(config, createLogger({ level: 'silent' }));
    const db = app.store.db;
    try {
      await sql`create table bench_plain (like audit_events including defaults)`.execute(db);
      const append = await time(async () => {
        for (let i = 0; i < n; i += 1) await app.audit.recordAlone({ actor: ACTOR, requestId: `r${i}` }, { action: 'bench.event', target: { type: 'thing', id: String(i) }, details: { i } });
      });
      const plain = await time(async () => {
        for (let i = 0; i < n; i += 1) {
          await db.transaction().execute(async (tx) => {
            await sql`insert into bench_plain (seq, id, occurred_at, actor_type, actor_name, action, target_type, target_id, request_id, outcome, details, prev_hash, hash)
              values (${i + 1}, ${randomUUID()}, ${new Date()}, 'system', 'bench', 'bench.event', 'thing', ${String(i)}, ${`r${i}`}, 'success', ${JSON.stringify({ i })}, '', '')`.execute(tx);
          });
        }
      });
      rows.push({
        benchmark: 'audit append (events/s)',
        store,
        n,
        custos: (n / (append.ms / 1000)).toFixed(0),
        baseline: `${(n / (plain.ms / 1000)).toFixed(0)} (plain INSERT)`,
        ratio: `${(append.ms / plain.ms).toFixed(2)}× slower`,
      });
      const verify = await time(() => app.audit.verify());
      if (!verify.result.ok) throw new Error('benchmark chain did not verify');
      const scan = await time(async () => {
        for (let after = 0; ; ) {
          const page = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(5000).execute();
          if (page.length < 5000) break;
          after = Number(page[page.length - 1]!.seq);
        }
      });
      const total = verify.result.checkedEvents;
      rows.push({
        benchmark: 'audit verify (events/s)',
        store,
        n: total,
        custos: (total / (verify.ms / 1000)).toFixed(0),
        baseline: `${(total / (scan.ms / 1000)).toFixed(0)} (ordered SELECT)`,
        ratio: `${(verify.ms / scan.ms).toFixed(2)}× slower`,
      });
    } finally {
      await app.close();
      await pgDb?.drop();
      remove();
    }
  }
  return rows;
}
