/**
 * @redactpii/node (wrannaman/redactpii-node): a fork of redact-pii with a smaller regex set; no
 * API key given, so nothing leaves the process. Spans recovered from the redacted text.
 */
import { recoverSpans, typed } from './recover.js';
import { installedVersion, type Detector } from './types.js';

const MAP: Record<string, string> = {
  CREDIT_CARD_NUMBER: 'CREDIT_CARD',
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  PERSON_NAME: 'PERSON',
  PHONE_NUMBER: 'PHONE_NUMBER',
  US_SOCIAL_SECURITY_NUMBER: 'US_SSN',
};
const TOKENS = /US_SOCIAL_SECURITY_NUMBER|CREDIT_CARD_NUMBER|EMAIL_ADDRESS|PHONE_NUMBER|PERSON_NAME|DIGITS/g;

export async function create(): Promise<Detector<string>> {
  const { Redactor } = await import('@redactpii/node');
  const r = new Redactor();
  return {
    name: '@redactpii/node',
    version: installedVersion('@redactpii/node'),
    supports: ['CREDIT_CARD', 'EMAIL_ADDRESS', 'PERSON', 'PHONE_NUMBER', 'US_SSN'],
    notes: 'Redactor defaults (no API key); spans recovered from the redacted text',
    run: (text) => r.redact(text),
    spans(text, out) {
      const s = recoverSpans(text, out, TOKENS, (m) => m[0]);
      return s && typed(s, MAP);
    },
  };
}
