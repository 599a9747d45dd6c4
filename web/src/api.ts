/**
 * Typed client for the Custos HTTP API. Every call is same-origin with the session cookie; every
 * error (HTTP problem, network failure, unreadable body) surfaces as an ApiError so the UI has one
 * thing to render.
 */

export type Role = 'admin' | 'privacy_officer' | 'analyst' | 'engineer' | 'auditor';

export const ROLES: readonly Role[] = ['admin', 'privacy_officer', 'analyst', 'engineer', 'auditor'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  privacy_officer: 'Privacy officer',
  analyst: 'Analyst',
  engineer: 'Engineer',
  auditor: 'Auditor',
};

export function roleLabel(role: string | null | undefined): string {
  if (!role) return 'Unknown role';
  return (ROLE_LABELS as Record<string, string>)[role] ?? role.replace(/_/g, ' ');
}

export type Id = string | number;

export interface User {
  id: Id;
  username: string;
  displayName?: string | null;
  role: Role;
}

export interface Session {
  /** Null when the caller is an API key rather than a signed-in user. */
  user: User | null;
  permissions: string[];
}

export interface System {
  id: Id;
  name: string;
  description?: string | null;
  engine: string;
  connection: string;
  /** False when Custos holds no connection it could scan (e.g. a system recorded for the inventory only). */
  scannable?: boolean;
  origin: 'demo' | 'user' | string;
  createdAt: string;
  updatedAt?: string;
  tables?: number | null;
  rows?: number | null;
  /** Data-map details (PATCH /api/systems/:id/details). */
  kind?: string;
  owner?: string | null;
  department?: string | null;
  hostingRegion?: string | null;
  hostingCountry?: string | null;
  role?: 'controller' | 'processor' | 'joint_controller';
  securityMeasures?: string[];
  reviewRequired?: boolean;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  seq: number;
  id: string;
  occurredAt: string;
  actor: { type: string; id?: Id | null; name?: string | null; role?: string | null } | null;
  action: string;
  target: { type: string | null; id?: Id | null } | null;
  purpose?: string | null;
  requestId?: string | null;
  outcome: AuditOutcome | string;
  details?: unknown;
}

export interface AuditPage {
  events: AuditEvent[];
  nextBeforeSeq: number | null;
}

export interface AuditFilters {
  action?: string;
  actor?: string;
  targetType?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export interface VerifyProblem {
  seq: number;
  kind: string;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  checkedEvents: number;
  checkpoints: number | unknown[];
  lastSeq: number | null;
  unsignedEvents: number;
  problems: VerifyProblem[];
}

export interface PublicKey {
  keyId: string;
  publicKeyPem: string;
}

export interface UserRecord {
  id: Id;
  username: string;
  displayName?: string | null;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt?: string | null;
}

export interface ApiKeyRecord {
  id: Id;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export interface Readiness {
  /** HTTP status of /readyz: 200 when ready, 503 when not. */
  httpStatus: number;
  status: string;
  store?: unknown;
  migrations?: unknown;
  /** Why the server is not ready (503 only). */
  reason?: string;
}

export type Level = 'L1' | 'L2' | 'L3' | 'L4';

export const LEVELS: readonly Level[] = ['L1', 'L2', 'L3', 'L4'];

export type ScanStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelling' | 'cancelled';

export const ACTIVE_SCAN_STATUSES: readonly ScanStatus[] = ['queued', 'running', 'cancelling'];

export interface ScanOptions {
  sampleSize?: number;
  full?: boolean;
  incremental?: boolean;
}

export interface Scan {
  id: string;
  systemId: string;
  status: ScanStatus;
  options: ScanOptions | null;
  progress: { tablesDone?: number; tablesTotal?: number; table?: string } | null;
  summary: {
    tablesScanned?: number;
    tablesSkipped?: number;
    tablesFailed?: number;
    personalColumns?: number;
    levels?: Partial<Record<Level, number>>;
  } | null;
  error: string | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ScanTable {
  schema: string | null;
  table: string;
  kind: string;
  rowEstimate: number | null;
  sampledRows: number;
  level: Level | null;
  personalColumns: number;
  error: string | null;
}

export interface ScanDetail extends Scan {
  tables: ScanTable[];
}

export type FindingStatus = 'proposed' | 'confirmed' | 'rejected';

export interface Finding {
  id: string;
  systemId: string;
  system: string;
  schema: string | null;
  table: string;
  column: string;
  dataType: string;
  entity: string | null;
  category: string | null;
  level: Level | null;
  confidence: number;
  status: FindingStatus;
  scanner: { entity: string | null; category: string | null; level: Level | null };
  decision: { entity: string | null; category: string | null; note: string | null; by: string | null; at: string | null } | null;
  evidence: {
    sampled: number;
    nonNull: number;
    matched: number;
    freeText: boolean;
    nameHint: string | null;
    detectors: string[];
    others: { entity: string; matched: number }[];
  } | null;
  examples: string[] | null;
  lastSeenScan: string | null;
  updatedAt: string;
}

export interface FindingFilters {
  systemId?: string;
  schema?: string;
  table?: string;
  entity?: string;
  level?: Level | '';
  status?: FindingStatus | '';
  minConfidence?: number;
  limit?: number;
  offset?: number;
}

export interface FindingDecision {
  status: FindingStatus;
  entity?: string;
  category?: string;
  note?: string;
}

export interface HeatmapCell {
  systemId: string;
  system: string;
  schema: string | null;
  table: string;
  level: Level | null;
  columns: number;
}

export interface EntityDefinition {
  type: string;
  category: string;
  description: string;
  checksum: boolean;
  locales?: string[];
}

export interface SensitivityPolicy {
  levels: Partial<Record<Level, { name: string; description: string }>>;
  rules: { category: string; level: Level; citation: string }[];
}

export interface FieldError {
  field: string;
  message: string;
}

interface ApiErrorInit {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  requestId?: string | undefined;
  type?: string | undefined;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  readonly type: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.type = init.type;
  }

