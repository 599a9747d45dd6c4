/**
 * Jobs survive the death of their worker: kill -9 in the middle of a job, start a new worker, and
 * the job finishes, with its effect applied exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../test/support/databases.js';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const WORKER = path.resolve('test/support/job-worker.ts');

interface Scenario {
  dir: string;
  markers: string;
  database?: TestDatabase;
}

const children: ChildProcess[] = [];
const scenarios: Scenario[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const s of scenarios.splice(0)) {
    await s.database?.drop();
    rmSync(s.dir, { recursive: true, force: true });
  }
});

function startWorker(s: Scenario, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, JOB_TEST_DATA_DIR: path.join(s.dir, 'data'), JOB_TEST_MARKERS: s.markers, ...(s.database ? { JOB_TEST_DATABASE_URL: s.database.url } : {}), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  return child;
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const hasMarker = (s: Scenario, prefix: string, pid?: number) => () => readdirSync(s.markers).some((f) => f === (pid ? `${prefix}-${pid}` : prefix) || (!pid && f.startsWith(`${prefix}-`)));

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

async function readOutcome(s: Scenario, jobId: string): Promise<{ effects: number; state: string }> {
  const query = async (run: (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => {
    const effects = await run('select count(*)::int as n from job_test_effects where job_id = $1', [jobId]);
    const job = await run('select state from pgboss.job where id = $1', [jobId]);
    return { effects: Number(effects.rows[0]!.n), state: String(job.rows[0]?.state) };
  };
  if (s.database) {
    const client = new pg.Client({ connectionString: s.database.url });
    await client.connect();
    try {
      return await query((text, values) => client.query(text, values));
    } finally {
      await client.end();
    }
  }
  const db = await PGlite.create(path.join(s.dir, 'data', 'store'));
  try {
    return await query((text, values) => db.query(text, values));
  } finally {
    await db.close();
  }
}

describe.each(['postgres', 'pglite'] as const)('durable jobs on %s', (store) => {
  async function scenario(): Promise<Scenario> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-jobs-'));
    const markers = path.join(dir, 'markers');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(markers);
    const s: Scenario = { dir, markers, ...(store === 'postgres' ? { database: await createPostgresDatabase() } : {}) };
    scenarios.push(s);
    return s;
  }

  for (const hang of ['before-effect', 'after-effect'] as const) {
    it(`finishes a job whose worker was killed ${hang.replace('-', ' the ')}, exactly once in effect`, async () => {
      const s = await scenario();
      const first = startWorker(s, { JOB_TEST_HANG: hang, JOB_TEST_ENQUEUE: '1' });
      await waitFor(hasMarker(s, 'started', first.pid), 'the first worker to start the job');
      if (hang === 'after-effect') await waitFor(hasMarker(s, 'effect', first.pid), 'the effect to commit');
      await kill(first);
      const jobId = readFileSync(path.join(s.markers, 'job-id'), 'utf8');
      expect(jobId).toMatch(/^[0-9a-f-]{36}$/);

      const second = startWorker(s, {});
      await waitFor(hasMarker(s, hang === 'after-effect' ? 'skipped' : 'effect', second.pid), 'the restarted worker to finish the job');
      await new Promise((r) => setTimeout(r, 1500)); // let pg-boss record completion
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));

      const outcome = await readOutcome(s, jobId);
      expect(outcome).toEqual({ effects: 1, state: 'completed' });
      expect(existsSync(path.join(s.markers, `effect-${second.pid}`))).toBe(hang === 'before-effect');
    }, 120_000);
  }
});
