/**
 * openredaction (sam247/openredaction): hundreds of regex patterns with validators (Luhn, IBAN,
 * NHS, NINO, SIN, CPF …) and context scoring. It has a detection API that returns typed findings
 * with positions, used here directly. Default options (its optional compromise.js NER is off by
 * default and not installed). Two packages are published: `openredaction` (re-exports
 * @openredaction/core) and `@openredaction/openredaction`; both are measured.
 */
import type { Span } from '../types.js';
import { installedVersion, type Detector } from './types.js';

const MAP: Record<string, string> = {
  EMAIL: 'EMAIL_ADDRESS',
  PHONE_US: 'PHONE_NUMBER',
  PHONE_UK: 'PHONE_NUMBER',
  PHONE_UK_MOBILE: 'PHONE_NUMBER',
  PHONE_INTERNATIONAL: 'PHONE_NUMBER',
  PHONE_LINE_NUMBER: 'PHONE_NUMBER',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN: 'IBAN_CODE',
  UK_BANK_ACCOUNT_IBAN: 'IBAN_CODE',
  SSN: 'US_SSN',
  ITIN: 'US_ITIN',
  NHS_NUMBER: 'UK_NHS',
  NATIONAL_INSURANCE_UK: 'UK_NINO',
  SINGAPORE_NRIC: 'SG_NRIC_FIN',
  BRAZILIAN_CPF: 'BR_CPF',
  BRAZILIAN_CNPJ: 'BR_CNPJ',
  CANADIAN_SIN: 'CA_SIN',
  SIN_CA: 'CA_SIN',
  INDIAN_AADHAAR: 'IN_AADHAAR',
  IPV4: 'IP_ADDRESS',
  IPV6: 'IP_ADDRESS',
  MAC_ADDRESS: 'MAC_ADDRESS',
  BITCOIN_ADDRESS: 'CRYPTO',
  ETHEREUM_ADDRESS: 'CRYPTO',
  DATE_OF_BIRTH: 'DATE_OF_BIRTH',
  NAME: 'PERSON',
  ADDRESS_STREET: 'STREET_ADDRESS',
  ADDRESS_PO_BOX: 'STREET_ADDRESS',
  ROUTING_NUMBER_US: 'ABA_ROUTING',
  JAPANESE_MY_NUMBER: 'JP_MY_NUMBER',
  GERMAN_TAX_ID: 'DE_TAX_ID',
};

interface Detection {
  type: string;
  value: string;
  position: [number, number];
}
interface Result {
  detections: Detection[];
}

export async function create(pkg: 'openredaction' | '@openredaction/openredaction'): Promise<Detector<Result>> {
  const mod = (await import(pkg)) as unknown as { OpenRedaction: new (o?: object) => { detect(t: string): Promise<Result> | Result } };
  const r = new mod.OpenRedaction();
  // Every mapped type ships in both packages except ITIN (only in openredaction's core).
  const supports = [...new Set(Object.values(MAP))] as Detector['supports'][number][];
  return {
    name: pkg,
    version: installedVersion(pkg),
    supports: pkg === 'openredaction' ? supports : supports.filter((t) => t !== 'US_ITIN'),
    notes: 'OpenRedaction defaults; typed findings with positions from detect()',
    run: (text) => r.detect(text),
    spans(text, result) {
      const out: Span[] = [];
      for (const d of result.detections) {
        const type = MAP[d.type];
        if (!type) continue;
        let [start, end] = d.position;
        if (text.slice(start, end) !== d.value) {
          // Positions that do not point at the value: fall back to the value's first occurrence.
          const i = text.indexOf(d.value);
          if (i < 0) continue;
          [start, end] = [i, i + d.value.length];
        }
        out.push({ start, end, type });
      }
      return out;
    },
  };
}
