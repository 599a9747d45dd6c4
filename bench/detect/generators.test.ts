/**
 * The corpus's ground truth is only as good as its generators: every generated identifier must
 * pass an independent check (stdnum, libphonenumber-js, or a separate implementation written
 * from the specification below, plus published examples), and every near miss must fail it.
 */
import { createHash } from 'node:crypto';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { stdnum } from 'stdnum';
import { describe, expect, it } from 'vitest';
import * as g from './generators.js';
import { Rng } from './rng.js';

const N = 300;

/** A stdnum validator by country and name, as a boolean check. */
function std(country: string, name: string): (value: string) => boolean {
  const table = stdnum as unknown as Record<string, Record<string, { validate(v: string): { isValid: boolean } }> | undefined>;
  const v = table[country]?.[name];
  if (!v) throw new Error(`stdnum has no ${country}.${name}`);
  return (value) => v.validate(value).isValid;
}

function each(seed: number, fn: (rng: Rng) => void): void {
  const rng = new Rng(seed);
  for (let i = 0; i < N; i++) fn(rng);
}

// Independent checks written separately from the generators (different formulation).
function luhnValid(s: string): boolean {
  const digits = s.replace(/\D/g, '');
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    dbl = !dbl;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function ibanValid(s: string): boolean {
  const c = s.replace(/\s/g, '');
  const lengths: Record<string, number> = { DE: 22, GB: 22, NL: 18, AT: 20, CH: 21, BR: 29 };
  if (lengths[c.slice(0, 2)] !== c.length) return false;
  const moved = c.slice(4) + c.slice(0, 4);
  const num = moved.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  return BigInt(num) % 97n === 1n;
}

function nhsValid(s: string): boolean {
  const d = s.replace(/\D/g, '');
  if (d.length !== 10) return false;
  const weights = [10, 9, 8, 7, 6, 5, 4, 3, 2];
  const total = weights.reduce((acc, w, i) => acc + w * Number(d[i]), 0);
  const rem = total % 11;
  const check = rem === 0 ? 0 : 11 - rem;
  return check !== 10 && check === Number(d[9]);
}

function nricValid(s: string): boolean {
  const m = /^([STFG])(\d{7})([A-Z])$/.exec(s);
  if (!m) return false;
  const [, p, digits, letter] = m as unknown as [string, string, string, string];
  let total = [...digits].reduce((acc, ch, i) => acc + Number(ch) * [2, 7, 6, 5, 4, 3, 2][i]!, 0);
  if (p === 'T' || p === 'G') total += 4;
  const table = p === 'S' || p === 'T' ? 'ABCDEFGHIZJ' : 'KLMNPQRTUWX';
  // Published tables indexed by 10 - (total % 11).
  return table[10 - (total % 11)] === letter;
}

function abaValid(s: string): boolean {
  if (!/^\d{9}$/.test(s)) return false;
  const d = [...s].map(Number);
  return (3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!)) % 10 === 0;
}

function myNumberValid(s: string): boolean {
  const d = s.replace(/\D/g, '');
  if (d.length !== 12) return false;
  // Weights for digits 1..11 (left to right): 6 5 4 3 2 7 6 5 4 3 2.
  const w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const total = w.reduce((acc, x, i) => acc + x * Number(d[i]), 0);
  const rem = total % 11;
  return (rem <= 1 ? 0 : 11 - rem) === Number(d[11]);
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58checkValid(s: string): boolean {
  let n = 0n;
  for (const ch of s) {
    const v = B58.indexOf(ch);
    if (v < 0) return false;
    n = n * 58n + BigInt(v);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const lead = s.match(/^1*/)![0].length;
  const bytes = Buffer.concat([Buffer.alloc(lead), Buffer.from(hex, 'hex')]);
  const data = bytes.subarray(0, bytes.length - 4);
  const check = bytes.subarray(bytes.length - 4);
  const h = createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
  return bytes.length === 25 && h.subarray(0, 4).equals(check);
}

function bech32Valid(s: string): boolean {
  const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
  const pos = s.lastIndexOf('1');
  const hrp = s.slice(0, pos);
  const data = [...s.slice(pos + 1)].map((c) => CHARSET.indexOf(c));
  if (data.some((v) => v < 0)) return false;
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  const values = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31), ...data];
  for (const v of values) {
    const b = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((b >> i) & 1) chk ^= GEN[i]!;
  }
  return chk === 1;
}

