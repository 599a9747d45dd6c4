/**
 * Durable background jobs on pg-boss, in Custos's own store. On PostgreSQL pg-boss has its own
 * small pool; on the embedded store it shares PGlite's single connection (through the store's
 * mutex), so the same queue, retries and expiry work in both modes.
 *
 * Delivery is at-least-once. Handlers get exactly-once effects by committing their change
 * together with `markJobDone` (see `runOnce`): a retried job whose effect already committed
 * finds its mark and does nothing.
 */
import PgBoss from 'pg-boss';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { Store } from '../db/store.js';

export interface JobOptions {
  /** How long one attempt may run before it counts as dead and is retried. */
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

export interface JobContext<T> {
  id: string;
  queue: string;
  data: T;
  /** Runs `effect` in a transaction that also records the job as done; skips it if already done. */
  runOnce<R>(effect: (tx: Transaction<Database>) => Promise<R>): Promise<{ skipped: boolean; result?: R }>;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

export interface JobQueueOptions {
  pollIntervalSeconds: number;
  /** How often expired jobs are found and retried. */
  maintenanceIntervalSeconds?: number;
}

export type JobQueue = Awaited<ReturnType<typeof createJobQueue>>;

export async function createJobQueue(store: Store, logger: Logger, options: JobQueueOptions) {
  const boss = new PgBoss({
    ...(store.connectionString ? { connectionString: store.connectionString, max: 4 } : { db: { executeSql: store.executeSql } }),
    schema: 'pgboss',
    supervise: true,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', (err: Error) => logger.error({ err: { message: err.message } }, 'job queue error'));
  const handlers = new Map<string, { handler: JobHandler<unknown>; options: JobOptions }>();
  let started = false;
  let booting: Promise<unknown> | undefined;
  /** pg-boss creates its schema on start; enqueueing needs that, running workers does not have to. */
  const ensureBoss = () => (booting ??= boss.start());

  async function register<T>(queue: string, handler: JobHandler<T>, jobOptions: JobOptions = {}): Promise<void> {
    handlers.set(queue, { handler: handler as JobHandler<unknown>, options: jobOptions });
    if (started) await startWorker(queue);
  }

  async function ensureQueue(queue: string): Promise<void> {
    const options = handlers.get(queue)?.options ?? {};
    if (!(await boss.getQueue(queue))) {
      await boss.createQueue(queue, {
        name: queue,
        retryLimit: options.retryLimit ?? 5,
        retryDelay: options.retryDelaySeconds ?? 1,
        expireInSeconds: options.expireInSeconds ?? 15 * 60,
      });
    }
  }

  async function startWorker(queue: string): Promise<void> {
    const entry = handlers.get(queue)!;
    await ensureQueue(queue);
    await boss.work(queue, { pollingIntervalSeconds: options.pollIntervalSeconds, batchSize: 1 }, async ([job]) => {
      if (!job) return;
      const context: JobContext<unknown> = {
        id: job.id,
        queue,
        data: job.data,
        runOnce: (effect) => runOnce(store.db, queue, job.id, effect),
      };
      logger.debug({ queue, jobId: job.id }, 'job started');
      await entry.handler(context);
      logger.debug({ queue, jobId: job.id }, 'job finished');
    });
  }

  async function enqueue<T extends object>(queue: string, data: T, options: { singletonKey?: string } = {}): Promise<string | null> {
    await ensureBoss();
    await ensureQueue(queue);
    return boss.send(queue, data, options.singletonKey ? { singletonKey: options.singletonKey } : {});
  }

  async function start(): Promise<void> {
    await ensureBoss();
    started = true;
    for (const queue of handlers.keys()) await startWorker(queue);
  }

  async function stop(): Promise<void> {
    if (!booting) return;
    started = false;
    booting = undefined;
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  return { register, enqueue, start, stop };
}

export async function runOnce<R>(
  db: Kysely<Database>,
  queue: string,
  jobId: string,
  effect: (tx: Transaction<Database>) => Promise<R>,
): Promise<{ skipped: boolean; result?: R }> {
  return db.transaction().execute(async (tx) => {
    const inserted = await tx.insertInto('job_effects').values({ job_id: jobId, queue }).onConflict((oc) => oc.column('job_id').doNothing()).returning('job_id').executeTakeFirst();
    if (!inserted) return { skipped: true };
    return { skipped: false, result: await effect(tx) };
  });
}
