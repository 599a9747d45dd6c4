import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import { z } from 'zod';
import { CustosError } from '../lib/errors.js';
import { AuditEventSchema } from './audit.schemas.js';
import { ChainVerifier, chainHash, checkpointPayload } from './audit.chain.js';
import * as repo from './audit.repository.js';
import { createSignatureVerifier, type AuditSigner } from './audit.signing.js';
import type { WitnessStore } from './audit.witness.js';
import type { AuditCheckpoint, AuditContext, AuditEvent, AuditEventInput, ChainedAuditEvent, VerifyReport } from './audit.types.js';

const PAGE = 5000;
export const EXPORT_FORMAT = 'custos-audit-export';

export interface AuditServiceDeps {
  db: Kysely<Database>;
  signer: AuditSigner;
  checkpointEvery: number;
  witness: WitnessStore;
  /** Told when the chain in the database is found altered at checkpoint time (no signature is made). */
  onTamper?: (message: string) => void;
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService({ db, signer, checkpointEvery, witness, onTamper }: AuditServiceDeps) {
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
    if ((chained.seq >= nextCheckpoint || options.forceCheckpoint) && (await chainSinceLastCheckpointIsIntact(tx, chained))) {
      // A forced checkpoint keeps the promised schedule: the next one is still due where it was.
      const every = chained.seq >= nextCheckpoint ? checkpointEvery : nextCheckpoint - chained.seq;
      const unsigned = { seq: chained.seq, hash: chained.hash, every, keyId: signer.keyId, signedAt: new Date().toISOString() };
      checkpoint = { ...unsigned, signature: signer.sign(checkpointPayload(unsigned)) };
      nextCheckpoint = chained.seq + every;
    }
    await repo.appendEvent(tx, chained, checkpoint, nextCheckpoint);
    return chained;
  }

  /**
   * Before signing, re-checks the events since the newest checkpoint and that the log still passes
   * through the witness: a signature must never vouch for a chain someone rewrote. The newest
   * checkpoint is committed (its transaction held the head lock we now hold), so it becomes the
   * witness.
   */
  async function chainSinceLastCheckpointIsIntact(tx: Executor, next: ChainedAuditEvent): Promise<boolean> {
    const latest = await repo.findLatestCheckpoint(tx);
    const known = witness.read();
    const problem = await (async () => {
      if (!latest) return known ? `the log has no checkpoint, but the witness records one at event ${known.seq}` : undefined;
      if (known && known.seq > latest.seq) return `the newest checkpoint is at event ${latest.seq}, but the witness records one at event ${known.seq}`;
      if (known) {
        const atWitness = await repo.findCheckpoint(tx, known.seq);
        if (!atWitness || atWitness.hash !== known.hash) return `the checkpoint at event ${known.seq} differs from the witness`;
      }
      if (createSignatureVerifier([signer.publicKeyPem]).verify(latest.keyId, checkpointPayload(latest), latest.signature) !== 'valid') {
        return `the checkpoint at event ${latest.seq} has an invalid signature`;
      }
      let prevHash = latest.hash;
      const events = await repo.listEventsAfter(tx, latest.seq, next.seq - latest.seq - 1);
      if (events.length !== next.seq - latest.seq - 1) return `events after ${latest.seq} are missing`;
      for (const event of events) {
        if (event.prevHash !== prevHash || chainHash(prevHash, event) !== event.hash) return `event ${event.seq} was altered`;
        prevHash = event.hash;
      }
      return next.prevHash === prevHash ? undefined : `event ${next.seq - 1} was altered`;
    })();
    if (problem) {
      onTamper?.(`audit chain altered, checkpoint not signed: ${problem}; run custos audit verify`);
      return false;
    }
    if (latest) witness.advance(latest);
    return true;
  }

  /** Records an event in a transaction of its own (reads, denials, failures that change nothing else). */
  function recordAlone(context: AuditContext, input: AuditEventInput): Promise<ChainedAuditEvent> {
    return db.transaction().execute((tx) => record(tx, context, input));
  }

  async function search(filter: repo.AuditEventFilter): Promise<AuditEvent[]> {
    return (await repo.searchEvents(db, filter)).map(({ prevHash: _p, hash: _h, ...event }) => event);
  }

