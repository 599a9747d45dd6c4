/**
 * A Custos worker process for the job-survival test. It runs one queue whose handler can be told
 * (by env) to hang before or after its effect, so the test can kill it at that point.
 *   JOB_TEST_DATA_DIR, JOB_TEST_DATABASE_URL: the store; JOB_TEST_MARKERS: folder for progress files;
 *   JOB_TEST_HANG: 'before-effect' | 'after-effect' | ''; JOB_TEST_ENQUEUE: '1' to enqueue one job.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/lib/logger.js';

const markers = process.env.JOB_TEST_MARKERS!;
const hang = process.env.JOB_TEST_HANG ?? '';
const config = loadConfig({
  env: {},
  overrides: {
    dataDir: process.env.JOB_TEST_DATA_DIR!,
    ...(process.env.JOB_TEST_DATABASE_URL ? { databaseUrl: process.env.JOB_TEST_DATABASE_URL } : {}),
    jobs: { pollIntervalSeconds: 0.5 },
    logLevel: 'warn',
  },
});
const app = await createApp(config, createLogger({ level: 'warn', destination: process.stderr as never }), { maintenanceIntervalSeconds: 1 });
await sql`create table if not exists job_test_effects (id serial primary key, job_id text not null)`.execute(app.store.db);

const mark = (name: string) => writeFileSync(path.join(markers, name), String(process.pid));
const forever = () => new Promise(() => undefined);

await app.jobs.register<{ n: number }>(
  'test.effect',
  async (job) => {
    mark(`started-${process.pid}`);
    if (hang === 'before-effect') await forever();
    const { skipped } = await job.runOnce(async (tx) => {
      await sql`insert into job_test_effects (job_id) values (${job.id})`.execute(tx);
    });
    mark(skipped ? `skipped-${process.pid}` : `effect-${process.pid}`);
    if (hang === 'after-effect') await forever();
  },
  { expireInSeconds: 2, retryLimit: 5, retryDelaySeconds: 1 },
);
await app.jobs.start();
if (process.env.JOB_TEST_ENQUEUE === '1') {
  const id = await app.jobs.enqueue('test.effect', { n: 1 });
  writeFileSync(path.join(markers, 'job-id'), id ?? '');
}
mark('ready');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
