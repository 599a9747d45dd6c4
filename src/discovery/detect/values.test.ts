import { describe, expect, it } from 'vitest';
import { classifyValue, hintsFromName } from './index.js';

const top = (v: string, hints?: string[]): string | undefined => classifyValue(v, hints ? { hints } : {}).filter((c) => c.score >= 0.5)[0]?.type;

describe('classifyValue', () => {
  it('recognises whole validated values', () => {
    expect(top('john@example.com')).toBe('EMAIL_ADDRESS');
    expect(top(' 4111-1111-1111-1111 ')).toBe('CREDIT_CARD');
    expect(top('11010519491231002X')).toBe('CN_RESIDENT_ID');
    expect(top('529.982.247-25')).toBe('BR_CPF');
    expect(top('DE89370400440532013000')).toBe('IBAN_CODE');
    expect(top('+44 20 7946 0958')).toBe('PHONE_NUMBER');
    expect(top('"S1234567D"')).toBe('SG_NRIC_FIN');
  });
  it('does not classify part of a value, or catalogue data', () => {
    expect(top('mail john@example.com now')).toBeUndefined();
    expect(top('Blue Widget')).toBeUndefined();
    expect(top('SKU-88231-XL')).toBeUndefined();
    expect(top('19.99')).toBeUndefined();
    expect(top('550e8400-e29b-41d4-a716-446655440000')).toBeUndefined();
  });
  it('uses the column name for values that cannot prove themselves', () => {
    expect(top('F', ['gender'])).toBe('GENDER');
    expect(top('Maria', ['first_name'])).toBe('PERSON');
    expect(top('王小明', ['姓名'])).toBe('PERSON');
    expect(top('1990-01-15', ['date_of_birth'])).toBe('DATE_OF_BIRTH');
    expect(top('13812345678', ['手机号'])).toBe('PHONE_NUMBER');
    expect(top('$2b$12$KIXQJp0yQ1Xv8cB3uF5Y2eQ0q7pZx8r9s0t1u2v3w4x5y6z7A8B9C', ['password_hash'])).toBe('PASSWORD');
    expect(top('Catholic', ['religion'])).toBe('RELIGION');
    expect(top('1990-01-15')).toBeUndefined();
  });
  it('never throws', () => {
    expect(classifyValue('')).toEqual([]);
    expect(classifyValue(null as unknown as string)).toEqual([]);
    expect(classifyValue('x'.repeat(10_000))).toEqual([]);
  });
});

describe('hintsFromName', () => {
  it.each([
    ['email', 'EMAIL_ADDRESS'], ['e_mail', 'EMAIL_ADDRESS'], ['customerEmail', 'EMAIL_ADDRESS'], ['邮箱', 'EMAIL_ADDRESS'],
    ['手机号', 'PHONE_NUMBER'], ['telefone', 'PHONE_NUMBER'], ['身份证号', 'CN_RESIDENT_ID'], ['出生日期', 'DATE_OF_BIRTH'],
    ['dob', 'DATE_OF_BIRTH'], ['geburtsdatum', 'DATE_OF_BIRTH'], ['cpf', 'BR_CPF'], ['nric', 'SG_NRIC_FIN'],
    ['last_name', 'PERSON'], ['Nachname', 'PERSON'], ['zip_code', 'POSTAL_CODE'], ['password_hash', 'PASSWORD'], ['ip_address', 'IP_ADDRESS'],
  ])('%s suggests %s', (name, type) => {
    expect(hintsFromName(name)[0]?.type).toBe(type);
  });
  it('ignores names of catalogue columns', () => {
    expect(hintsFromName('product_name')).toEqual([]);
    expect(hintsFromName('sku')).toEqual([]);
    expect(hintsFromName('price')).toEqual([]);
    expect(hintsFromName('')).toEqual([]);
  });
});
