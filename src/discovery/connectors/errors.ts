import { CustosError } from '../../lib/errors.js';

/** A connection failure, named by where and why (the driver's code), never with the password. */
export function connectionError(location: string, err: unknown): CustosError {
  const e = err as { code?: string; errno?: number; message?: string };
  const reason = e.code ?? (e.message ?? 'unknown error').split('\n')[0]!.replace(/\/\/[^@\s]*@/g, '//***@').slice(0, 200);
  return new CustosError('TARGET_UNREACHABLE', `cannot connect to ${location}: ${reason}`, { cause: err });
}

/** Failures worth another try: the server is starting, restarting, or the network hiccuped. */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', '57P03', '53300', 'PROTOCOL_CONNECTION_LOST']);

/**
 * Connects with a bounded number of tries (3, waiting 0.5 s then 1 s), so a database that is
 * restarting does not fail a scan, and one that is down fails it in seconds, not minutes.
 */
export async function connectWithRetries<T>(connect: () => Promise<T>, options: { attempts?: number; delayMs?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  let delay = options.delayMs ?? 500;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await connect();
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (attempt >= attempts || !TRANSIENT.has(code)) throw err;
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}
