/**
 * The hash chain and its checkpoints, as pure functions. Each event's hash is
 * SHA-256(previous hash + "\n" + canonical JSON of the event) where the canonical form is RFC 8785
 * (JCS). Every so often a checkpoint signs (seq, hash) with Ed25519 using a key kept outside the
 * database, so rewriting the chain from an edited event onwards is caught too.
 */
import canonicalize from 'canonicalize';
import { sha256Hex } from '../lib/crypto.js';
import type { AuditCheckpoint, AuditEvent, ChainedAuditEvent, ChainProblem, VerifyReport } from './audit.types.js';

export const GENESIS_HASH = '0'.repeat(64);
/** Stop collecting after this many problems: the first one is what matters. */
const MAX_PROBLEMS = 100;

export function canonicalEvent(event: AuditEvent): string {
  const body = {
    seq: event.seq,
    id: event.id,
    occurredAt: event.occurredAt,
    actor: event.actor,
    action: event.action,
    target: event.target,
    purpose: event.purpose,
    requestId: event.requestId,
    outcome: event.outcome,
    details: event.details,
  };
  return canonicalize(body) as string;
}

export function chainHash(prevHash: string, event: AuditEvent): string {
  return sha256Hex(`${prevHash}\n${canonicalEvent(event)}`);
}

export function checkpointPayload(checkpoint: Omit<AuditCheckpoint, 'signature'>): string {
  return canonicalize({ v: 1, seq: checkpoint.seq, hash: checkpoint.hash, every: checkpoint.every, keyId: checkpoint.keyId, signedAt: checkpoint.signedAt }) as string;
}

/** Where the next checkpoint is due, given the newest one (or none yet: the first event). */
export function nextCheckpointSeq(latest: Pick<AuditCheckpoint, 'seq' | 'every'> | undefined): number {
  return latest ? latest.seq + latest.every : 1;
}

export interface SignatureVerifier {
  verify(keyId: string, payload: string, signature: string): 'valid' | 'invalid' | 'unknown_key';
}

/**
 * Walks events in seq order. Used for the database and for exported files alike, so an auditor's
 * offline check is the same code as ours.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private expectedPrevHash = GENESIS_HASH;
  private checked = 0;
  private lastSignedSeq = 0;
  private nextDue = 1;
  private readonly problems: ChainProblem[] = [];
  private readonly checkpoints = new Map<number, AuditCheckpoint>();

  constructor(
    checkpoints: Iterable<AuditCheckpoint>,
    private readonly signatures: SignatureVerifier,
    /** The newest checkpoint recorded outside the database (see audit.witness.ts), if any. */
    private readonly witness?: { seq: number; hash: string },
  ) {
    for (const checkpoint of checkpoints) this.checkpoints.set(checkpoint.seq, checkpoint);
  }

  addEvent(event: ChainedAuditEvent): void {
    if (event.seq < this.expectedSeq) {
      this.report(event.seq, 'out_of_order', `event ${event.seq} appears after event ${this.expectedSeq - 1}: events were reordered or duplicated`);
    } else if (event.seq > this.expectedSeq) {
      const missing = event.seq - 1 === this.expectedSeq ? `event ${this.expectedSeq} is` : `events ${this.expectedSeq}-${event.seq - 1} are`;
      this.report(this.expectedSeq, 'gap', `${missing} missing: deleted from the log`);
    }
    if (event.prevHash !== this.expectedPrevHash) {
      this.report(event.seq, 'prev_hash_mismatch', `event ${event.seq} does not link to the event before it: an event was inserted, deleted or reordered here`);
    }
    const computed = chainHash(event.prevHash, event);
    if (computed !== event.hash) {
      this.report(event.seq, 'hash_mismatch', `event ${event.seq} was altered: its content does not match its hash`);
    }
    const trueHash = chainHash(this.expectedPrevHash, event);
    this.checkCheckpoint(event.seq, trueHash);
    this.expectedSeq = Math.max(this.expectedSeq, event.seq + 1);
    this.expectedPrevHash = event.hash;
    this.checked += 1;
  }

  finish(head?: { seq: number; hash: string }): VerifyReport {
    const lastSeq = this.expectedSeq - 1;
    for (const seq of this.checkpoints.keys()) {
      if (seq > lastSeq) this.report(seq, 'orphan_checkpoint', `a signed checkpoint exists for event ${seq}, but the log ends at ${lastSeq}: events at the end were deleted`);
    }
    if (this.witness && lastSeq < this.witness.seq) {
      this.report(lastSeq + 1, 'witness_mismatch', `the log ends at event ${lastSeq}, but the witness outside the database records a signed checkpoint at event ${this.witness.seq}: events at the end were deleted`);
    }
    if (head && (head.seq !== lastSeq || (lastSeq > 0 && head.hash !== this.expectedPrevHash))) {
      this.report(Math.min(head.seq, lastSeq) + 1, 'head_mismatch', `the chain head records event ${head.seq}, but the log ends at ${lastSeq}: events at the end were deleted or added outside Custos`);
    }
    this.problems.sort((a, b) => a.seq - b.seq);
    return {
      ok: this.problems.length === 0,
      checkedEvents: this.checked,
      checkpoints: this.checkpoints.size,
      lastSeq,
      unsignedEvents: Math.max(0, lastSeq - this.lastSignedSeq),
      problems: this.problems,
    };
  }

  private checkCheckpoint(seq: number, trueHash: string): void {
    if (this.witness?.seq === seq && this.witness.hash !== trueHash) {
      this.report(seq, 'witness_mismatch', `the chain up to event ${seq} differs from the checkpoint the witness outside the database records: the log was rewritten`);
    }
    const checkpoint = this.checkpoints.get(seq);
    if (!checkpoint) {
      if (seq === this.nextDue) {
        this.report(seq, 'missing_checkpoint', `the signed checkpoint due at event ${seq} is missing: it was deleted`);
      }
      return;
    }
    const verdict = this.signatures.verify(checkpoint.keyId, checkpointPayload(checkpoint), checkpoint.signature);
    if (verdict === 'unknown_key') {
      this.report(seq, 'unknown_key', `the checkpoint at event ${seq} was signed with key ${checkpoint.keyId}, which is not the audit key given`);
    } else if (verdict === 'invalid') {
      this.report(seq, 'bad_signature', `the checkpoint at event ${seq} has an invalid signature: it was forged or altered`);
    } else if (checkpoint.hash !== trueHash) {
      this.report(seq, 'checkpoint_mismatch', `the chain up to event ${seq} differs from what was signed: an event at or before ${seq} was altered and the chain recomputed`);
    } else {
      this.lastSignedSeq = seq;
    }
    this.nextDue = checkpoint.seq + checkpoint.every;
  }

  private report(seq: number, kind: ChainProblem['kind'], message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ seq, kind, message });
  }
}
