/**
 * Discovery as a service: scans of registered systems run as durable jobs, persist findings table
 * by table as they go (so a restarted scan resumes where it stopped), compare with the previous
 * scan (incremental), and keep people's decisions on findings across re-scans.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/queue.js';
import { CustosError } from '../lib/errors.js';
import type { SystemsService } from '../systems/systems.service.js';
import { gradeCategory, type Level } from './grading/grading.js';
import * as repo from './discovery.repository.js';
import type { ScanProgress } from './scan/scanner.js';
import type { TableFinding } from './discovery.types.js';

export const SCAN_QUEUE = 'discovery.scan';
const SCANNER: AuditContext = { actor: { type: 'system', id: null, name: 'scanner', role: null } };
const CANCEL_POLL_MS = 1000;

export interface ScanRequest {
  sampleSize?: number;
  full?: boolean;
  /** Re-scan only tables whose schema or statistics changed since the last completed scan (default true). */
  incremental?: boolean;
}

/**
 * Who else learns what a scan found (the data map): told inside the transaction that stores each
 * table, before the findings change, so it can compare old and new; and once the scan ends.
 */
export interface ScanListener {
  beforeTablePersisted(tx: Transaction<Database>, event: { systemId: string; scanId: string; finding: TableFinding }): Promise<void>;
  scanFinished(event: { systemId: string; scanId: string; status: 'completed' | 'cancelled'; listed: { schema: string; table: string }[] }): Promise<void>;
}

export interface DiscoveryServiceDeps {
  db: Kysely<Database>;
  audit: Pick<AuditService, 'record' | 'recordAlone'>;
  jobs: Pick<JobQueue, 'enqueue'>;
  systems: Pick<SystemsService, 'findSystem' | 'openTarget'>;
  /** The organisation's own detectors (YAML), added to the built-in ones in every scan. */
  detectorsFile?: string;
  listener?: ScanListener;
}

export type DiscoveryService = ReturnType<typeof createDiscoveryService>;

