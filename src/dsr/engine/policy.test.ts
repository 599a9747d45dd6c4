import { describe, expect, it } from 'vitest';
import { normaliseIdentities, normaliseIdentity } from './identities.js';
import { fieldAction, isPseudonym, maskValue, pseudonymise, ruleFor } from './policy.js';
import type { PlanColumn } from './types.js';

const KEY = '0f'.repeat(32);
const col = (over: Partial<PlanColumn>): PlanColumn => ({ name: 'c', kind: 'text', nullable: true, maxLength: null, ...over });

describe('identity normalisation', () => {
  it('compares e-mail case- and whitespace-insensitively', () => {
    expect(normaliseIdentity({ kind: 'email', value: '  Alice@Example.COM ' }).value).toBe('alice@example.com');
    expect(() => normaliseIdentity({ kind: 'email', value: 'not-an-email' })).toThrow();
  });
  it('brings phone numbers to E.164 with the written forms their digits may take', () => {
    const n = normaliseIdentity({ kind: 'phone_number', value: '0151 12345678' }, { defaultRegion: 'DE' });
    expect(n.value).toBe('+4915112345678');
    expect(n.digits).toEqual(expect.arrayContaining(['15112345678', '4915112345678', '015112345678', '004915112345678']));
    // The guard is equality: a longer number merely ending in the national number is not listed.
    expect(n.digits).not.toContain('115112345678');
    expect(() => normaliseIdentity({ kind: 'phone_number', value: '12' }, { defaultRegion: 'DE' })).toThrow();
  });
  it('strips spaces and dashes from national ids, keeps account ids exact, drops duplicates', () => {
    expect(normaliseIdentity({ kind: 'national_id', value: '12 345-678 x' }).value).toBe('12345678X');
    expect(normaliseIdentities([{ kind: 'account_id', value: 'Ab-1' }, { kind: 'account_id', value: ' Ab-1' }])).toEqual([{ kind: 'account_id', value: 'Ab-1' }]);
  });
});

describe('erasure policy', () => {
  const policy = { rules: { user: 'delete_row' as const, 'user.financial': { action: 'retain' as const, reason: 'tax' }, 'user.contact.email': 'pseudonymise' as const } };
  it('takes the longest matching category prefix', () => {
    expect(ruleFor(policy, 'user.financial.bank_account')).toMatchObject({ action: 'retain', reason: 'tax', matched: 'user.financial' });
    expect(ruleFor(policy, 'user.contact.email')).toMatchObject({ action: 'pseudonymise' });
    expect(ruleFor(policy, 'user.name')).toMatchObject({ action: 'delete_row', matched: 'user' });
    expect(ruleFor(policy, 'system.operations')).toMatchObject({ action: 'delete_row', matched: null });
    expect(() => ruleFor({ rules: { user: 'retain' } }, 'user.name')).toThrow(/reason/);
  });
  it('pseudonymises with a keyed HMAC, shaped like an e-mail, without digits, within the column', () => {
    const a = pseudonymise(' Alice@X.com', KEY, { identity: 'email', maxLength: null });
    expect(a).toBe(pseudonymise('alice@x.com', KEY, { identity: 'email', maxLength: null }));
    expect(a).toMatch(/^p-[a-p]{24}@invalid\.example$/);
    expect(pseudonymise('Alice', '1f'.repeat(32), { maxLength: null })).not.toBe(pseudonymise('Alice', KEY, { maxLength: null }));
    expect(pseudonymise('Alice', KEY, { maxLength: 12 })).toHaveLength(12);
    expect(isPseudonym(a)).toBe(true);
    expect(isPseudonym('p-123')).toBe(false);
  });
  it('falls back where the column cannot take the action', () => {
    expect(fieldAction(col({ nullable: false }), 'null')).toMatchObject({ action: 'mask' });
    expect(fieldAction(col({ nullable: null }), 'null')).toMatchObject({ action: 'mask' });
    expect(fieldAction(col({ kind: 'number', nullable: true }), 'pseudonymise')).toMatchObject({ action: 'null' });
    expect(fieldAction(col({ kind: 'number', nullable: false }), 'pseudonymise')).toMatchObject({ action: 'mask' });
    expect(fieldAction(col({ kind: 'binary', nullable: false }), 'mask')).toMatchObject({ action: 'retain' });
    expect(fieldAction(col({ maxLength: 6 }), 'pseudonymise')).toMatchObject({ action: 'mask' });
    expect(fieldAction(col({ identity: 'email', maxLength: 20 }), 'delete_row')).toMatchObject({ action: 'mask' });
    expect(fieldAction(col({}), 'delete_row')).toMatchObject({ action: 'pseudonymise' });
    expect(maskValue(col({ maxLength: 3 }))).toBe('***');
    expect(maskValue(col({ kind: 'number', nullable: false }))).toBe(0);
    expect(maskValue(col({ kind: 'temporal', nullable: true }))).toBeNull();
  });
});