  /**
   * Walks the log up to the head as it was when verification began, so events appended meanwhile
   * are neither half-seen nor mistaken for tampering. An intact log moves the witness forward.
   */
  async function verify(publicKeyPems: string[] = [signer.publicKeyPem]): Promise<VerifyReport> {
    const head = await repo.findChainHead(db);
    const upTo = Number(head?.seq ?? 0);
    const checkpoints = (await repo.listCheckpoints(db)).filter((c) => c.seq <= upTo);
    const known = witness.read();
    const verifier = new ChainVerifier(checkpoints, createSignatureVerifier(publicKeyPems), known);
    for (let after = 0; after < upTo; ) {
      const page = await repo.listEventsAfter(db, after, Math.min(PAGE, upTo - after));
      for (const event of page) verifier.addEvent(event);
      if (page.length === 0) break;
      after = page[page.length - 1]!.seq;
    }
    const report = verifier.finish(head ? { seq: upTo, hash: head.hash } : undefined);
    // Appends by Custos move the head in the same transaction; rows past the head came from elsewhere.
    const extent = await repo.findChainExtent(db);
    if (extent.maxSeq > extent.headSeq) {
      report.problems.push({ seq: extent.headSeq + 1, kind: 'head_mismatch', message: `events after ${extent.headSeq} exist beyond the chain head: they were added outside Custos` });
      report.problems.sort((a, b) => a.seq - b.seq);
      report.ok = false;
    }
    const newest = checkpoints.at(-1);
    if (report.ok && newest && publicKeyPems.includes(signer.publicKeyPem)) witness.advance(newest);
    return report;
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

/** Writes one line, waiting for the stream to drain when it is full, and failing if the stream fails. */
function write(out: Writable, line: unknown): Promise<void> {
  if (out.destroyed || out.errored) return Promise.reject(out.errored ?? new Error('the output stream is closed'));
  if (out.write(`${JSON.stringify(line)}\n`)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    out.once('drain', onDrain);
    out.once('error', done);
  });
}

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
const Seq = z.number().int().positive();
const ExportCheckpointSchema = z.object({ type: z.literal('checkpoint'), seq: Seq, hash: Hash, every: z.number().int().positive(), keyId: z.string(), signature: z.string(), signedAt: z.string() }).transform(({ type: _t, ...c }) => c);
const ExportEventSchema = AuditEventSchema.extend({ type: z.literal('event'), seq: Seq, prevHash: Hash, hash: Hash }).transform(({ type: _t, ...e }) => e);

function parseLine<T extends z.ZodType>(schema: T, record: unknown, file: string, lineNo: number): z.output<T> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CustosError('VALIDATION_FAILED', `${file}:${lineNo}: ${issue.path.join('.') || 'record'}: ${issue.message}`);
}

function createFileVerifier(checkpoints: AuditCheckpoint[], publicKeyPems: string[] | undefined, header: { publicKeyPem?: string } | undefined, file: string): ChainVerifier {
  const pems = publicKeyPems ?? (header?.publicKeyPem ? [header.publicKeyPem] : []);
  try {
    return new ChainVerifier(checkpoints, createSignatureVerifier(pems));
  } catch {
    throw new CustosError('VALIDATION_FAILED', `${file}: the public key in its header is not a valid PEM key`);
  }
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
    let record: Record<string, unknown> | null;
    try {
      record = JSON.parse(line) as Record<string, unknown> | null;
    } catch {
      throw new CustosError('VALIDATION_FAILED', `${file}:${lineNo} is not valid JSON`);
    }
    if (lineNo === 1) {
      if (record?.type !== 'header' || record.format !== EXPORT_FORMAT) {
        throw new CustosError('VALIDATION_FAILED', `${file} is not a Custos audit export (its first line is not a ${EXPORT_FORMAT} header)`);
      }
      header = record;
      continue;
    }
    if (record?.type === 'checkpoint') {
      if (verifier) throw new CustosError('VALIDATION_FAILED', `${file}:${lineNo}: checkpoints must come before events`);
      checkpoints.push(parseLine(ExportCheckpointSchema, record, file, lineNo) as AuditCheckpoint);
    } else if (record?.type === 'event') {
      verifier ??= createFileVerifier(checkpoints, publicKeyPems, header, file);
      verifier.addEvent(parseLine(ExportEventSchema, record, file, lineNo) as ChainedAuditEvent);
    } else {
      throw new CustosError('VALIDATION_FAILED', `${file}:${lineNo}: unknown record type ${JSON.stringify(record?.type ?? null)}`);
    }
  }
  if (!header) throw new CustosError('VALIDATION_FAILED', `${file} is empty`);
  verifier ??= createFileVerifier(checkpoints, publicKeyPems, header, file);
  const report = verifier.finish();
  if (typeof header.lastSeq === 'number' && header.lastSeq !== report.lastSeq) {
    report.problems.push({ seq: report.lastSeq + 1, kind: 'gap', message: `the header says the export ends at event ${header.lastSeq}, but the file ends at ${report.lastSeq}: events were removed` });
    report.ok = false;
  }
  return { ...report, keySource: publicKeyPems ? 'given' : 'file' };
}