export function createDiscoveryService({ db, audit, jobs, systems, detectorsFile, listener }: DiscoveryServiceDeps) {
  async function requestScan(context: AuditContext, systemId: string, request: ScanRequest, options: { enqueue?: boolean } = {}) {
    const system = await systems.findSystem(systemId);
    if (!system) throw new CustosError('NOT_FOUND', `no system with id ${systemId}`);
    if (!system.scannable) throw new CustosError('CONFLICT', `system ${system.name} has no connection to scan`);
    const scan = await db.transaction().execute(async (tx) => {
      const row = await repo.insertScan(tx, { systemId, options: { ...request }, requestedBy: context.actor.name });
      await audit.record(tx, context, { action: 'scan.request', target: { type: 'scan', id: row.id }, details: { system: system.name, ...request } });
      return row;
    });
    if (options.enqueue !== false) await jobs.enqueue(SCAN_QUEUE, { scanId: scan.id }, { singletonKey: scan.id });
    return toScan(scan);
  }

  /**
   * Runs a scan to the end. Safe to call again for the same scan after a crash: tables already
   * recorded are skipped, the rest are scanned.
   */
  async function runScan(scanId: string, options: { onProgress?: (p: ScanProgress) => void } = {}) {
    const scan = await repo.findScan(db, scanId);
    if (!scan) throw new CustosError('NOT_FOUND', `no scan with id ${scanId}`);
    if (scan.status === 'completed' || scan.status === 'cancelled' || scan.status === 'failed') return getScan(scanId);
    if (scan.status === 'cancelling') {
      await repo.updateScan(db, scanId, { status: 'cancelled', finishedAt: new Date() });
      return getScan(scanId);
    }
    const request = scan.options as ScanRequest;
    await repo.updateScan(db, scanId, { status: 'running', startedAt: scan.started_at ?? new Date() });
    const done = new Set((await repo.listScanTables(db, scanId)).map((t) => (t.schema_name ? `${t.schema_name}.${t.table_name}` : t.table_name)));
    const previous = request.incremental === false || request.full ? new Map<string, string>() : await repo.latestFingerprints(db, scan.system_id);
    const abort = new AbortController();
    const watcher = setInterval(() => {
      void repo.findScan(db, scanId).then((row) => row?.status === 'cancelling' && abort.abort(), () => undefined);
    }, CANCEL_POLL_MS);
    let connector;
    try {
      // Loaded on first scan: the detectors' dictionaries are large and most commands never scan.
      const { openConnector } = await import('./connectors/open.js');
      const { scanSource, DEFAULT_SAMPLE_SIZE } = await import('./scan/scanner.js');
      const { loadDetector } = await import('./detect/load.js');
      const detector = loadDetector(detectorsFile);
      connector = await openConnector(await systems.openTarget(scan.system_id));
      let lastWrite = 0;
      const result = await scanSource(connector, {
        sampleSize: request.sampleSize ?? DEFAULT_SAMPLE_SIZE,
        full: request.full ?? false,
        detector,
        previous,
        done,
        signal: abort.signal,
        onProgress: (p) => {
          options.onProgress?.(p);
          if (Date.now() - lastWrite > 500 || p.tablesDone === p.tablesTotal) {
            lastWrite = Date.now();
            void repo.updateScan(db, scanId, { progress: p }).catch(() => undefined);
          }
        },
        onTable: (finding) => persistTable(scanId, scan.system_id, finding),
        onError: (error) => repo.recordScanTable(db, scanId, { schema: error.schema, table: error.table, kind: 'table', rowEstimate: null, sampledRows: 0, fingerprint: '', level: null, personalColumns: 0, error: error.message }),
      });
      const status = result.cancelled ? 'cancelled' : 'completed';
      await finishScan(scanId, status, result.skipped.length - done.size);
      await listener?.scanFinished({ systemId: scan.system_id, scanId, status, listed: result.listed });
    } catch (err) {
      await failScan(scanId, err);
    } finally {
      clearInterval(watcher);
      await connector?.close().catch(() => undefined);
    }
    return getScan(scanId);
  }

  /** One table's findings and its scan record, together: a resumed scan trusts what is recorded. */
  async function persistTable(scanId: string, systemId: string, finding: TableFinding): Promise<void> {
    const personalColumns = finding.columns.filter((c) => c.entity).length;
    await db.transaction().execute(async (tx) => {
      await listener?.beforeTablePersisted(tx, { systemId, scanId, finding });
      await repo.upsertTableFindings(tx, systemId, scanId, finding);
      await repo.recordScanTable(tx, scanId, { ...finding, personalColumns, error: null });
    });
  }

  async function finishScan(scanId: string, status: 'completed' | 'cancelled', tablesSkipped: number): Promise<void> {
    const tables = await repo.listScanTables(db, scanId);
    const tablesRead = tables.length;
    const summary = {
      tablesScanned: tables.filter((t) => !t.error).length,
      tablesSkipped,
      tablesFailed: tables.filter((t) => t.error).length,
      personalColumns: tables.reduce((n, t) => n + t.personal_columns, 0),
      levels: countLevels(tables.map((t) => t.level as Level | null)),
    };
    await db.transaction().execute(async (tx) => {
      await repo.updateScan(tx, scanId, { status, summary, finishedAt: new Date(), progress: { tablesDone: tablesRead, tablesTotal: tablesRead } });
      await audit.record(tx, SCANNER, { action: status === 'completed' ? 'scan.complete' : 'scan.cancel', target: { type: 'scan', id: scanId }, details: summary });
    });
  }

  /** A scan that could not run at all (unreachable system, lost key): the reason, never a value or password. */
  async function failScan(scanId: string, err: unknown): Promise<void> {
    const message = err instanceof CustosError ? err.message : `scan failed: ${(err as Error).message.split('\n')[0]}`;
    await db.transaction().execute(async (tx) => {
      await repo.updateScan(tx, scanId, { status: 'failed', error: message, finishedAt: new Date() });
      await audit.record(tx, SCANNER, { action: 'scan.fail', outcome: 'failure', target: { type: 'scan', id: scanId }, details: { reason: err instanceof CustosError ? err.code : 'INTERNAL' } });
    });
  }

  async function cancelScan(context: AuditContext, scanId: string) {
    return db.transaction().execute(async (tx) => {
      const scan = await repo.findScan(tx, scanId);
      if (!scan) throw new CustosError('NOT_FOUND', `no scan with id ${scanId}`);
      if (scan.status !== 'queued' && scan.status !== 'running') throw new CustosError('CONFLICT', `scan ${scanId} is ${scan.status}; only queued or running scans can be cancelled`);
      await repo.updateScan(tx, scanId, scan.status === 'queued' ? { status: 'cancelled', finishedAt: new Date() } : { status: 'cancelling' });
      await audit.record(tx, context, { action: 'scan.cancel_request', target: { type: 'scan', id: scanId } });
      return toScan({ ...scan, status: scan.status === 'queued' ? 'cancelled' : 'cancelling' });
    });
  }

  async function getScan(scanId: string) {
    const scan = await repo.findScan(db, scanId);
    if (!scan) throw new CustosError('NOT_FOUND', `no scan with id ${scanId}`);
    const tables = await repo.listScanTables(db, scanId);
    return {
      ...toScan(scan),
      tables: tables.map((t) => ({ schema: t.schema_name, table: t.table_name, kind: t.kind, rowEstimate: t.row_estimate, sampledRows: t.sampled_rows, level: t.level, personalColumns: t.personal_columns, error: t.error })),
    };
  }

  async function listScans(filter: { systemId?: string; limit?: number }) {
    return (await repo.listScans(db, { ...filter, limit: filter.limit ?? 50 })).map(toScan);
  }

  async function listFindings(filter: Omit<repo.FindingFilter, 'limit' | 'offset'> & { limit?: number; offset?: number }) {
    const rows = await repo.searchFindings(db, { ...filter, limit: filter.limit ?? 200, offset: filter.offset ?? 0 });
    return rows.map(toFinding);
  }

  async function decideFinding(context: AuditContext, id: string, decision: { status: 'confirmed' | 'rejected' | 'proposed'; entity?: string; category?: string; note?: string }) {
    return db.transaction().execute(async (tx) => {
      const before = await repo.findFinding(tx, id);
      if (!before) throw new CustosError('NOT_FOUND', `no finding with id ${id}`);
      const category = decision.category ?? null;
      const row = await repo.decideFinding(tx, id, {
        status: decision.status,
        entity: decision.entity ?? null,
        category,
        level: category ? gradeCategory(category).level : null,
        note: decision.note ?? null,
        decidedBy: context.actor.name ?? context.actor.type,
      });
      await audit.record(tx, context, {
        action: 'finding.decide',
        target: { type: 'finding', id },
        details: { status: decision.status, entity: decision.entity ?? null, category, scannerEntity: before.entity, table: `${before.schema_name}.${before.table_name}`, column: before.column_name },
      });
      const [effective] = await repo.searchFindings(tx, { id: row!.id, includeClean: true, limit: 1, offset: 0 });
      return toFinding(effective!);
    });
  }

  async function heatmap() {
    return (await repo.heatmap(db)).map((r) => ({ systemId: r.system_id, system: r.system_name, schema: r.schema_name, table: r.table_name, level: r.level, columns: Number(r.columns) }));
  }

  return { requestScan, runScan, cancelScan, getScan, listScans, listFindings, decideFinding, heatmap };
}

