/**
 * Identity normalisation: the value a request carries and the column it is compared with are
 * brought to the same form, in TypeScript for the value and in SQL for the column.
 *
 * - email: case- and whitespace-insensitive: `lower(trim(col)) = value`.
 * - phone_number: parsed to E.164 with libphonenumber-js (default region for numbers without a
 *   `+`). The column matches when its digits (`[^0-9]` removed) EQUAL one of the written forms of
 *   that number: the national number N, country code + N, trunk `0` + N, `00` + cc + N,
 *   `011` + cc + N. Equality rather than "ends with N" is the false-positive guard: a longer
 *   number that merely ends in N (another country's, or an extension) never matches, and numbers
 *   whose national part has fewer than 6 digits are refused.
 * - national_id: spaces, dashes and dots removed, upper-cased, on both sides.
 * - account_id, device_id and custom kinds: exact, compared as text.
 * - JSON columns: a string anywhere in the document equal to the normalised value (PostgreSQL:
 *   `jsonb_path_query(col, 'strict $.**')`; MariaDB: `JSON_SEARCH(LOWER(col), 'one', ?)`).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { NormalisedIdentity } from './types.js';

export interface IdentityInput {
  kind: string;
  value: string;
}

export class IdentityError extends Error {}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function normaliseNationalId(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}

/** The digit strings a stored phone number may reduce to and still be this number. */
export function phoneDigits(e164: string, nationalNumber: string, callingCode: string): string[] {
  const forms = [nationalNumber, `${callingCode}${nationalNumber}`, `0${nationalNumber}`, `00${callingCode}${nationalNumber}`, `011${callingCode}${nationalNumber}`, e164.replace(/\D/g, '')];
  return [...new Set(forms)].sort();
}

export function normaliseIdentity(identity: IdentityInput, options: { defaultRegion?: string } = {}): NormalisedIdentity {
  switch (identity.kind) {
    case 'email': {
      const value = normaliseEmail(identity.value);
      if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw new IdentityError('email identity is not an e-mail address');
      return { kind: 'email', value };
    }
    case 'phone_number': {
      const parsed = parsePhoneNumberFromString(identity.value, (options.defaultRegion ?? 'US') as CountryCode);
      if (!parsed || parsed.nationalNumber.length < 6) throw new IdentityError('phone_number identity cannot be read as a phone number');
      return { kind: 'phone_number', value: parsed.number, digits: phoneDigits(parsed.number, parsed.nationalNumber, parsed.countryCallingCode) };
    }
    case 'national_id': {
      const value = normaliseNationalId(identity.value);
      if (!value) throw new IdentityError('national_id identity is empty');
      return { kind: 'national_id', value };
    }
    default: {
      const value = identity.value.trim();
      if (!value) throw new IdentityError(`${identity.kind} identity is empty`);
      return { kind: identity.kind, value };
    }
  }
}

export function normaliseIdentities(identities: readonly IdentityInput[], options: { defaultRegion?: string } = {}): NormalisedIdentity[] {
  const seen = new Set<string>();
  const out: NormalisedIdentity[] = [];
  for (const identity of identities) {
    const n = normaliseIdentity(identity, options);
    const key = `${n.kind}\u0000${n.value}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(n);
    }
  }
  return out;
}