  /** The message for one form field; matches `password`, `body.password` and `/body/password`. */
  fieldError(name: string): string | undefined {
    return this.errors.find((e) => fieldMatches(e.field, name))?.message;
  }
}

export function fieldMatches(field: string, name: string): boolean {
  return field === name || field.endsWith(`.${name}`) || field.endsWith(`/${name}`);
}

/** Anything thrown in the UI becomes an ApiError, so error panels have one shape to render. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ status: 0, code: 'CLIENT_ERROR', title: 'Something went wrong', detail: message });
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Request is invalid',
  401: 'Authentication required',
  403: 'Permission denied',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body is too large',
  429: 'Too many requests',
  500: 'Internal error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    field: str(e.field) ?? str(e.path) ?? '',
    message: str(e.message) ?? 'Invalid value',
  }));
}

async function problemFromResponse(res: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // Body unreadable: fall back to the status line below.
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const fallbackTitle = STATUS_TITLES[res.status] ?? `HTTP ${res.status}`;
  if (isRecord(body)) {
    const title = str(body.title) ?? fallbackTitle;
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : res.status,
      code: str(body.code) ?? `HTTP_${res.status}`,
      title,
      detail: str(body.detail) ?? str(body.message) ?? title,
      errors: parseFieldErrors(body.errors),
      requestId: str(body.requestId) ?? res.headers.get('x-request-id') ?? undefined,
      type: str(body.type),
    });
  }
  const snippet = text.trim().slice(0, 300);
  return new ApiError({
    status: res.status,
    code: `HTTP_${res.status}`,
    title: fallbackTitle,
    detail: snippet && !snippet.startsWith('<') ? snippet : `The server answered ${res.status} ${res.statusText}`.trim(),
    requestId: res.headers.get('x-request-id') ?? undefined,
  });
}

type UnauthorizedHandler = (error: ApiError) => void;
let unauthorizedHandler: UnauthorizedHandler | undefined;

/** Called when an authenticated call answers 401 (session expired or revoked). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | undefined): void {
  unauthorizedHandler = handler;
}

type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Do not treat a 401 as an expired session (login, session probe, setup). */
  anonymous?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      title: 'Cannot reach the Custos server',
      detail: 'The request did not reach the server. Check that Custos is running and your network connection, then try again.',
    });
  }
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options);
  if (!res.ok) {
    const error = await problemFromResponse(res);
    if (error.status === 401 && !options.anonymous) unauthorizedHandler?.(error);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      status: res.status,
      code: 'INVALID_RESPONSE',
      title: 'Unexpected response',
      detail: `The server answered ${path} with a body that is not JSON.`,
    });
  }
}

/** The rights a data subject can exercise through the public portal. */
export type PortalRequestType =
  | 'access'
  | 'portability'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'objection'
  | 'opt_out'
  | 'consent_withdrawal';

export interface PortalInfo {
  organisation: { name: string; contact?: string | null; dpoEmail?: string | null } | null;
  requestTypes: { type: PortalRequestType; label: string; description: string }[];
}

export interface PortalSubmission {
  type: PortalRequestType;
  email: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  corrections?: Record<string, string>;
  agent?: { name: string; relationship?: string };
}

export interface PortalRequest {
  id: string;
  type: PortalRequestType;
  status: 'verifying' | 'verified' | string;
  dueAt: string | null;
  jurisdiction: string | null;
}

export const AUDIT_EXPORT_URL = '/api/audit/export';