function countLevels(levels: (Level | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const level of levels) if (level) counts[level] = (counts[level] ?? 0) + 1;
  return counts;
}

function toScan(row: repo.ScanRow) {
  return {
    id: row.id,
    systemId: row.system_id,
    status: row.status,
    options: row.options,
    progress: row.progress,
    summary: row.summary,
    error: row.error,
    requestedBy: row.requested_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

function toFinding(row: Awaited<ReturnType<typeof repo.searchFindings>>[number]) {
  return {
    id: row.id,
    systemId: row.system_id,
    system: row.system_name,
    schema: row.schema_name,
    table: row.table_name,
    column: row.column_name,
    dataType: row.data_type,
    entity: row.effective_entity,
    category: row.effective_category,
    level: row.effective_level,
    confidence: row.confidence,
    status: row.status,
    scanner: { entity: row.entity, category: row.category, level: row.level },
    decision: row.status === 'proposed' ? null : { entity: row.decided_entity, category: row.decided_category, note: row.decision_note, by: row.decided_by, at: row.decided_at?.toISOString() ?? null },
    evidence: row.evidence,
    examples: row.examples,
    lastSeenScan: row.last_seen_scan,
    updatedAt: row.updated_at.toISOString(),
  };
}

export type Finding = ReturnType<typeof toFinding>;
