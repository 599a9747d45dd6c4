/**
 * The composition root: opens the store, applies migrations, loads the audit key and wires each
 * domain's service with exactly the dependencies it needs. The HTTP server and the CLI both
 * start from here.
 */
import path from 'node:path';
import type { Config } from './config/config.js';
import { openStore, type Store } from './db/store.js';
import { migrateToLatest } from './db/migrator.js';
import { createAuditService, type AuditService } from './audit/audit.service.js';
import { defaultSigningKeyFile, loadOrCreateSigner } from './audit/audit.signing.js';
import { findLatestCheckpoint } from './audit/audit.repository.js';
import { createWitnessStore, witnessFileFor } from './audit/audit.witness.js';
import { createIdentityService, type IdentityService } from './identity/identity.service.js';
import { createSystemsService, type SystemsService } from './systems/systems.service.js';
import { createDiscoveryService, type DiscoveryService } from './discovery/discovery.service.js';
import { createDatamapService, type DatamapService } from './datamap/datamap.service.js';
import { createManifestService, type ManifestService } from './datamap/manifests.service.js';
import { createDsrService, type DsrService } from './dsr/dsr.service.js';
import { createMailer } from './notify/mailer.js';
import { createFulfilmentService, type FulfilmentService } from './dsr/fulfilment.js';
import { createReminders, type RemindersService } from './dsr/reminders.js';
import { createHoldsService, type HoldsService } from './dsr/holds.js';
import { createJobQueue, type JobQueue } from './jobs/queue.js';
import { loadSecretBox } from './keys/secret-box.js';
import type { Logger } from './lib/logger.js';

export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  audit: AuditService;
  identity: IdentityService;
  systems: SystemsService;
  discovery: DiscoveryService;
  datamap: DatamapService;
  manifests: ManifestService;
  dsr: DsrService;
  fulfilment: FulfilmentService;
  reminders: RemindersService;
  holds: HoldsService;
  jobs: JobQueue;
  /** Migrations applied by this start; the foundation among them means the store was empty. */
  appliedMigrations: string[];
  close(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger, options: { maintenanceIntervalSeconds?: number } = {}): Promise<App> {
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  try {
    const appliedMigrations = await migrateToLatest(store.db);
    const latestCheckpoint = await findLatestCheckpoint(store.db);
    const signingKeyFile = config.audit.signingKeyFile ?? defaultSigningKeyFile(config.dataDir);
    const signer = loadOrCreateSigner(signingKeyFile, {
      mustExist: latestCheckpoint !== undefined,
      ...(latestCheckpoint ? { expectedKeyId: latestCheckpoint.keyId } : {}),
    });
    const audit = createAuditService({
      db: store.db,
      signer,
      checkpointEvery: config.audit.checkpointEvery,
      witness: createWitnessStore(witnessFileFor(signingKeyFile)),
      onTamper: (message) => logger.error({ event: 'audit.tamper' }, message),
    });
    const identity = createIdentityService({ db: store.db, audit, sessionTtlHours: config.session.ttlHours });
    const secrets = loadSecretBox({ dataDir: config.dataDir, ...(config.secretKey ? { secretKey: config.secretKey } : {}) });
    const systems = createSystemsService({ db: store.db, audit, secrets });
    const jobs = await createJobQueue(store, logger, {
      pollIntervalSeconds: config.jobs.pollIntervalSeconds,
      ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
    });
    const datamap = createDatamapService({ db: store.db, audit, systems, logger });
    const manifests = createManifestService({ db: store.db, audit, systems, datamap });
    const mailer = createMailer(config.smtp, logger);
    const dsr = createDsrService({
      db: store.db,
      audit,
      secrets,
      mailer,
      verification: config.verification,
      organisationName: async () => (await datamap.getOrganisation())?.name ?? 'our organisation',
    });
    const holds = createHoldsService({ db: store.db, audit, hashOf: dsr.hashOf });
    const fulfilment = createFulfilmentService({ db: store.db, audit, secrets, dsr, datamap, systems, holds, mailer, organisationName: async () => (await datamap.getOrganisation())?.name ?? 'our organisation' });
    const reminders = createReminders({ db: store.db, audit, config: config.reminders, mailer, logger });
    const discovery = createDiscoveryService({ db: store.db, audit, jobs, systems, listener: datamap.listener, ...(config.discovery.detectorsFile ? { detectorsFile: config.discovery.detectorsFile } : {}) });
    return {
      config,
      logger,
      store,
      audit,
      identity,
      systems,
      discovery,
      datamap,
      manifests,
      dsr,
      fulfilment,
      reminders,
      holds,
      jobs,
      appliedMigrations,
      close: async () => {
        await jobs.stop();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export function demoDataDir(config: Config): string {
  return path.join(config.dataDir, 'demo');
}
