/** Calls to the data map API (src/datamap/datamap.routes.ts); errors surface as ApiError like every other call. */
import { apiRequest, buildUrl, type System } from '../../api';
import type { Activity, ActivityInput, CheckResult, CheckRule, Drift, DriftStatus, Law, MapView, Notification, Reference, ReferenceEnd, SystemDetailsInput, TaxonomyEntry } from './types';

const enc = encodeURIComponent;

export const datamapApi = {
  map: (signal?: AbortSignal) => apiRequest<{ map: MapView }>('/api/map', { signal }),
  check: (signal?: AbortSignal) => apiRequest<{ check: CheckResult; rules: CheckRule[] }>('/api/map/check', { signal }),

  activities: (signal?: AbortSignal) => apiRequest<{ activities: Activity[] }>('/api/activities', { signal }),
  saveActivity: (input: ActivityInput) => apiRequest<{ activity: Activity }>(`/api/activities/${enc(input.key)}`, { method: 'PUT', body: input }),
  deleteActivity: (key: string) => apiRequest<void>(`/api/activities/${enc(key)}`, { method: 'DELETE' }),

  references: (signal?: AbortSignal) => apiRequest<{ references: Reference[] }>('/api/references', { signal }),
  declareReference: (input: { from: ReferenceEnd; to: ReferenceEnd; note?: string }) =>
    apiRequest<{ reference: Reference }>('/api/references', { method: 'POST', body: input }),
  reviewReference: (id: string, change: { status: 'active' | 'rejected'; note?: string }) =>
    apiRequest<{ reference: Reference }>(`/api/references/${enc(id)}`, { method: 'PATCH', body: change }),

  drift: (status: DriftStatus | 'all', signal?: AbortSignal) => apiRequest<{ drift: Drift[] }>('/api/drift', { query: { status }, signal }),
  updateDrift: (id: string, change: { status: DriftStatus; note?: string }) =>
    apiRequest<{ drift: Drift }>(`/api/drift/${enc(id)}`, { method: 'PATCH', body: change }),

  notifications: (unreadOnly: boolean, signal?: AbortSignal) =>
    apiRequest<{ notifications: Notification[] }>('/api/notifications', { query: { unreadOnly }, signal }),
  markNotificationsRead: (ids: string[] | 'all') => apiRequest<void>('/api/notifications/read', { method: 'POST', body: { ids } }),

  taxonomy: (signal?: AbortSignal) => apiRequest<{ entries: TaxonomyEntry[] }>('/api/taxonomy', { signal }),
  law: (signal?: AbortSignal) => apiRequest<Law>('/api/law', { signal }),

  updateSystemDetails: (id: string, details: SystemDetailsInput) =>
    apiRequest<{ system: System }>(`/api/systems/${enc(id)}/details`, { method: 'PATCH', body: details }),
};

/** A report link: a plain download with the session cookie. */
export function reportUrl(kind: string, format: string, jurisdiction?: string): string {
  return buildUrl(`/api/reports/${enc(kind)}`, { format, jurisdiction });
}
