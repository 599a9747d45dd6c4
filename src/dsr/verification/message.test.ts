import { describe, expect, it } from 'vitest';
import { verificationMessage } from './message.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const EXPIRES = new Date('2026-11-23T12:15:00Z');

describe('verification message', () => {
  it('names the organisation, the request, the code, its expiry, and what to do if unasked', () => {
    const message = verificationMessage({ organisation: 'Example Ltd', requestType: 'access', code: '042917', expiresAt: EXPIRES, now: NOW });
    expect(message.subject).toBe('Your verification code for your access request to Example Ltd');
    expect(message.text).toContain('asked Example Ltd for access to your personal data.');
    expect(message.text).toMatch(/^ {4}042917$/m);
    expect(message.text).toContain('The code expires in 15 minutes, at 2026-11-23 12:15 UTC.');
    expect(message.text).toContain('If you did not ask for this, ignore this message');
    expect(message.html).toContain('>042917</p>');
    expect(message.html).toContain('expires in 15 minutes');
    expect(message.html).toContain('If you did not ask for this, ignore this message');
    expect(message.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(message.html).not.toMatch(/<(script|img|a|link)\b/i);
  });

  it('words every request type, including opt-out as the CLI spells it', () => {
    const wording = (requestType: string) => verificationMessage({ organisation: 'Org', requestType, code: '123456', expiresAt: EXPIRES, now: NOW });
    expect(wording('erasure').text).toContain('asked Org to erase your personal data.');
    expect(wording('opt-out').subject).toContain('opt-out request');
    expect(wording('opt_out').text).toContain('not to sell or share');
    expect(wording('portability').subject).toContain('data portability request');
    expect(wording('something_new').text).toContain('about your personal data (something_new)');
    expect(verificationMessage({ organisation: 'Org', requestType: 'access', code: '123456', expiresAt: new Date(NOW.getTime() + 60_000), now: NOW }).text).toContain('expires in 1 minute,');
  });

  it('escapes HTML in the organisation name and keeps it on one line', () => {
    const organisation = 'Acme <script>alert("x")</script> & Sons\r\nBcc: eve@example.net';
    const message = verificationMessage({ organisation, requestType: 'erasure', code: '123456', expiresAt: EXPIRES, now: NOW });
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons Bcc: eve@example.net');
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.subject).toContain('to Acme <script>alert("x")</script> & Sons Bcc: eve@example.net');
    expect(message.text).not.toMatch(/\r|\nBcc:/);
  });

  it('refuses a code that is not digits', () => {
    expect(() => verificationMessage({ organisation: 'Org', requestType: 'access', code: '<b>1</b>', expiresAt: EXPIRES, now: NOW })).toThrow(/digits/);
  });
});
