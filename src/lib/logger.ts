/**
 * pino, created once per process. Personal data and secrets stay out of logs by construction:
 * requests are logged by method, route and status only (no query strings, bodies or headers), known
 * secret fields are censored, and every string that reaches the log is scrubbed of e-mail
 * addresses and bearer credentials as a last line of defence.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'key',
  '*.key',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'databaseUrl',
  '*.databaseUrl',
  'connectionString',
  '*.connectionString',
  'adminPassword',
  'secretKey',
  '*.secretKey',
  '*.adminPassword',
  // The whole configuration logged under one key (`{ config }`): its nested SMTP password.
  '*.smtp.password',
];

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const CREDENTIAL = /\b(cus_|setup_|Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;
const URL_PASSWORD = /(\/\/[^:/@\s]+:)[^@\s]+@/g;

export function scrubText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(CREDENTIAL, '$1[redacted]').replace(URL_PASSWORD, '$1***@');
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = scrubDeep(inner, depth + 1);
  return out;
}

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'custos' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (object) => scrubDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (err: Error & { code?: string }) => ({
          type: err.name,
          code: err.code,
          message: scrubText(err.message ?? ''),
          stack: err.stack?.split('\n').slice(1).join('\n'),
        }),
      },
    },
    options.destination,
  );
}
