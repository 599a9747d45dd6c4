/** The response to the subject: what was done, in counts and reasons, for each kind of request. */
import { describe, expect, it } from 'vitest';
import { responseMessage, whatWasDone, type ResponseSummary } from './response.js';

const erased: ResponseSummary = {
  systems: [
    { system: 'shop', status: 'done', tables: [
      { table: 'shop.customers', matched: 1, deleted: 0, updated: 1, retained: 0 },
      { table: 'shop.orders', matched: 3, deleted: 3, updated: 0, retained: 0 },
      { table: 'shop.payments', matched: 2, deleted: 0, updated: 0, retained: 2, retainReason: 'statutory accounting records (HGB §257)' },
    ] },
  ],
  manualTasks: [{ system: 'newsletter', status: 'done' }],
};

describe('response to the subject', () => {
  it('says what an erasure deleted, pseudonymised and kept, with the legal reason', () => {
    expect(whatWasDone('erasure', erased)).toEqual([
      'We deleted 3 records.',
      'In 1 record that must stay (for example because the law requires us to keep them, or because they are also about someone else), we replaced your details with a meaningless code.',
      'We kept some records because we must: statutory accounting records (HGB §257).',
      'The teams responsible for 1 other system handled your request there.',
    ]);
  });

  it('counts an access request and says nothing was found when nothing was', () => {
    expect(whatWasDone('access', erased)[0]).toBe('We found 6 records about you in 1 system. Your copy has been prepared and will be sent to you through a secure channel.');
    expect(whatWasDone('access', { systems: [] })).toEqual(['We found no personal data about you in the systems we searched.']);
    expect(whatWasDone('restriction', { systems: [], marked: 'restriction' })[0]).toMatch(/restricted the use/);
  });

  it('names the request and the organisation, escapes HTML and keeps table names out', () => {
    const message = responseMessage({ organisation: 'Shop <GmbH>\r\nBcc: x', requestId: 'r-1', type: 'erasure', receivedAt: new Date('2026-11-01T10:00:00Z'), completedAt: new Date('2026-11-03T10:00:00Z'), summary: erased });
    expect(message.subject).toBe('Your erasure request to Shop <GmbH> Bcc: x is complete');
    expect(message.text).toContain('On 2026-11-01 you asked Shop <GmbH> Bcc: x to erase your personal data. We completed your request on 2026-11-03.');
    expect(message.html).toContain('Shop &lt;GmbH&gt;');
    expect(message.text + message.html).not.toMatch(/shop\.customers|payments/);
  });
});
