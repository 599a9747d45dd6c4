/**
 * The CLI's client of a running Custos server (`--server URL`, `--key KEY` or CUSTOS_SERVER,
 * CUSTOS_API_KEY): fetch with the API key as `Authorization: Bearer`, JSON in and out, and every
 * failure turned into the CustosError the local store would have given, so that messages and exit
 * codes do not depend on where the command ran. The key is sent in that header and nowhere else:
 * no message, log line or error names it.
 */
import { CustosError, ERROR_CODES, type ErrorCode, type ErrorDetail } from '../lib/errors.js';

export interface ApiClientOptions {
  /** http(s)://host[:port][/prefix], without credentials. */
  server: string;
  key: string;
  /** How long one call may take; undefined: 30 s, or 5 minutes for a call marked long. */
  timeoutMs?: number | undefined;
}

export interface CallOptions {
  /** Runs the server's work inline (a request's run, a package): waits longer by default. */
  long?: boolean;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  /** The server's address as given, for messages. */
  readonly server: string;
  get<T>(path: string, query?: Query, options?: CallOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: CallOptions): Promise<T>;
  /** A binary answer (a zip): the body's bytes. */
  bytes(path: string, options?: CallOptions): Promise<Uint8Array>;
}

const SHORT_MS = 30_000;
/** Also the most Node's fetch waits for an answer's headers (undici's headersTimeout). */
const LONG_MS = 300_000;

/** Checks the server address once, so that a typo fails before any call. */
export function parseServerUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CustosError('VALIDATION_FAILED', '--server: not a URL; give the server’s address, such as http://localhost:8080', { details: [{ field: '--server', message: 'not a URL' }] });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CustosError('VALIDATION_FAILED', `--server: use an http:// or https:// address, not ${url.protocol}`, { details: [{ field: '--server', message: 'not http(s)' }] });
  if (url.username || url.password) throw new CustosError('VALIDATION_FAILED', '--server: the address must not hold credentials; send an API key with CUSTOS_API_KEY', { details: [{ field: '--server', message: 'holds credentials' }] });
  if (url.search || url.hash) throw new CustosError('VALIDATION_FAILED', '--server: the address must not hold a query or fragment', { details: [{ field: '--server', message: 'holds a query or fragment' }] });
  return url;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = parseServerUrl(options.server);
  // A server behind a path prefix (https://host/custos) keeps it; the API's paths follow.
  const prefix = base.pathname.replace(/\/+$/, '');
  const shown = `${base.origin}${prefix}`;
  const authorization = `Bearer ${options.key}`;

  async function call(method: 'GET' | 'POST', path: string, init: { query?: Query | undefined; body?: unknown; accept: string; long?: boolean | undefined }): Promise<Response> {
    const url = new URL(`${base.origin}${prefix}${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const timeoutMs = options.timeoutMs ?? (init.long ? LONG_MS : SHORT_MS);
    const headers: Record<string, string> = { authorization, accept: init.accept };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}), signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    } catch (err) {
      throw unreachable(err, shown, timeoutMs);
    }
    if (response.ok) return response;
    throw await problemOf(response, shown);
  }

  async function json<T>(response: Response): Promise<T> {
    try {
      return (await response.json()) as T;
    } catch {
      throw new CustosError('INTERNAL', `${shown} answered with something that is not JSON; is it a Custos server?`);
    }
  }

  return {
    server: shown,
    get: async (path, query, callOptions) => json(await call('GET', path, { query, accept: 'application/json', long: callOptions?.long })),
    post: async (path, body, callOptions) => json(await call('POST', path, { body: body ?? {}, accept: 'application/json', long: callOptions?.long })),
    bytes: async (path, callOptions) => {
      const response = await call('GET', path, { accept: 'application/zip, application/octet-stream', long: callOptions?.long });
      try {
        return new Uint8Array(await response.arrayBuffer());
      } catch (err) {
        throw unreachable(err, shown, options.timeoutMs ?? (callOptions?.long ? LONG_MS : SHORT_MS));
      }
    },
  };
}

/** A failure before any answer: refused, unknown host, timed out, reset. One line, no stack. */
function unreachable(err: unknown, server: string, timeoutMs: number): CustosError {
  const error = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = error.cause?.code;
  const seconds = Math.round(timeoutMs / 1000);
  let why: string;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') why = `it did not answer within ${seconds} s (raise it with --timeout); any work it started goes on there`;
  else if (code === 'ECONNREFUSED') why = 'connection refused; is `custos serve` running there, on that port?';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') why = 'no such host';
  else if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') why = 'the connection timed out';
  else if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') why = 'no answer within 5 minutes, the most Node waits; any work it started goes on there';
  else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') why = 'the connection was closed before an answer';
  else if (code && /CERT|SSL|TLS/.test(code)) why = `its TLS certificate was refused (${code})`;
  else if (/redirect/i.test(error.cause?.message ?? '')) why = 'it answered with a redirect; give the address it redirects to (https://…?)';
  else if (error.cause?.message === 'bad port') why = 'fetch refuses that port (a reserved one); serve on another';
  else why = error.cause?.message ?? error.message ?? 'unknown network error';
  return new CustosError('STORE_UNAVAILABLE', `cannot reach the Custos server at ${server}: ${why}`, { cause: err });
}

/** The server's problem+json turned back into the error the service raised. */
async function problemOf(response: Response, server: string): Promise<CustosError> {
  const body = (await response.text().catch(() => '')) || '';
  let problem: { code?: string; detail?: string; errors?: ErrorDetail[] } = {};
  try {
    problem = JSON.parse(body) as typeof problem;
  } catch {
    // Not a Custos answer (a proxy's page, another service): said below by status.
  }
  const known = typeof problem.code === 'string' && Object.hasOwn(ERROR_CODES, problem.code) ? (problem.code as ErrorCode) : undefined;
  const details = Array.isArray(problem.errors) ? problem.errors : [];
  if (response.status === 401) {
    return new CustosError('UNAUTHENTICATED', `${server} refused the API key: ${problem.detail ?? 'not accepted'}; check CUSTOS_API_KEY (or --key)`, { details });
  }
  if (response.status === 403 && known === 'FORBIDDEN') {
    return new CustosError('FORBIDDEN', `${problem.detail ?? 'permission denied'} (the API key’s role, on ${server})`, { details });
  }
  if (known && problem.detail) return new CustosError(known, problem.detail, { details });
  if (response.status === 404) return new CustosError('NOT_FOUND', `${server} has no such API route (HTTP 404); is it a Custos server of this version?`);
  const code: ErrorCode = response.status === 403 ? 'FORBIDDEN' : response.status >= 500 ? 'STORE_UNAVAILABLE' : 'VALIDATION_FAILED';
  return new CustosError(code, `${server} answered HTTP ${response.status} ${response.statusText}`.trimEnd());
}
