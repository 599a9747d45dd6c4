/** Provisions the demo company database and registers it as a connected system. */
import type { App } from '../app.js';
import { SYSTEM_ACTOR, type AuditContext } from '../audit/audit.types.js';
import { describeDemoTarget, provisionDemo, type DemoProgress, type DemoSummary, type DemoTarget } from '../demo/index.js';
import type { ConnectedSystem } from './systems.service.js';

export const DEMO_SYSTEM_NAME = 'demo-shop';
export const DEMO_QUEUE = 'demo.provision';

export async function provisionDemoSystem(
  app: Pick<App, 'systems'>,
  context: AuditContext,
  target: DemoTarget,
  options: { people: number; reset?: boolean; onProgress?: (p: DemoProgress) => void },
): Promise<{ summary: DemoSummary; system: ConnectedSystem }> {
  const summary = await provisionDemo(target, { people: options.people, ...(options.reset ? { reset: true } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const system = await app.systems.upsertSystem(context, {
    name: DEMO_SYSTEM_NAME,
    description: `Demo online shop (${summary.people} customers, generated) in ${summary.schema}`,
    engine: target.kind,
    connection: describeDemoTarget(target),
    target: target.kind === 'pglite' ? `pglite:${target.dataDir}` : target.url,
    origin: 'demo',
    stats: { tables: summary.tables.length, rows: summary.tables.reduce((sum, t) => sum + t.rows, 0), schema: summary.schema },
  });
  return { summary, system };
}

/** The job that provisions the demo on a fresh store, so the server answers while it runs. */
export async function registerDemoJob(app: App): Promise<void> {
  await app.jobs.register<{ target: DemoTarget; people: number }>(
    DEMO_QUEUE,
    async (job) => {
      const { system, summary } = await provisionDemoSystem(app, { actor: SYSTEM_ACTOR }, job.data.target, { people: job.data.people });
      app.logger.info({ system: system.name, status: summary.status, tables: summary.tables.length }, 'demo system ready');
      // So the console shows what the demo holds from the first minute. (Provisioning is idempotent,
      // so a retried job does no harm; a second scan request is a cheap incremental scan.)
      if (summary.status !== 'already-present') await app.discovery.requestScan({ actor: SYSTEM_ACTOR }, system.id, {});
    },
    { expireInSeconds: 600, retryLimit: 3 },
  );
}
