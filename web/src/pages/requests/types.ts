/** The subject request API's shapes as the console reads them (src/dsr/dsr.service.ts, fulfilment.ts, engine/types.ts). */
import type { BadgeTone } from '../../components/Badge';

export const REQUEST_TYPES = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'opt_out', 'consent_withdrawal'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_STATUSES = ['received', 'verifying', 'verified', 'running', 'completed', 'rejected', 'failed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const IDENTITY_KINDS = ['email', 'phone_number', 'account_id', 'national_id', 'device_id'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const JURISDICTIONS = ['GDPR', 'UK_GDPR', 'CCPA', 'PIPL', 'PDPA_SG', 'LGPD', 'APPI', 'PIPEDA'] as const;

export const TYPE_LABELS: Record<RequestType, string> = {
  access: 'Access',
  portability: 'Portability',
  rectification: 'Rectification',
  erasure: 'Erasure',
  restriction: 'Restriction',
  objection: 'Objection',
  opt_out: 'Opt-out of sale/sharing',
  consent_withdrawal: 'Consent withdrawal',
};

export const IDENTITY_LABELS: Record<IdentityKind, string> = {
  email: 'E-mail',
  phone_number: 'Phone number',
  account_id: 'Account id',
  national_id: 'National id',
  device_id: 'Device id',
};

const CLOSED: readonly string[] = ['completed', 'rejected', 'cancelled'];
export const isClosed = (status: string) => CLOSED.includes(status);

/** Requests the engine executes; the others are recorded by hand. */
export const RUNNABLE: readonly string[] = ['access', 'portability', 'erasure', 'rectification'];
/** Requests that produce a download for the subject. */
export const PACKAGED: readonly string[] = ['access', 'portability'];

export const STATUS_TONES: Record<string, BadgeTone> = {
  received: 'info',
  verifying: 'warning',
  verified: 'accent',
  running: 'info',
  completed: 'success',
  rejected: 'neutral',
  failed: 'danger',
  cancelled: 'neutral',
};

export function typeLabel(type: string): string {
  return (TYPE_LABELS as Record<string, string>)[type] ?? humanise(type);
}

export function humanise(id: string): string {
  const text = id.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface RequestSummary {
  id: string;
  type: RequestType;
  status: RequestStatus;
  jurisdiction: string;
  channel: string;
  receivedAt: string;
  /** The extended due date when there is one. */
  dueAt: string;
  overdue: boolean;
}

export interface RequestEvent {
  at: string;
  kind: string;
  actor: string | null;
  details: Record<string, unknown> | null;
}

export interface Agent {
  name: string;
  relationship?: string;
  authorisation?: string;
}

export interface RunSummary {
  systems: { system: string; status: string; tables: { table: string; matched: number; deleted: number; updated: number; retained: number; retainReason?: string }[]; error?: string }[];
  rowsCollected?: number;
}

export interface RequestDetail {
  id: string;
  type: RequestType;
  status: RequestStatus;
  jurisdiction: string;
  subjectCountry: string | null;
  channel: string;
  agent: Agent | null;
  identities: { kind: string; masked: string }[];
  receivedAt: string;
  verifiedAt: string | null;
  verificationMethod: string | null;
  dueAt: string;
  extendedDueAt: string | null;
  extensionReason: string | null;
  overdue: boolean;
  daysLeft: number;
  result: RunSummary | null;
  completedAt: string | null;
  events: RequestEvent[];
  /** What the request type's verification level needs (email, staff, agent) and what is still missing. */
  verification?: { level: string; agent: boolean; done: string[]; missing: string[]; satisfied: boolean };
}

export interface SubmitInput {
  type: RequestType;
  identities: { kind: IdentityKind; value: string }[];
  jurisdiction?: string;
  subjectCountry?: string;
  corrections?: Record<string, string>;
  agent?: Agent;
  note?: string;
}

export interface TableRef {
  system: string;
  schema: string | null;
  table: string;
}

export interface PlanTable {
  table: TableRef;
  matched: number;
  shared: number;
  deleted: number;
  updated: number;
  retained: number;
  fields: { column: string; action: string; rows: number }[];
  retainReason?: string;
}

export interface PlanView {
  systems: { system: string; steps: { id: string; kind: string }[] }[];
  counts: { system: string; status: string; tables: PlanTable[]; error?: string }[];
}

const DAY_MS = 86_400_000;

/** Whole days until the due date (negative once it has passed), as the server counts them. */
export function daysUntil(iso: string, now: number = Date.now()): number {
  return Math.ceil((new Date(iso).getTime() - now) / DAY_MS);
}
