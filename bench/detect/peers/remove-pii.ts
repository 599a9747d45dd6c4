/**
 * @coffeeandfun/remove-pii: regexes plus an address matcher. Its `detectPII` runs every pattern
 * on the original text and reports overlapping findings of several types for the same text (a
 * phone and a bank account for one number), which is not what it redacts; so the benchmark scores
 * what `removePII` (defaults: URL removal off) actually removes, recovering spans from its output.
 */
import { recoverSpans, typed } from './recover.js';
import { installedVersion, type Detector } from './types.js';

const MAP: Record<string, string> = {
  email: 'EMAIL_ADDRESS',
  phone: 'PHONE_NUMBER',
  SSN: 'US_SSN',
  'credit card': 'CREDIT_CARD',
  'IP address': 'IP_ADDRESS',
  address: 'STREET_ADDRESS',
  date: 'DATE_OF_BIRTH',
  // passport number, driver's license, zip code, bank account: no benchmark type.
};
const TOKENS = /\[(email|phone|SSN|credit card|IP address|address|passport number|driver's license|zip code|bank account|URL|date) removed\]/g;

export async function create(): Promise<Detector<string>> {
  const { removePII } = await import('@coffeeandfun/remove-pii');
  return {
    name: '@coffeeandfun/remove-pii',
    version: installedVersion('@coffeeandfun/remove-pii'),
    supports: ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'US_SSN', 'CREDIT_CARD', 'IP_ADDRESS', 'STREET_ADDRESS', 'DATE_OF_BIRTH'],
    notes: 'removePII defaults; spans recovered from the redacted text',
    run: (text) => removePII(text),
    spans(text, out) {
      const s = recoverSpans(text, out, TOKENS, (m) => m[1]!);
      return s && typed(s, MAP);
    },
  };
}
