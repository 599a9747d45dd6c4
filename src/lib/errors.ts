/**
 * One error type for the whole platform. Every error carries a stable code that users can look up
 * in docs/errors.md; the HTTP layer maps it to a status and an application/problem+json body, the
 * CLI maps it to an exit code. Messages name what was wrong, never the personal data or secret
 * that was passed.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { status: 500, exit: 78, title: 'Configuration is invalid' },
  VALIDATION_FAILED: { status: 400, exit: 65, title: 'Request is invalid' },
  BODY_TOO_LARGE: { status: 413, exit: 65, title: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 65, title: 'Unsupported media type' },
  UNAUTHENTICATED: { status: 401, exit: 77, title: 'Authentication required' },
  FORBIDDEN: { status: 403, exit: 77, title: 'Permission denied' },
  NOT_FOUND: { status: 404, exit: 66, title: 'Not found' },
  CONFLICT: { status: 409, exit: 75, title: 'Conflict' },
  RATE_LIMITED: { status: 429, exit: 75, title: 'Too many requests' },
  STORE_UNAVAILABLE: { status: 503, exit: 69, title: 'Store unavailable' },
  STORE_LOCKED: { status: 503, exit: 75, title: 'Store is in use by another process' },
  MIGRATION_FAILED: { status: 500, exit: 70, title: 'Migration failed' },
  AUDIT_CHAIN_BROKEN: { status: 500, exit: 1, title: 'Audit chain verification failed' },
  AUDIT_KEY_MISSING: { status: 500, exit: 78, title: 'Audit signing key missing' },
  SECRET_KEY_MISMATCH: { status: 500, exit: 78, title: 'Secret key does not match' },
  TARGET_UNREACHABLE: { status: 502, exit: 69, title: 'Target system unreachable' },
  MAIL_NOT_CONFIGURED: { status: 503, exit: 78, title: 'Mail is not configured' },
  MAIL_FAILED: { status: 502, exit: 69, title: 'Mail could not be sent' },
  VERIFICATION_FAILED: { status: 403, exit: 77, title: 'Verification failed' },
  VERIFICATION_EXPIRED: { status: 410, exit: 75, title: 'Verification code expired' },
  INTERNAL: { status: 500, exit: 70, title: 'Internal error' },
} as const satisfies Record<string, { status: number; exit: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `body.role`. */
  field?: string;
  message: string;
}

export class CustosError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message: string, options: { details?: ErrorDetail[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CustosError';
    this.code = code;
    this.details = options.details ?? [];
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
}

export function isCustosError(value: unknown): value is CustosError {
  return value instanceof CustosError;
}