export const api = {
  setupStatus: (signal?: AbortSignal) =>
    apiRequest<{ required: boolean }>('/api/setup', { anonymous: true, signal }),
  setup: (input: { token: string; username: string; password: string }) =>
    apiRequest<{ user: User }>('/api/setup', { method: 'POST', body: input, anonymous: true }),
  login: (input: { username: string; password: string }) =>
    apiRequest<{ user: User }>('/api/auth/login', { method: 'POST', body: input, anonymous: true }),
  logout: () => apiRequest<void>('/api/auth/logout', { method: 'POST', anonymous: true }),
  me: (signal?: AbortSignal) => apiRequest<Session>('/api/auth/me', { anonymous: true, signal }),

  systems: (signal?: AbortSignal) => apiRequest<{ systems: System[] }>('/api/systems', { signal }),
  /** The URL may hold credentials: it is sealed by the server and never returned. */
  registerSystem: (input: { name: string; description?: string; url: string; scan?: boolean }) =>
    apiRequest<{ system: System; scan: Scan | null }>('/api/systems', { method: 'POST', body: input }),

  startScan: (systemId: Id, options: ScanOptions = {}) =>
    apiRequest<{ scan: Scan }>(`/api/systems/${encodeURIComponent(String(systemId))}/scans`, { method: 'POST', body: options }),
  scans: (filter: { systemId?: string; limit?: number } = {}, signal?: AbortSignal) =>
    apiRequest<{ scans: Scan[] }>('/api/scans', { query: { ...filter }, signal }),
  scan: (id: string, signal?: AbortSignal) =>
    apiRequest<{ scan: ScanDetail }>(`/api/scans/${encodeURIComponent(id)}`, { signal }),
  cancelScan: (id: string) => apiRequest<{ scan: Scan }>(`/api/scans/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),

  findings: (filters: FindingFilters, signal?: AbortSignal) =>
    apiRequest<{ findings: Finding[] }>('/api/findings', { query: { ...filters }, signal }),
  decideFinding: (id: string, decision: FindingDecision) =>
    apiRequest<{ finding: Finding }>(`/api/findings/${encodeURIComponent(id)}`, { method: 'PATCH', body: decision }),
  heatmap: (signal?: AbortSignal) => apiRequest<{ cells: HeatmapCell[] }>('/api/discovery/heatmap', { signal }),
  entities: (signal?: AbortSignal) =>
    apiRequest<{ entities: EntityDefinition[]; policy: SensitivityPolicy }>('/api/discovery/entities', { signal }),

  auditEvents: (filters: AuditFilters & { limit?: number; beforeSeq?: number | null }, signal?: AbortSignal) =>
    apiRequest<AuditPage>('/api/audit/events', { query: { ...filters }, signal }),
  verifyAudit: () => apiRequest<VerifyResult>('/api/audit/verify', { method: 'POST' }),
  publicKey: (signal?: AbortSignal) => apiRequest<PublicKey>('/api/audit/public-key', { signal }),

  users: (signal?: AbortSignal) => apiRequest<{ users: UserRecord[] }>('/api/users', { signal }),
  createUser: (input: { username: string; displayName?: string; role: Role; password: string }) =>
    apiRequest<{ user: UserRecord }>('/api/users', { method: 'POST', body: input }),

  keys: (signal?: AbortSignal) => apiRequest<{ keys: ApiKeyRecord[] }>('/api/keys', { signal }),
  createKey: (input: { name: string; role: Role }) =>
    apiRequest<{ key: string; apiKey: ApiKeyRecord }>('/api/keys', { method: 'POST', body: input }),
  revokeKey: (id: Id) => apiRequest<void>(`/api/keys/${encodeURIComponent(String(id))}`, { method: 'DELETE' }),

  /** The public subject portal: no session, a 401 is never an expired session. */
  portalInfo: (signal?: AbortSignal) => apiRequest<PortalInfo>('/api/portal/info', { anonymous: true, signal }),
  portalSubmit: (input: PortalSubmission) =>
    apiRequest<{ request: PortalRequest; message?: string }>('/api/portal/requests', { method: 'POST', body: input, anonymous: true }),
  portalVerify: (id: string, code: string) =>
    apiRequest<{ request: PortalRequest }>(`/api/portal/requests/${encodeURIComponent(id)}/verify`, { method: 'POST', body: { code }, anonymous: true }),

  /** /readyz answers 503 with the same body when not ready; both are a result, not an error. */
  async readiness(signal?: AbortSignal): Promise<Readiness> {
    const res = await send('/readyz', { signal, anonymous: true });
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (isRecord(body) && typeof body.status === 'string') {
      return {
        httpStatus: res.status,
        status: body.status,
        store: body.store,
        migrations: body.migrations,
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      };
    }
    if (!res.ok) throw await problemFromResponse(res);
    return { httpStatus: res.status, status: res.ok ? 'ok' : 'unavailable' };
  },
};

/** `audit:read` is granted by `audit:read`, `audit:*` or `*`. */
export function hasPermission(permissions: readonly string[], permission: string): boolean {
  if (permissions.includes(permission) || permissions.includes('*')) return true;
  const [resource] = permission.split(':');
  return permissions.includes(`${resource}:*`);
}
