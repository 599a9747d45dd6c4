/**
 * redact-pii (solvvy/redact-pii): a chain of regexes plus a well-known-names list; returns the
 * redacted text with tokens like PHONE_NUMBER. Spans are recovered by aligning the output with
 * the input. Default configuration (SyncRedactor with every built-in redactor on).
 */
import { recoverSpans, typed } from './recover.js';
import { installedVersion, type Detector } from './types.js';

const MAP: Record<string, string> = {
  PERSON_NAME: 'PERSON',
  CREDIT_CARD_NUMBER: 'CREDIT_CARD',
  STREET_ADDRESS: 'STREET_ADDRESS',
  PHONE_NUMBER: 'PHONE_NUMBER',
  IP_ADDRESS: 'IP_ADDRESS',
  US_SOCIAL_SECURITY_NUMBER: 'US_SSN',
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  URL: 'URL',
  // ZIPCODE, USERNAME, PASSWORD, CREDENTIALS, DIGITS: no benchmark type.
};
const TOKENS = /US_SOCIAL_SECURITY_NUMBER|CREDIT_CARD_NUMBER|STREET_ADDRESS|EMAIL_ADDRESS|PHONE_NUMBER|PERSON_NAME|IP_ADDRESS|CREDENTIALS|USERNAME|PASSWORD|ZIPCODE|DIGITS|URL/g;

export async function create(): Promise<Detector<string>> {
  const mod = (await import('redact-pii')) as unknown as { SyncRedactor: new () => { redact(t: string): string }; default?: { SyncRedactor: new () => { redact(t: string): string } } };
  const SyncRedactor = mod.SyncRedactor ?? mod.default!.SyncRedactor;
  const r = new SyncRedactor();
  return {
    name: 'redact-pii',
    version: installedVersion('redact-pii'),
    supports: ['PERSON', 'CREDIT_CARD', 'STREET_ADDRESS', 'PHONE_NUMBER', 'IP_ADDRESS', 'US_SSN', 'EMAIL_ADDRESS', 'URL'],
    notes: 'SyncRedactor defaults; spans recovered from the redacted text',
    run: (text) => r.redact(text),
    spans(text, out) {
      const s = recoverSpans(text, out, TOKENS, (m) => m[0]);
      return s && typed(s, MAP);
    },
  };
}