function ssnRulesValid(s: string): boolean {
  const m = /^(\d{3})(\d{2})(\d{4})$/.exec(s);
  if (!m) return false;
  const area = Number(m[1]);
  return area !== 0 && area !== 666 && area < 900 && m[2] !== '00' && m[3] !== '0000';
}

describe('check-digit generators', () => {
  it('credit cards pass Luhn; near misses fail', () => {
    each(1, (rng) => {
      expect(luhnValid(g.creditCard(rng).text)).toBe(true);
      expect(luhnValid(g.creditCard(rng, false).text)).toBe(false);
    });
    expect(g.luhnCheckDigit('411111111111111')).toBe(1);
  });

  it('IBANs pass mod-97 with the country length; near misses fail', () => {
    each(2, (rng) => {
      expect(ibanValid(g.iban(rng).text)).toBe(true);
      expect(ibanValid(g.iban(rng, false).text)).toBe(false);
    });
    // The IBAN registry's German example.
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
  });

  it('US SSNs follow the area/group/serial rules (stdnum); invalid ones do not', () => {
    each(3, (rng) => {
      expect(std('US', 'ssn')(g.usSsn(rng).compact)).toBe(true);
      expect(ssnRulesValid(g.usSsn(rng).compact)).toBe(true);
      expect(ssnRulesValid(g.usSsn(rng, false).compact)).toBe(false);
    });
  });

  it('ITINs start with 9 and use an ITIN group', () => {
    each(4, (rng) => {
      const c = g.usItin(rng).compact;
      expect(c).toMatch(/^9\d{8}$/);
      const grp = Number(c.slice(3, 5));
      expect((grp >= 50 && grp <= 65) || (grp >= 70 && grp <= 88) || (grp >= 90 && grp <= 99 && grp !== 93)).toBe(true);
    });
  });

  it('ABA routing numbers pass 3-7-1; near misses fail', () => {
    each(5, (rng) => {
      expect(abaValid(g.abaRouting(rng).text)).toBe(true);
      expect(abaValid(g.abaRouting(rng, false).text)).toBe(false);
    });
    expect(abaValid('021000021')).toBe(true); // JPMorgan Chase, published
  });

  it('UK NHS numbers pass mod 11; near misses fail', () => {
    each(6, (rng) => {
      expect(nhsValid(g.ukNhs(rng).text)).toBe(true);
      expect(nhsValid(g.ukNhs(rng, false).text)).toBe(false);
    });
    expect(nhsValid('943 476 5919')).toBe(true); // NHS Digital's example
  });

  it('UK NINOs are valid (stdnum)', () => {
    each(7, (rng) => expect(std('GB', 'nino')(g.ukNino(rng).compact)).toBe(true));
  });

  it('Chinese resident IDs pass GB 11643 with a real region and date (stdnum); near misses fail', () => {
    each(8, (rng) => {
      expect(std('CN', 'ric')(g.cnResidentId(rng).text)).toBe(true);
      expect(std('CN', 'ric')(g.cnResidentId(rng, false).text)).toBe(false);
    });
  });

  it('Hong Kong IDs pass (stdnum); near misses fail', () => {
    each(9, (rng) => {
      expect(std('HK', 'hkid')(g.hkId(rng).text)).toBe(true);
      expect(std('HK', 'hkid')(g.hkId(rng, false).text)).toBe(false);
    });
  });

  it('Taiwan IDs pass (stdnum); near misses fail', () => {
    each(10, (rng) => {
      expect(std('TW', 'natid')(g.twId(rng).text)).toBe(true);
      expect(std('TW', 'natid')(g.twId(rng, false).text)).toBe(false);
    });
  });

  it('Singapore NRIC/FIN pass the check letter; near misses fail', () => {
    each(11, (rng) => {
      expect(nricValid(g.sgNricFin(rng).text)).toBe(true);
      expect(nricValid(g.sgNricFin(rng, false).text)).toBe(false);
    });
    expect(nricValid('S1234567D')).toBe(true);
  });

  it('CPF and CNPJ pass their check digits (stdnum); near misses fail', () => {
    each(12, (rng) => {
      expect(std('BR', 'cpf')(g.brCpf(rng).text)).toBe(true);
      expect(std('BR', 'cpf')(g.brCpf(rng, false).text)).toBe(false);
      expect(std('BR', 'cnpj')(g.brCnpj(rng).text)).toBe(true);
      expect(std('BR', 'cnpj')(g.brCnpj(rng, false).text)).toBe(false);
    });
  });

  it('Canadian SINs pass (stdnum); near misses fail', () => {
    each(13, (rng) => {
      expect(std('CA', 'sin')(g.caSin(rng).text)).toBe(true);
      expect(std('CA', 'sin')(g.caSin(rng, false).text)).toBe(false);
    });
  });

  it('Aadhaar passes Verhoeff and PAN has the right shape (stdnum); near misses fail', () => {
    each(14, (rng) => {
      expect(std('IN', 'aadhaar')(g.inAadhaar(rng).text)).toBe(true);
      expect(std('IN', 'aadhaar')(g.inAadhaar(rng, false).text)).toBe(false);
      expect(std('IN', 'pan')(g.inPan(rng).text)).toBe(true);
    });
  });

  it('Japanese My Numbers pass the check digit; near misses fail', () => {
    each(15, (rng) => {
      expect(myNumberValid(g.jpMyNumber(rng).text)).toBe(true);
      expect(myNumberValid(g.jpMyNumber(rng, false).text)).toBe(false);
    });
  });

  it('German tax IDs are valid (stdnum); near misses fail', () => {
    each(16, (rng) => {
      expect(std('DE', 'idnr')(g.deTaxId(rng).text)).toBe(true);
      expect(std('DE', 'idnr')(g.deTaxId(rng, false).text)).toBe(false);
    });
  });

  it('crypto addresses carry valid checksums', () => {
    each(17, (rng) => {
      const a = g.cryptoAddress(rng);
      if (a.kind === 'btc-bech32') expect(bech32Valid(a.text)).toBe(true);
      else if (a.kind === 'eth') expect(a.text).toMatch(/^0x[0-9a-fA-F]{40}$/);
      else expect(base58checkValid(a.text)).toBe(true);
    });
    // EIP-55's published examples.
    expect(g.eip55('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
    expect(g.eip55('fb6916095ca1df60bb79ce92ce3ea74c37c5d359')).toBe('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359');
    // BIP-173's example P2WPKH address.
    expect(bech32Valid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBe(true);
  });

  it('phone numbers are valid for their region (libphonenumber-js)', () => {
    const regions: Record<string, string> = {
      en_US: 'US', en_CA: 'CA', en_GB: 'GB', de: 'DE', pt_BR: 'BR', zh_CN: 'CN', en_SG: 'SG', en_HK: 'HK', en_IN: 'IN', ja: 'JP', zh_TW: 'TW',
    };
    for (const [locale, region] of Object.entries(regions)) {
      each(18, (rng) => {
        const p = g.phone(rng, locale);
        expect({ p, ok: isValidPhoneNumber(p, region as 'US') }).toEqual({ p, ok: true });
      });
    }
  });

  it('hard negatives that imitate identifiers fail the independent checks', () => {
    each(19, (rng) => {
      const l = g.lookalike(rng);
      const compact = l.text.replace(/[\s.\-/()]/g, '');
      const valid: Record<string, () => boolean> = {
        invalid_card: () => luhnValid(compact),
        invalid_iban: () => ibanValid(compact),
        invalid_nhs: () => nhsValid(compact),
        invalid_cn_id: () => std('CN', 'ric')(compact),
        invalid_sg_nric: () => nricValid(compact),
        invalid_cpf: () => std('BR', 'cpf')(compact),
        invalid_cnpj: () => std('BR', 'cnpj')(compact),
        invalid_sin: () => std('CA', 'sin')(compact),
        invalid_aadhaar: () => std('IN', 'aadhaar')(compact),
        invalid_aba: () => abaValid(compact),
        invalid_de_tax: () => std('DE', 'idnr')(compact),
        invalid_hk_id: () => std('HK', 'hkid')(compact),
        invalid_tw_id: () => std('TW', 'natid')(compact),
        invalid_jp_my_number: () => myNumberValid(compact),
        // stdnum does not reject serial 0000, so apply the SSA's rules directly.
        invalid_ssn: () => ssnRulesValid(compact),
      };
      expect({ l, valid: valid[l.kind]!() }).toEqual({ l, valid: false });
    });
  });

  it('ISBN-13s carry a valid ISBN check digit (they are negatives, not cards)', () => {
    each(20, (rng) => {
      const d = g.isbn13(rng).replace(/-/g, '');
      const sum = [...d].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0);
      expect(sum % 10).toBe(0);
    });
  });

  it('the generator is deterministic by seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 20 }, () => g.creditCard(a).text)).toEqual(Array.from({ length: 20 }, () => g.creditCard(b).text));
  });
});
