import { describe, expect, it } from 'vitest';
import { cardBrand, isCreditCard, luhnValid } from './luhn.js';
import { isIban } from './iban.js';
import { isAbaRouting, isUsItin, isUsSsn } from './us.js';
import { isUkNhs, isUkNino } from './uk.js';
import { cnResidentIdCheck, isCnResidentId } from './cn.js';
import { isBrCnpj, isBrCpf } from './br.js';
import { isCaSin, isHkId, isInAadhaar, isInPan, isJpMyNumber, isSgNricFin, isTwId } from './asia.js';
import { euVatStatus, isDeTaxId } from './eu.js';
import { ethAddressStatus, isBase58CheckAddress, isBech32Address } from './crypto.js';
import { keccak256Hex } from './keccak.js';
import { isValidDate, monthNumber, monthNumberAt, parseDate } from './dates.js';
import { verhoeffValid } from './mod.js';

/** Changes one digit (the one at `i`) to the next digit: a classic near miss. */
function bump(s: string, i: number): string {
  const d = s.charCodeAt(i) - 48;
  return s.slice(0, i) + String((d + 1) % 10) + s.slice(i + 1);
}

describe('Luhn and payment cards', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '3530111333300000', '6212345678901232', '2223003122003222'])('accepts %s', (n) => {
    expect(isCreditCard(n)).toBe(true);
  });
  it('rejects one changed digit, wrong lengths, unknown ranges and repeated digits', () => {
    expect(isCreditCard(bump('4111111111111111', 5))).toBe(false);
    expect(isCreditCard('411111111111111')).toBe(false);
    expect(isCreditCard('1111111111111117')).toBe(false);
    expect(isCreditCard('0000000000000000')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
  it('knows brands', () => {
    expect(cardBrand('4111111111111111')).toBe('visa');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6212345678901232')).toBe('unionpay');
  });
});

describe('IBAN', () => {
  it('accepts valid IBANs of several countries', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'NL91ABNA0417164300', 'FR1420041010050500013M02606', 'BR1800360305000010009795493C1']) expect(isIban(iban)).toBe(true);
  });
  it('rejects a changed digit, a wrong length and an unknown country', () => {
    expect(isIban('DE89370400440532013001')).toBe(false);
    expect(isIban('DE8937040044053201300')).toBe(false);
    expect(isIban('XX89370400440532013000')).toBe(false);
  });
});

describe('US', () => {
  it('SSN area/group/serial rules', () => {
    expect(isUsSsn('536221234')).toBe(true);
    expect(isUsSsn('000221234')).toBe(false);
    expect(isUsSsn('666221234')).toBe(false);
    expect(isUsSsn('936221234')).toBe(false);
    expect(isUsSsn('536001234')).toBe(false);
    expect(isUsSsn('536220000')).toBe(false);
    expect(isUsSsn('078051120')).toBe(false);
    expect(isUsSsn('53622123')).toBe(false);
  });
  it('ITIN ranges', () => {
    expect(isUsItin('912701234')).toBe(true);
    expect(isUsItin('912401234')).toBe(false);
    expect(isUsItin('812701234')).toBe(false);
  });
  it('ABA routing checksum', () => {
    expect(isAbaRouting('011000015')).toBe(true);
    expect(isAbaRouting('021000021')).toBe(true);
    expect(isAbaRouting(bump('021000021', 3))).toBe(false);
    expect(isAbaRouting('991000021')).toBe(false);
  });
});

describe('UK', () => {
  it('NHS mod 11', () => {
    expect(isUkNhs('9434765919')).toBe(true);
    expect(isUkNhs(bump('9434765919', 2))).toBe(false);
    expect(isUkNhs('943476591')).toBe(false);
  });
  it('NINO prefixes and suffix', () => {
    expect(isUkNino('AB123456C')).toBe(true);
    expect(isUkNino('QQ123456C')).toBe(false);
    expect(isUkNino('GB123456C')).toBe(false);
    expect(isUkNino('AB123456E')).toBe(false);
  });
});

describe('China resident id (GB 11643)', () => {
  const valid = '11010519491231002X';
  it('accepts a valid id and computes its check character', () => {
    expect(isCnResidentId(valid)).toBe(true);
    expect(isCnResidentId(valid.toLowerCase())).toBe(true);
    expect(cnResidentIdCheck(valid.slice(0, 17))).toBe('X');
  });
  it('rejects a wrong check digit, a changed digit, a bad region, a bad date and a wrong length', () => {
    expect(isCnResidentId('110105194912310021')).toBe(false);
    expect(isCnResidentId(bump(valid, 16))).toBe(false);
    const badRegion = '99' + valid.slice(2, 17);
    expect(isCnResidentId(badRegion + cnResidentIdCheck(badRegion))).toBe(false);
    const badDate = '110105' + '19490231' + '002';
    expect(isCnResidentId(badDate + cnResidentIdCheck(badDate))).toBe(false);
    const future = '110105' + '29990101' + '002';
    expect(isCnResidentId(future + cnResidentIdCheck(future))).toBe(false);
    expect(isCnResidentId(valid.slice(0, 17))).toBe(false);
  });
});

