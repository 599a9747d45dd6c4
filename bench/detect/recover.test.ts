import { describe, expect, it } from 'vitest';
import { recoverSpans } from './peers/recover.js';

const TOKENS = /PERSON_NAME|PHONE_NUMBER|EMAIL_ADDRESS|CREDIT_CARD_NUMBER|URL/g;
const label = (m: RegExpExecArray) => m[0];

describe('recoverSpans', () => {
  it('finds the spans behind each token', () => {
    const input = 'Hi John Smith, call 415-867-2301 or mail j@x.com.';
    const output = 'Hi PERSON_NAME, call PHONE_NUMBER or mail EMAIL_ADDRESS.';
    expect(recoverSpans(input, output, TOKENS, label)).toEqual([
      { start: 3, end: 13, label: 'PERSON_NAME' },
      { start: 20, end: 32, label: 'PHONE_NUMBER' },
      { start: 41, end: 48, label: 'EMAIL_ADDRESS' },
    ]);
  });

  it('handles tokens glued to text and at both ends', () => {
    const input = '4111111111111111 then IBAN DE89370400440532013000';
    const output = 'CREDIT_CARD_NUMBER then IBAN DECREDIT_CARD_NUMBER3000';
    const spans = recoverSpans(input, output, TOKENS, label)!;
    expect(spans.map((s) => input.slice(s.start, s.end))).toEqual(['4111111111111111', '8937040044053201']);
  });

  it('drops a token that is the input’s own word', () => {
    const input = 'URL: https://x.com/a';
    const output = 'URL: URL';
    expect(recoverSpans(input, output, TOKENS, label)).toEqual([{ start: 5, end: 20, label: 'URL' }]);
  });

  it('returns [] when nothing was redacted and null when the output cannot be aligned', () => {
    expect(recoverSpans('plain text', 'plain text', TOKENS, label)).toEqual([]);
    expect(recoverSpans('plain text', 'other text', TOKENS, label)).toBeNull();
    expect(recoverSpans('abc', 'abcPHONE_NUMBER', TOKENS, label)).toBeNull();
  });

  it('handles non-ASCII text', () => {
    const input = '张伟的手机13800138000，谢谢';
    const output = '张伟的手机PHONE_NUMBER，谢谢';
    const spans = recoverSpans(input, output, TOKENS, label)!;
    expect(input.slice(spans[0]!.start, spans[0]!.end)).toBe('13800138000');
  });
});
