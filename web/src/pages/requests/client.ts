/** Calls to the subject request API (src/dsr/dsr.routes.ts); errors surface as ApiError like every other call. */
import { apiRequest } from '../../api';
import type { PlanView, RequestDetail, RequestSummary, RunSummary, SubmitInput } from './types';

const enc = encodeURIComponent;

export type QueueFilter = 'open' | 'overdue' | string;

export const requestsApi = {
  list: (status: QueueFilter | undefined, signal?: AbortSignal) =>
    apiRequest<{ requests: RequestSummary[] }>('/api/requests', { query: { status, limit: 1000 }, signal }),
  get: (id: string, signal?: AbortSignal) => apiRequest<{ request: RequestDetail }>(`/api/requests/${enc(id)}`, { signal }),
  submit: (input: SubmitInput) => apiRequest<{ request: RequestDetail }>('/api/requests', { method: 'POST', body: input }),
  verify: (id: string, note: string) => apiRequest<{ request: RequestDetail }>(`/api/requests/${enc(id)}/verify`, { method: 'POST', body: { note } }),
  sendCode: (id: string) => apiRequest<{ sent: { expiresAt: string } }>(`/api/requests/${enc(id)}/send-code`, { method: 'POST' }),
  extend: (id: string, reason: string) => apiRequest<{ request: RequestDetail }>(`/api/requests/${enc(id)}/extend`, { method: 'POST', body: { reason } }),
  plan: (id: string, signal?: AbortSignal) => apiRequest<PlanView>(`/api/requests/${enc(id)}/plan`, { signal }),
  run: (id: string) => apiRequest<{ summary: RunSummary }>(`/api/requests/${enc(id)}/run`, { method: 'POST' }),
};

/** The access/portability package: a plain download with the session cookie. */
export function packageUrl(id: string): string {
  return `/api/requests/${enc(id)}/package`;
}

export type HoldScope = 'system' | 'table' | 'category' | 'subject';

export interface LegalHold {
  id: string;
  scope: HoldScope;
  system: string | null;
  schema: string | null;
  table: string | null;
  category: string | null;
  subject: boolean;
  reason: string;
  matter: string | null;
  createdBy: string;
  createdAt: string;
  releasedAt: string | null;
}

/** Legal holds (src/dsr/holds.routes.ts). */
export const holdsApi = {
  list: (signal?: AbortSignal) => apiRequest<{ holds: LegalHold[] }>('/api/holds', { signal }),
  add: (input: Record<string, unknown>) => apiRequest<{ hold: LegalHold }>('/api/holds', { method: 'POST', body: input }),
  release: (id: string) => apiRequest<{ hold: LegalHold }>(`/api/holds/${enc(id)}/release`, { method: 'POST' }),
};