describe('Brazil', () => {
  it('CPF', () => {
    expect(isBrCpf('52998224725')).toBe(true);
    expect(isBrCpf('52998224724')).toBe(false);
    expect(isBrCpf('11111111111')).toBe(false);
    expect(isBrCpf('5299822472')).toBe(false);
  });
  it('CNPJ', () => {
    expect(isBrCnpj('11222333000181')).toBe(true);
    expect(isBrCnpj('11222333000182')).toBe(false);
    expect(isBrCnpj('00000000000000')).toBe(false);
  });
});

describe('Asia and Canada', () => {
  it('Canada SIN (Luhn, no 0/8 prefix)', () => {
    expect(isCaSin('130692544')).toBe(true);
    expect(isCaSin(bump('130692544', 4))).toBe(false);
    expect(isCaSin('046454286')).toBe(false);
  });
  it('Singapore NRIC/FIN', () => {
    expect(isSgNricFin('S1234567D')).toBe(true);
    expect(isSgNricFin('F1234567N')).toBe(true);
    expect(isSgNricFin('S1234567A')).toBe(false);
    expect(isSgNricFin('S123456D')).toBe(false);
  });
  it('Hong Kong and Taiwan ids', () => {
    expect(isHkId('A123456(3)')).toBe(true);
    expect(isHkId('A1234563')).toBe(true);
    expect(isHkId('A123456(4)')).toBe(false);
    expect(isTwId('A123456789')).toBe(true);
    expect(isTwId('A123456788')).toBe(false);
    expect(isTwId('A323456789')).toBe(false);
  });
  it('Japan My Number', () => {
    expect(isJpMyNumber('123456789018')).toBe(true);
    expect(isJpMyNumber('123456789017')).toBe(false);
    expect(isJpMyNumber('12345678901')).toBe(false);
  });
  it('India Aadhaar (Verhoeff) and PAN', () => {
    expect(isInAadhaar('234123412346')).toBe(true);
    expect(isInAadhaar('234123412347')).toBe(false);
    expect(isInAadhaar('134123412346')).toBe(false);
    expect(verhoeffValid('2363')).toBe(true);
    expect(isInPan('ABCPE1234F')).toBe(true);
    expect(isInPan('ABCDE1234F')).toBe(false);
    expect(isInPan('ABCPE12345')).toBe(false);
  });
});

describe('EU', () => {
  it('German Steuer-ID: repetition rule and ISO 7064 check', () => {
    expect(isDeTaxId('65929970489')).toBe(true);
    expect(isDeTaxId('86095742719')).toBe(true);
    expect(isDeTaxId('65929970488')).toBe(false);
    expect(isDeTaxId('01234567890')).toBe(false);
    expect(isDeTaxId('12345678903')).toBe(false);
  });
  it('VAT numbers', () => {
    expect(euVatStatus('DE136695976')).toBe('checked');
    expect(euVatStatus('DE136695977')).toBeNull();
    expect(euVatStatus('FR40303265045')).toBe('checked');
    expect(euVatStatus('IT00743110157')).toBe('checked');
    expect(euVatStatus('NL004495445B01')).toBe('checked');
    expect(euVatStatus('ESA12345674')).toBe('format');
    expect(euVatStatus('ZZ123456789')).toBeNull();
  });
});

describe('crypto wallets', () => {
  it('Base58Check', () => {
    expect(isBase58CheckAddress('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2')).toBe(true);
    expect(isBase58CheckAddress('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy')).toBe(true);
    expect(isBase58CheckAddress('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3')).toBe(false);
  });
  it('bech32 and bech32m', () => {
    expect(isBech32Address('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBe(true);
    expect(isBech32Address('bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297')).toBe(true);
    expect(isBech32Address('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toBe(false);
  });
  it('Ethereum EIP-55', () => {
    expect(keccak256Hex('')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(ethAddressStatus('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe('checked');
    expect(ethAddressStatus('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe('unchecked');
    expect(ethAddressStatus('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toBeNull();
  });
});

describe('dates', () => {
  it('validity and parsing', () => {
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(isValidDate(2023, 2, 29)).toBe(false);
    expect(parseDate('1990-01-15')).toEqual({ y: 1990, m: 1, d: 15 });
    expect(parseDate('15.03.1985')).toEqual({ y: 1985, m: 3, d: 15 });
    expect(parseDate('1990年1月15日')).toEqual({ y: 1990, m: 1, d: 15 });
    expect(parseDate('3 de março de 1990')).toEqual({ y: 1990, m: 3, d: 3 });
    expect(parseDate('31/02/1990')).toBeNull();
  });
});

describe('monthNumberAt', () => {
  it('answers as monthNumber does on the slice, ruling words out by their first three letters', () => {
    const words = ['March', 'MARCH', 'mar', 'Mar.', 'März', 'märz', 'Mai', 'Maio', 'Dez', 'Order', 'Invoice', 'Ma', 'Oct.', 'Okt', 'out', 'Outubro', 'Febr', 'K\u212Aelvin', 'Sept', 'Septem', 'A', ''];
    for (const w of words) {
      const text = `x ${w} 12`;
      expect(monthNumberAt(text, 2, 2 + w.length), w).toBe(monthNumber(w));
    }
    expect(monthNumberAt('in March 1990', 3, 8)).toBe(3);
    expect(monthNumberAt('Order 1990', 0, 5)).toBeUndefined();
  });
});
