/**
 * One-time codes that prove a data subject controls an e-mail address.
 *
 * A code is 6 to 10 crypto-random digits. Only a keyed hash of it is stored: HMAC-SHA256 under a
 * key held outside the store (the secret key's `keyedHash`, see src/keys/secret-box.ts), over the
 * request id and the code. A per-code salt would not do: a million codes are hashed in well under
 * a second, so whoever read the table could read the codes; without the key the hashes say
 * nothing, and binding the request id stops a hash being copied to another request.
 *
 * Checking is pure: given the stored record, the candidate and the time, it returns the outcome,
 * comparing hashes with crypto.timingSafeEqual. The caller stores the consequence
 * (`afterCheck`): a mismatch spends an attempt, a match marks the record verified (and spent).
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { CustosError } from '../../lib/errors.js';

/** What produces keyed hashes; a SecretBox (src/keys/secret-box.ts) is one. */
export interface KeyedHasher {
  keyedHash(value: string, purpose: string): string;
}

/** A row of dsr_verifications, as the service reads and writes it. */
export interface VerificationRecord {
  requestId: string;
  channel: 'email';
  /** Keyed hash of the normalised address the code was sent to (`hashAddress`). */
  addressHash: string;
  /** Keyed hash of the code (`issueCode().hash`); the code itself is never stored. */
  codeHash: string;
  expiresAt: Date;
  /** Wrong codes tried so far. */
  attempts: number;
  maxAttempts: number;
  verifiedAt: Date | null;
}

export type CheckOutcome = 'ok' | 'mismatch' | 'expired' | 'locked';

/** What `checkCode` reads of a record. */
export interface StoredCode {
  requestId: string;
  hash: string;
  expiresAt: Date;
  attempts: number;
  maxAttempts: number;
  /** A code that has been used is spent: checked again, it is `expired`. */
  verifiedAt?: Date | null;
}

export const MIN_CODE_LENGTH = 6;
export const MAX_CODE_LENGTH = 10;
const CODE_PURPOSE = 'dsr verification code';
const ADDRESS_PURPOSE = 'dsr verification address';
const MAX_CANDIDATE_LENGTH = 64;

export interface VerificationCodes {
  /** A fresh code to send, and the hash to store. */
  issueCode(options: { requestId: string; length?: number }): { code: string; hash: string };
  checkCode(stored: StoredCode, candidate: string, now: Date): CheckOutcome;
}

export function createVerificationCodes(hasher: KeyedHasher): VerificationCodes {
  const hashCode = (requestId: string, code: string): string => hasher.keyedHash(`${requestId}\n${code}`, CODE_PURPOSE);
  return {
    issueCode({ requestId, length = MIN_CODE_LENGTH }) {
      if (!Number.isInteger(length) || length < MIN_CODE_LENGTH || length > MAX_CODE_LENGTH) {
        throw new CustosError('VALIDATION_FAILED', `a verification code has ${MIN_CODE_LENGTH} to ${MAX_CODE_LENGTH} digits, not ${length}`);
      }
      // randomInt draws uniformly (rejection sampling), so every code of `length` digits is equally likely.
      const code = randomInt(0, 10 ** length).toString().padStart(length, '0');
      return { code, hash: hashCode(requestId, code) };
    },
    checkCode(stored, candidate, now) {
      if (stored.verifiedAt) return 'expired';
      if (stored.attempts >= stored.maxAttempts) return 'locked';
      if (now.getTime() >= stored.expiresAt.getTime()) return 'expired';
      const typed = normaliseCandidate(candidate);
      // Always hash and compare, so a malformed candidate costs the same time as a wrong one.
      const actual = Buffer.from(hashCode(stored.requestId, typed ?? ''), 'hex');
      const expected = Buffer.from(stored.hash, 'hex');
      const comparable = actual.length === expected.length;
      const same = timingSafeEqual(actual, comparable ? expected : actual) && comparable;
      return same && typed !== undefined ? 'ok' : 'mismatch';
    },
  };
}

/** The record's new attempts and verifiedAt after a check; `locked` and `expired` change nothing. */
export function afterCheck<T extends Pick<VerificationRecord, 'attempts' | 'verifiedAt'>>(record: T, outcome: CheckOutcome, now: Date): T {
  if (outcome === 'ok') return { ...record, verifiedAt: now };
  if (outcome === 'mismatch') return { ...record, attempts: record.attempts + 1 };
  return record;
}

/** A new record for a code just sent. */
export function newVerificationRecord(options: { requestId: string; addressHash: string; codeHash: string; now: Date; ttlMinutes: number; maxAttempts: number }): VerificationRecord {
  return {
    requestId: options.requestId,
    channel: 'email',
    addressHash: options.addressHash,
    codeHash: options.codeHash,
    expiresAt: new Date(options.now.getTime() + options.ttlMinutes * 60_000),
    attempts: 0,
    maxAttempts: options.maxAttempts,
    verifiedAt: null,
  };
}

/** Keyed hash of an e-mail address, trimmed and lower-cased so `Ana@X.org ` and `ana@x.org` match. */
export function hashAddress(hasher: KeyedHasher, address: string): string {
  return hasher.keyedHash(address.trim().toLowerCase(), ADDRESS_PURPOSE);
}

/** The error to answer a failed check with (undefined for `ok`); it never names the code. */
export function verificationError(outcome: CheckOutcome, attemptsLeft?: number): CustosError | undefined {
  switch (outcome) {
    case 'ok':
      return undefined;
    case 'mismatch':
      return new CustosError(
        'VERIFICATION_FAILED',
        attemptsLeft === undefined ? 'the verification code is wrong' : attemptsLeft > 0 ? `the verification code is wrong; ${attemptsLeft} ${attemptsLeft === 1 ? 'attempt' : 'attempts'} left` : 'the verification code is wrong, and that was the last attempt; ask for a new code',
      );
    case 'locked':
      return new CustosError('VERIFICATION_FAILED', 'too many wrong verification codes were tried; ask for a new code');
    case 'expired':
      return new CustosError('VERIFICATION_EXPIRED', 'the verification code has expired or was already used; ask for a new code');
  }
}

/** Digits only, allowing the spaces and dashes people type or paste; undefined when not a code. */
function normaliseCandidate(candidate: string): string | undefined {
  if (candidate.length > MAX_CANDIDATE_LENGTH) return undefined;
  const digits = candidate.replace(/[\s-]/g, '');
  return /^\d{1,20}$/.test(digits) ? digits : undefined;
}
