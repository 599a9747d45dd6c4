import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { createApp, demoDataDir, type App } from '../../app.js';
import type { Config } from '../../config/config.js';
import { FOUNDATION_MIGRATION } from '../../db/migrator.js';
import { SCAN_QUEUE } from '../../discovery/discovery.service.js';
import { CustosError } from '../../lib/errors.js';
import { SYSTEM_ACTOR } from '../../audit/audit.types.js';
import { buildServer } from '../../http/server.js';
import { createLogger } from '../../lib/logger.js';
import { DEMO_QUEUE, registerDemoJob } from '../../systems/demo-system.js';
import { action, configFrom, parseIntOption } from '../context.js';
import { say } from '../output.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the API, the console and the background workers')
    .option('-p, --port <port>', 'port to listen on (CUSTOS_PORT; default 8080)', parseIntOption('--port', 0, 65535))
    .option('--host <host>', 'address to bind (CUSTOS_HOST; default 127.0.0.1)')
    .option('--no-demo', 'do not provision the demo company on an empty store')
    .action(
      action(async (options: { port?: number; host?: string; demo: boolean }, command: Command) => {
        const config = configFrom(command, { port: options.port, host: options.host, ...(options.demo ? {} : { demo: { enabled: false } }) });
        const logger = createLogger({ level: config.logLevel });
        const app = await createApp(config, logger);
        const { server } = await buildServer(app).catch(async (err: unknown) => {
          await app.close();
          throw err;
        });
        try {
          await serveUntilSignal(app, server, config);
        } finally {
          await server.close().catch(() => undefined);
          await app.close();
        }
      }),
    );
}

async function serveUntilSignal(app: App, server: FastifyInstance, config: Config): Promise<void> {
  const { logger } = app;
  let address: string;
  try {
    address = await server.listen({ port: config.port, host: config.host });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new CustosError('CONFLICT', `port ${config.port} on ${config.host} is in use; choose another with --port or CUSTOS_PORT`);
    if (code === 'EACCES') throw new CustosError('CONFLICT', `not allowed to listen on port ${config.port}; choose a port above 1023`);
    throw err;
  }
  // Only a server that is listening bootstraps: a failed second start must not replace the setup token.
  const boot = await app.identity.bootstrap(config.adminPassword);
  await registerDemoJob(app);
  await app.jobs.register<{ scanId: string }>(SCAN_QUEUE, async (job) => void (await app.discovery.runScan(job.data.scanId)), { expireInSeconds: 3600, retryLimit: 3 });
  await app.jobs.start();
  const isFreshStore = app.appliedMigrations.includes(FOUNDATION_MIGRATION);
  if (isFreshStore && config.demo.enabled) {
    await app.jobs.enqueue(DEMO_QUEUE, { target: { kind: 'pglite', dataDir: demoDataDir(config) }, people: config.demo.people }, { singletonKey: 'demo' });
  }
  const shown = address.replace('127.0.0.1', 'localhost');
  say(`Custos is running at ${shown} (store: ${app.store.location})`);
  say(`  API reference: ${shown}/docs    OpenAPI: ${shown}/openapi.json`);
  if (boot.admin === 'created') say('  Admin account "admin" created from CUSTOS_ADMIN_PASSWORD.');
  if (boot.setupToken) {
    say('');
    say('  No admin account yet. Open the console and create one with this one-time setup token');
    say(`  (valid 24 hours, shown only now):\n\n      ${boot.setupToken}\n`);
    await app.audit.recordAlone({ actor: SYSTEM_ACTOR }, { action: 'setup.token_shown', details: { channel: 'terminal' } });
  }
  const reminders = startReminders(app, config.reminders.intervalMinutes);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      clearInterval(reminders);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/** Deadline reminders now and every `minutes`; a failed round is logged and the next one tries again. */
function startReminders(app: App, minutes: number): NodeJS.Timeout {
  const round = () =>
    app.reminders.sendDue().catch((err: unknown) => app.logger.warn({ event: 'dsr.reminders_failed', code: (err as { code?: string }).code }, 'deadline reminders failed; retrying at the next round'));
  void round();
  const timer = setInterval(() => void round(), minutes * 60_000);
  timer.unref();
  return timer;
}
