/**
 * Starts a real Custos (app + HTTP server on a free port) in this process, on a fresh embedded
 * store or a fresh PostgreSQL database, with an admin account. What the API and console tests use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type ConfigInput } from '../../src/config/config.js';
import { buildServer } from '../../src/http/server.js';
import type { RegisteredRoute } from '../../src/http/access.js';
import { createLogger } from '../../src/lib/logger.js';
import { createPostgresDatabase, type TestDatabase } from './databases.js';

export const ADMIN_PASSWORD = 'correct-horse-battery-staple';

export interface RunningCustos {
  app: App;
  server: FastifyInstance;
  routes: RegisteredRoute[];
  /** http://127.0.0.1:PORT */
  url: string;
  dataDir: string;
  /** Every log line written so far, for redaction checks. */
  logs: () => string;
  close(): Promise<void>;
}

export interface StartOptions {
  store?: 'pglite' | 'postgres';
  /** Provision the demo company (small) before returning. */
  demo?: boolean;
  config?: Partial<ConfigInput>;
  logLevel?: string;
  /** Bootstrap an admin (default true). */
  admin?: boolean;
}

export async function startCustos(options: StartOptions = {}): Promise<RunningCustos> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'custos-test-'));
  let database: TestDatabase | undefined;
  if (options.store === 'postgres') database = await createPostgresDatabase();
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      port: 0,
      logLevel: options.logLevel ?? 'info',
      demo: { enabled: false },
      ...(database ? { databaseUrl: database.url } : {}),
      ...(options.admin === false ? {} : { adminPassword: ADMIN_PASSWORD }),
      ...options.config,
    },
  });
  let captured = '';
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      captured += chunk.toString();
      callback();
    },
  });
  const logger = createLogger({ level: config.logLevel, destination: destination as never });
  const app = await createApp(config, logger);
  const { server, routes } = await buildServer(app);
  if (options.admin !== false) await app.identity.bootstrap(config.adminPassword);
  if (options.demo) {
    const { provisionDemoSystem } = await import('../../src/systems/demo-system.js');
    await provisionDemoSystem(app, { actor: { type: 'system', id: null, name: 'test', role: null } }, { kind: 'pglite', dataDir: path.join(dataDir, 'demo') }, { people: 50 });
  }
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    server,
    routes,
    url: address,
    dataDir,
    logs: () => captured,
    close: async () => {
      await server.close();
      await app.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API and returns the session cookie header value. */
export async function login(url: string, username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}
