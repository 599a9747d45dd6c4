import { createHmac } from 'node:crypto';
import * as nodeCrypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { afterCheck, createVerificationCodes, hashAddress, newVerificationRecord, verificationError, type KeyedHasher, type VerificationRecord } from './index.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

/** Stands in for the SecretBox's keyedHash: HMAC-SHA256 under a key per purpose. */
function hasher(secret = 'test secret'): KeyedHasher {
  return { keyedHash: (value, purpose) => createHmac('sha256', `${secret}:${purpose}`).update(value).digest('hex') };
}

const REQUEST = '5f0c2a52-8d1e-4b8e-9d39-2f1b3c4d5e6f';
const NOW = new Date('2026-11-23T12:00:00Z');
const minutes = (n: number): Date => new Date(NOW.getTime() + n * 60_000);

describe('verification codes', () => {
  const codes = createVerificationCodes(hasher());
  beforeEach(() => {
    vi.mocked(nodeCrypto.timingSafeEqual).mockClear();
  });

  it('issues crypto-random digit codes of the asked length, storing only a keyed hash', () => {
    const seen = new Set<string>();
    const firstDigits = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const { code, hash } = codes.issueCode({ requestId: REQUEST });
      expect(code).toMatch(/^\d{6}$/);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).not.toContain(code);
      seen.add(code);
      firstDigits.add(code[0]!);
    }
    expect(seen.size).toBeGreaterThan(490);
    expect(firstDigits.size).toBe(10);
    expect(codes.issueCode({ requestId: REQUEST, length: 10 }).code).toMatch(/^\d{10}$/);
    expect(() => codes.issueCode({ requestId: REQUEST, length: 4 })).toThrow(/6 to 10 digits/);
    expect(() => codes.issueCode({ requestId: REQUEST, length: 11 })).toThrow(/6 to 10 digits/);
  });

  it('binds the hash to the request and to the server key', () => {
    const { code, hash } = codes.issueCode({ requestId: REQUEST });
    const stored = { requestId: REQUEST, hash, expiresAt: minutes(15), attempts: 0, maxAttempts: 5 };
    expect(codes.checkCode(stored, code, NOW)).toBe('ok');
    expect(codes.checkCode({ ...stored, requestId: 'another-request' }, code, NOW)).toBe('mismatch');
    expect(createVerificationCodes(hasher('another key')).checkCode(stored, code, NOW)).toBe('mismatch');
  });

  it('compares with crypto.timingSafeEqual, also for malformed candidates and hashes', () => {
    const { code, hash } = codes.issueCode({ requestId: REQUEST });
    const stored = { requestId: REQUEST, hash, expiresAt: minutes(15), attempts: 0, maxAttempts: 5 };
    const spy = vi.mocked(nodeCrypto.timingSafeEqual);
    expect(codes.checkCode(stored, code, NOW)).toBe('ok');
    expect(codes.checkCode(stored, 'not a code', NOW)).toBe('mismatch');
    expect(codes.checkCode({ ...stored, hash: 'abc' }, code, NOW)).toBe('mismatch');
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('accepts the spaces and dashes people type, and nothing but digits', () => {
    const { code, hash } = codes.issueCode({ requestId: REQUEST });
    const stored = { requestId: REQUEST, hash, expiresAt: minutes(15), attempts: 0, maxAttempts: 5 };
    expect(codes.checkCode(stored, ` ${code.slice(0, 3)} ${code.slice(3)} `, NOW)).toBe('ok');
    expect(codes.checkCode(stored, `${code.slice(0, 3)}-${code.slice(3)}`, NOW)).toBe('ok');
    expect(codes.checkCode(stored, `${code}0`, NOW)).toBe('mismatch');
    expect(codes.checkCode(stored, '', NOW)).toBe('mismatch');
    expect(codes.checkCode(stored, `${code}`.padEnd(100, ' '), NOW)).toBe('mismatch');
  });

  it('goes mismatch → locked after the last attempt, and locked beats a right code', () => {
    const { code, hash } = codes.issueCode({ requestId: REQUEST });
    let record: VerificationRecord = newVerificationRecord({ requestId: REQUEST, addressHash: hashAddress(hasher(), 'ana@example.org'), codeHash: hash, now: NOW, ttlMinutes: 15, maxAttempts: 3 });
    expect(record).toMatchObject({ channel: 'email', attempts: 0, maxAttempts: 3, verifiedAt: null, expiresAt: minutes(15) });
    const check = (candidate: string) => codes.checkCode({ ...record, hash: record.codeHash }, candidate, minutes(1));
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 1; i <= 3; i++) {
      const outcome = check(wrong);
      expect(outcome).toBe('mismatch');
      record = afterCheck(record, outcome, minutes(1));
      expect(record.attempts).toBe(i);
    }
    expect(check(code)).toBe('locked');
    expect(afterCheck(record, 'locked', minutes(1))).toEqual(record);
  });

  it('expires at expiresAt, and a used code is spent', () => {
    const { code, hash } = codes.issueCode({ requestId: REQUEST });
    let record = newVerificationRecord({ requestId: REQUEST, addressHash: 'x', codeHash: hash, now: NOW, ttlMinutes: 10, maxAttempts: 5 });
    const check = (at: Date) => codes.checkCode({ ...record, hash: record.codeHash }, code, at);
    expect(check(minutes(10))).toBe('expired');
    expect(check(minutes(60))).toBe('expired');
    expect(check(new Date(minutes(10).getTime() - 1))).toBe('ok');
    record = afterCheck(record, 'ok', minutes(2));
    expect(record.verifiedAt).toEqual(minutes(2));
    expect(check(minutes(3))).toBe('expired');
  });

  it('hashes addresses case- and space-insensitively, apart from codes', () => {
    const h = hasher();
    expect(hashAddress(h, ' Ana.Silva@Example.ORG ')).toBe(hashAddress(h, 'ana.silva@example.org'));
    expect(hashAddress(h, 'ana.silva@example.org')).not.toBe(hashAddress(h, 'ana.silva@example.com'));
    expect(hashAddress(h, 'ana.silva@example.org')).not.toContain('ana');
  });

  it('maps outcomes to errors that never name the code', () => {
    expect(verificationError('ok')).toBeUndefined();
    expect(verificationError('mismatch', 2)).toMatchObject({ code: 'VERIFICATION_FAILED', status: 403, message: 'the verification code is wrong; 2 attempts left' });
    expect(verificationError('mismatch', 0)!.message).toMatch(/last attempt; ask for a new code/);
    expect(verificationError('locked')).toMatchObject({ code: 'VERIFICATION_FAILED', message: expect.stringMatching(/too many/) });
    expect(verificationError('expired')).toMatchObject({ code: 'VERIFICATION_EXPIRED', status: 410 });
  });
});
