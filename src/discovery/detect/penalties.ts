/**
 * Words before a value that speak against it: the label of another kind of number ("order",
 * "invoice", "tracking") or of another identifier ("NHS number" before a phone-shaped number).
 * Shared by the scoring in engine.ts and by numeric.ts, which skips validating a phone number
 * that these words would push below the threshold anyway.
 */
import { CLASS, LOWER, UPPER, asciiText, isCjkCode } from './candidate.js';
import type { ScanState } from './candidate.js';
import { contextUnion, hasAnyContext } from './context.js';

/** Checked types that the context of a different number type speaks against (order, invoice, …). */
const NEGATIVE_BEFORE = /(?:(?<![A-Za-z])(?:order|invoice|inv|sku|isbn|tracking|reference|ref|version|ver|release|build|serial|part|item|product|ticket|case|claim|account|acct|customer id|customer no|member id|user id|id|transaction|txn|booking|confirmation|receipt|policy|shipment|parcel|fedex|ups|usps|dhl|awb|waybill|consignment|bestellnummer|bestellung|rechnung|artikel|kundennummer|pedido|nota fiscal|protocolo)|订单|单号|编号|发票)[\s#:.№-]{0,4}(?:(?:no|nr|number|num|id)[\s#:.-]{0,3})?$/i;
/** The longest negative label with its separators ("nota fiscal", "bestellnummer", " nr. ") fits in 32 characters. */
export function negativeBefore(text: string, start: number): boolean {
  const p = text.charCodeAt(start - 1);
  // The label ends right before the value, or after one of the separators the pattern allows.
  if (!(p <= 32 || p === 160 || p === 0x3000 || p === 35 || p === 58 || p === 46 || p === 45 || p === 0x2116 || p === 9 || isCjkCode(p) || (p < 128 && (CLASS[p]! & (UPPER | LOWER)) !== 0))) return false;
  return NEGATIVE_BEFORE.test(text.slice(Math.max(0, start - 32), start));
}

/** Identifier types whose context words, right before a number, speak against a phone reading. */
const OTHER_IDS = contextUnion(['US_SSN', 'US_ITIN', 'UK_NHS', 'UK_NINO', 'CA_SIN', 'IN_AADHAAR', 'JP_MY_NUMBER', 'BR_CPF', 'BR_CNPJ', 'DE_TAX_ID', 'CREDIT_CARD', 'IBAN_CODE', 'US_BANK_NUMBER', 'ABA_ROUTING_NUMBER', 'PASSPORT', 'US_DRIVER_LICENSE', 'CN_RESIDENT_ID', 'CN_BANK_CARD']);
export function otherIdBefore(state: ScanState, start: number): boolean {
  // Only the words since the previous value: in "card 4111 …, 415-555-2671" the label is the card's.
  const { text } = state;
  let from = Math.max(0, start - 28);
  for (let k = start - 1; k >= from; k--) {
    const ch = text.charCodeAt(k);
    if ((ch >= 48 && ch <= 57) || ch === 64) {
      from = k + 1;
      break;
    }
  }
  return hasAnyContext(OTHER_IDS, text.slice(from, start), asciiText(state));
}
