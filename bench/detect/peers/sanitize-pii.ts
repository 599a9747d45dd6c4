/**
 * @cdssnc/sanitize-pii (Government of Canada): 23 sequential regex replacements, template
 * `[Redacted: {name}]`. Spans recovered from the redacted text.
 */
import { recoverSpans, typed } from './recover.js';
import { installedVersion, type Detector } from './types.js';

const MAP: Record<string, string> = {
  address_en: 'STREET_ADDRESS',
  address_fr: 'STREET_ADDRESS',
  po_box: 'STREET_ADDRESS',
  credit_card: 'CREDIT_CARD',
  ip_address: 'IP_ADDRESS',
  phone_number: 'PHONE_NUMBER',
  phone_number_international: 'PHONE_NUMBER',
  sin: 'CA_SIN',
  // Canadian driver's licences, health cards, passports, bank accounts, postal codes, PRI,
  // GC Notify keys: no benchmark type.
};
const TOKENS = /\[Redacted: (\w+)\]/g;

export async function create(): Promise<Detector<string>> {
  const { sanitizePii } = await import('@cdssnc/sanitize-pii');
  return {
    name: '@cdssnc/sanitize-pii',
    version: installedVersion('@cdssnc/sanitize-pii'),
    supports: ['STREET_ADDRESS', 'CREDIT_CARD', 'IP_ADDRESS', 'PHONE_NUMBER', 'CA_SIN'],
    notes: 'sanitizePii defaults; spans recovered from the redacted text',
    run: (text) => sanitizePii(text),
    spans(text, out) {
      const s = recoverSpans(text, out, TOKENS, (m) => m[1]!);
      return s && typed(s, MAP);
    },
  };
}
