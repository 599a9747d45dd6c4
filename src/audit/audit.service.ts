import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import { CustosError } from '../lib/errors.js';
import { ChainVerifier, chainHash, checkpointPayload } from './audit.chain.js';
import * as repo from './audit.repository.js';
import { createSignatureVerifier, type AuditSigner } from './audit.signing.js';
import type { AuditCheckpoint, AuditContext, AuditEvent, AuditEventInput, ChainedAuditEvent, VerifyReport } from './audit.types.js';

const PAGE = 5000;
export const EXPORT_FORMAT = 'custos-audit-export';

export interface AuditServiceDeps {
  db: Kysely<Database>;
  signer: AuditSigner;
  checkpointEvery: number;
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService({ db, signer, checkpointEvery }: AuditServiceDeps) {
  /**
   * Appends one event inside the caller's transaction, so the event commits or rolls back with
   * the change it describes. The head row lock serialises appends.
   */
  async function record(tx: Executor, context: AuditContext, input: AuditEventInput, options: { forceCheckpoint?: boolean } = {}): Promise<ChainedAuditEvent> {
    const head = await repo.lockChainHead(tx);
    const event: AuditEvent = {
      seq: Number(head.seq) + 1,
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      actor: context.actor,
      action: input.action,
      target: { type: input.target?.type ?? null, id: input.target?.id ?? null },
      purpose: input.purpose ?? context.purpose ?? null,
      requestId: context.requestId ?? null,
      outcome: input.outcome ?? 'success',
      // Round-trip through JSON so the hashed form is exactly what jsonb gives back.
      details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
    };
    const chained: ChainedAuditEvent = { ...event, prevHash: head.hash, hash: chainHash(head.hash, event) };
    let nextCheckpoint = Number(head.next_checkpoint);
    let checkpoint: AuditCheckpoint | undefined;
    if (chained.seq >= nextCheckpoint || options.forceCheckpoint) {
      // A forced checkpoint keeps the promised schedule: the next one is still due where it was.
      const every = chained.seq >= nextCheckpoint ? checkpointEvery : nextCheckpoint - chained.seq;
      const unsigned = { seq: chained.seq, hash: chained.hash, every, keyId: signer.keyId, signedAt: new Date().toISOString() };
      checkpoint = { ...unsigned, signature: signer.sign(checkpointPayload(unsigned)) };
      nextCheckpoint = chained.seq + every;
    }
    await repo.appendEvent(tx, chained, checkpoint, nextCheckpoint);
    return chained;
  }

  /** Records an event in a transaction of its own (reads, denials, failures that change nothing else). */
  function recordAlone(context: AuditContext, input: AuditEventInput): Promise<ChainedAuditEvent> {
    return db.transaction().execute((tx) => record(tx, context, input));
  }

  async function search(filter: repo.AuditEventFilter): Promise<AuditEvent[]> {
    return (await repo.searchEvents(db, filter)).map(({ prevHash: _p, hash: _h, ...event }) => event);
  }

  async function verify(publicKeyPems: string[] = [signer.publicKeyPem]): Promise<VerifyReport> {
    const verifier = new ChainVerifier(await repo.listCheckpoints(db), createSignatureVerifier(publicKeyPems));
    for (let after = 0; ; ) {
      const page = await repo.listEventsAfter(db, after, PAGE);
      for (const event of page) verifier.addEvent(event);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    const head = await repo.findChainHead(db);
    return verifier.finish(head ? { seq: Number(head.seq), hash: head.hash } : undefined);
  }

  /**
   * Writes the whole log as JSONL: a header with the public key, the signed checkpoints, then the
   * events. The export is itself recorded, with a checkpoint, so the file is signed to its end.
   */
  async function exportJsonl(context: AuditContext, out: Writable): Promise<{ events: number; lastSeq: number }> {
    const marker = await db.transaction().execute((tx) => record(tx, context, { action: 'audit.export' }, { forceCheckpoint: true }));
    const checkpoints = (await repo.listCheckpoints(db)).filter((c) => c.seq <= marker.seq);
    await write(out, {
      type: 'header',
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      keyId: signer.keyId,
      publicKeyPem: signer.publicKeyPem,
      lastSeq: marker.seq,
    });
    for (const checkpoint of checkpoints) await write(out, { type: 'checkpoint', ...checkpoint });
    let events = 0;
    for (let after = 0; after < marker.seq; ) {
      const page = (await repo.listEventsAfter(db, after, PAGE)).filter((e) => e.seq <= marker.seq);
      if (page.length === 0) break;
      for (const event of page) await write(out, { type: 'event', ...event });
      events += page.length;
      after = page[page.length - 1]!.seq;
    }
    return { events, lastSeq: marker.seq };
  }

  return { record, recordAlone, search, verify, exportJsonl, publicKey: { keyId: signer.keyId, publicKeyPem: signer.publicKeyPem } };
}

function write(out: Writable, line: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = out.write(`${JSON.stringify(line)}\n`, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else out.once('drain', resolve);
  });
}

/**
 * Verifies an exported file offline. The public key should come from the auditor (`--public-key`);
 * without it the key in the file's header is used, which proves integrity but not origin.
 */
export async function verifyExportFile(file: string, publicKeyPems?: string[]): Promise<VerifyReport & { keySource: 'given' | 'file' }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: { format?: string; publicKeyPem?: string; lastSeq?: number } | undefined;
  const checkpoints: AuditCheckpoint[] = [];
  let verifier: ChainVerifier | undefined;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (!line.trim()) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new CustosError('VALIDATION_FAILED', `${file}:${lineNo} is not valid JSON`);
    }
    if (lineNo === 1) {
      if (record.type !== 'header' || record.format !== EXPORT_FORMAT) {
        throw new CustosError('VALIDATION_FAILED', `${file} is not a Custos audit export (its first line is not a ${EXPORT_FORMAT} header)`);
      }
      header = record;
      continue;
    }
    if (record.type === 'checkpoint') {
      if (verifier) throw new CustosError('VALIDATION_FAILED', `${file}:${lineNo}: checkpoints must come before events`);
      const { type: _t, ...checkpoint } = record;
      checkpoints.push(checkpoint as unknown as AuditCheckpoint);
    } else if (record.type === 'event') {
      verifier ??= new ChainVerifier(checkpoints, createSignatureVerifier(publicKeyPems ?? [header!.publicKeyPem ?? '']));
      const { type: _t, ...event } = record;
      verifier.addEvent(event as unknown as ChainedAuditEvent);
    } else {
      throw new CustosError('VALIDATION_FAILED', `${file}:${lineNo}: unknown record type ${JSON.stringify(record.type)}`);
    }
  }
  if (!header) throw new CustosError('VALIDATION_FAILED', `${file} is empty`);
  verifier ??= new ChainVerifier(checkpoints, createSignatureVerifier(publicKeyPems ?? [header.publicKeyPem ?? '']));
  const report = verifier.finish();
  if (typeof header.lastSeq === 'number' && header.lastSeq !== report.lastSeq) {
    report.problems.push({ seq: report.lastSeq + 1, kind: 'gap', message: `the header says the export ends at event ${header.lastSeq}, but the file ends at ${report.lastSeq}: events were removed` });
    report.ok = false;
  }
  return { ...report, keySource: publicKeyPems ? 'given' : 'file' };
}
