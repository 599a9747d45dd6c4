import { CustosError } from '../../lib/errors.js';

/** A connection failure, named by where and why (the driver's code), never with the password. */
export function connectionError(location: string, err: unknown): CustosError {
  const e = err as { code?: string; errno?: number; message?: string };
  const reason = e.code ?? (e.message ?? 'unknown error').split('\n')[0]!.replace(/\/\/[^@\s]*@/g, '//***@').slice(0, 200);
  return new CustosError('TARGET_UNREACHABLE', `cannot connect to ${location}: ${reason}`, { cause: err });
}
