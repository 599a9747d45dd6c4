/**
 * Erasure policy: per fideslang category (longest prefix wins, as in the sensitivity grading) one
 * of delete_row | null | mask | pseudonymise | retain, and the type-aware values that null, mask
 * and pseudonymise write.
 *
 * Pseudonyms are HMAC-SHA256(key, value) written with the letters a–p instead of hex digits, so a
 * pseudonym never contains a digit (it cannot equal a phone number or a numeric id) and never
 * contains the original: a pseudonymised row does not match the identity again, and the same
 * value always gets the same pseudonym (joins across tables and systems survive).
 */
import { createHmac } from 'node:crypto';
import type { ColumnKind } from '../../discovery/connectors/connector.js';
import type { ErasureAction, ErasurePolicy, FieldAction, PlanColumn, PolicyRule } from './types.js';

export const DEFAULT_PSEUDONYM_LENGTH = 24;
const MIN_PSEUDONYM_LENGTH = 8;
const EMAIL_SUFFIX = '@invalid.example';
const PSEUDONYM = /^p-[a-p]+(@invalid\.example)?$/;

function asRule(rule: PolicyRule | ErasureAction): PolicyRule {
  return typeof rule === 'string' ? { action: rule } : rule;
}

/** The rule for a category: the longest matching prefix, else the policy's default (delete_row). */
export function ruleFor(policy: ErasurePolicy, category: string | undefined): PolicyRule & { matched: string | null } {
  let best: string | null = null;
  if (category) {
    for (const prefix of Object.keys(policy.rules)) {
      if ((category === prefix || category.startsWith(`${prefix}.`)) && (!best || prefix.length > best.length)) best = prefix;
    }
  }
  const rule = best ? asRule(policy.rules[best]!) : asRule(policy.default ?? 'delete_row');
  if (rule.action === 'retain' && !rule.reason) throw new Error(`retain rule for ${best ?? 'the default'} needs a reason`);
  return { ...rule, matched: best };
}

/** Policies are checked once, up front: every retain rule carries its reason. */
export function checkPolicy(policy: ErasurePolicy): void {
  for (const [prefix, rule] of Object.entries(policy.rules)) {
    const r = asRule(rule);
    if (r.action === 'retain' && !r.reason) throw new Error(`retain rule for ${prefix} needs a reason`);
  }
  ruleFor(policy, undefined);
}

/** Longest pseudonym body that fits the column, or null when not even the minimum fits. */
function pseudonymLength(column: Pick<PlanColumn, 'maxLength'>, email: boolean): number | null {
  const room = column.maxLength == null ? DEFAULT_PSEUDONYM_LENGTH : column.maxLength - 2 - (email ? EMAIL_SUFFIX.length : 0);
  const length = Math.min(DEFAULT_PSEUDONYM_LENGTH, room);
  return length >= MIN_PSEUDONYM_LENGTH ? length : null;
}

export function isPseudonym(value: string): boolean {
  return PSEUDONYM.test(value);
}

/**
 * The pseudonym of a value: `p-<hmac>` (letters a–p), or `p-<hmac>@invalid.example` for e-mail
 * columns; e-mail values are normalised first so `A@X.com ` and `a@x.com` share a pseudonym.
 */
export function pseudonymise(value: string, key: string, column: Pick<PlanColumn, 'maxLength' | 'identity'>): string {
  const email = column.identity === 'email';
  const length = pseudonymLength(column, email) ?? MIN_PSEUDONYM_LENGTH;
  const input = email ? value.trim().toLowerCase() : value;
  const hex = createHmac('sha256', Buffer.from(key, 'hex')).update(input, 'utf8').digest('hex');
  const body = [...hex.slice(0, length)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  return email ? `p-${body}${EMAIL_SUFFIX}` : `p-${body}`;
}

/** What a mask writes, by column kind; `undefined` when the kind cannot be masked. */
export function maskValue(column: Pick<PlanColumn, 'kind' | 'nullable' | 'maxLength'>): string | number | boolean | null | undefined {
  const nullable = column.nullable === true;
  const kinds: Record<ColumnKind, () => string | number | boolean | null | undefined> = {
    text: () => '*'.repeat(Math.max(1, Math.min(8, column.maxLength ?? 8))),
    number: () => (nullable ? null : 0),
    temporal: () => (nullable ? null : '1970-01-01'),
    boolean: () => (nullable ? null : false),
    json: () => (nullable ? null : '{}'),
    binary: () => (nullable ? null : undefined),
    other: () => (nullable ? null : undefined),
  };
  return kinds[column.kind]();
}

/**
 * From what the policy asks for a field to what can be done to it: NOT NULL (or unknown
 * nullability) cannot be nulled → mask; only text that fits a pseudonym is pseudonymised, the rest
 * masked; a column that can be neither is kept and the reason given. `delete_row` on a row that
 * must stay means pseudonymise.
 */
export function fieldAction(column: PlanColumn, requested: ErasureAction): { action: FieldAction; reason?: string } {
  if (requested === 'retain') return { action: 'retain' };
  const masked = (why: string): { action: FieldAction; reason?: string } =>
    maskValue(column) === undefined ? { action: 'retain', reason: `${why}; a NOT NULL ${column.kind} column cannot be masked either: kept` } : { action: 'mask', reason: why };
  if (requested === 'null') {
    if (column.nullable === true) return { action: 'null' };
    return masked(column.nullable === false ? 'NOT NULL column cannot be nulled: masked' : 'nullability unknown: masked instead of nulled');
  }
  if (requested === 'mask') return masked('masked');
  // pseudonymise, or delete_row on a row that stays
  if (column.kind === 'json') return column.nullable === true ? { action: 'null', reason: 'JSON cannot be pseudonymised: nulled' } : masked('JSON cannot be pseudonymised');
  if (column.kind !== 'text') return column.nullable === true ? { action: 'null', reason: `${column.kind} cannot be pseudonymised: nulled` } : masked(`${column.kind} cannot be pseudonymised`);
  if (pseudonymLength(column, column.identity === 'email') === null) return masked(`column too short (${column.maxLength}) for a pseudonym`);
  return { action: 'pseudonymise', ...(requested === 'delete_row' ? { reason: 'row kept: pseudonymised instead of deleted' } : {}) };
}
