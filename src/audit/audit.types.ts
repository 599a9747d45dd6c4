export type ActorType = 'user' | 'api_key' | 'system' | 'cli' | 'anonymous';

export interface Actor {
  type: ActorType;
  id: string | null;
  name: string | null;
  role: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'custos', role: null };

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Who acts, and for which request and purpose: carried from the edge (HTTP, CLI) to the service. */
export interface AuditContext {
  actor: Actor;
  requestId?: string | null;
  purpose?: string | null;
}

export interface AuditEventInput {
  /** `domain.verb`, e.g. `user.create`, `auth.login`, `audit.export`. */
  action: string;
  target?: { type: string; id: string | null } | null;
  outcome?: AuditOutcome;
  /** Facts about the change. Never personal data or secrets: ids, counts, field names. */
  details?: Record<string, unknown>;
  purpose?: string | null;
}

export interface AuditEvent {
  seq: number;
  id: string;
  occurredAt: string;
  actor: Actor;
  action: string;
  target: { type: string | null; id: string | null };
  purpose: string | null;
  requestId: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
}

export interface ChainedAuditEvent extends AuditEvent {
  prevHash: string;
  hash: string;
}

export interface AuditCheckpoint {
  seq: number;
  hash: string;
  /** Distance to the next scheduled checkpoint: `verify` expects one at seq + every. */
  every: number;
  keyId: string;
  signature: string;
  signedAt: string;
}

export type ProblemKind =
  | 'gap'
  | 'out_of_order'
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  | 'checkpoint_mismatch'
  | 'bad_signature'
  | 'unknown_key'
  | 'missing_checkpoint'
  | 'orphan_checkpoint'
  | 'head_mismatch'
  | 'witness_mismatch'
  | 'malformed';

export interface ChainProblem {
  seq: number;
  kind: ProblemKind;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  checkedEvents: number;
  checkpoints: number;
  lastSeq: number;
  /** Events after the newest signed checkpoint: protected by the hash chain alone. */
  unsignedEvents: number;
  problems: ChainProblem[];
}
