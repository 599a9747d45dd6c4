/** Entity types the benchmark labels (Presidio's names where Presidio has one). */
export const ENTITY_TYPES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'US_ITIN',
  'UK_NHS',
  'UK_NINO',
  'CN_RESIDENT_ID',
  'SG_NRIC_FIN',
  'BR_CPF',
  'BR_CNPJ',
  'CA_SIN',
  'IN_AADHAAR',
  'IN_PAN',
  'IP_ADDRESS',
  'MAC_ADDRESS',
  'URL',
  'CRYPTO',
  'DATE_OF_BIRTH',
  'PERSON',
  'STREET_ADDRESS',
  'LOCATION',
  'ABA_ROUTING',
  'JP_MY_NUMBER',
  'DE_TAX_ID',
  'HK_ID',
  'TW_ID',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/** Entities whose values carry a check digit or checksum (reported as their own group). */
export const CHECKSUM_TYPES: readonly EntityType[] = [
  'CREDIT_CARD',
  'IBAN_CODE',
  'UK_NHS',
  'CN_RESIDENT_ID',
  'SG_NRIC_FIN',
  'BR_CPF',
  'BR_CNPJ',
  'CA_SIN',
  'IN_AADHAAR',
  'ABA_ROUTING',
  'JP_MY_NUMBER',
  'DE_TAX_ID',
  'HK_ID',
  'TW_ID',
  'CRYPTO',
];

export function isEntityType(s: string): s is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(s);
}

/** A labeled or predicted span: JavaScript string offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
  type: string;
}

/** A hard negative: text that must not be labeled (kept so false positives on them can be counted). */
export interface Negative {
  start: number;
  end: number;
  kind: string;
}

export type Kind = 'email' | 'chat' | 'form' | 'log' | 'csv' | 'json';

export interface CorpusRecord {
  id: string;
  text: string;
  spans: Span[];
  locale: string;
  kind: Kind;
  negatives: Negative[];
}
