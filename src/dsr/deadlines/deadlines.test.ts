import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from '../dsr.tables.js';
import {
  addBusinessDays,
  addMonths,
  computeDueDate,
  deadlineRule,
  inferJurisdiction,
  isoDate,
  loadDeadlines,
  localDay,
  parseDeadlines,
  utcDate,
  type DueDateInput,
} from './deadlines.js';

const CITES = /Art\.|§|s\. \d|reg\. \d/;
const day = (iso: string) => localDay(utcDate(iso));
const due = (input: Omit<DueDateInput, 'receivedAt'> & { receivedAt: Date | string }) =>
  computeDueDate({ ...input, receivedAt: typeof input.receivedAt === 'string' ? utcDate(input.receivedAt) : input.receivedAt });

describe('deadline rules', () => {
  it('cites a provision on every rule, extension, acknowledgement, pause and clock', () => {
    const file = loadDeadlines();
    expect(file.verified_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    let rules = 0;
    for (const [id, j] of Object.entries(file.jurisdictions)) {
      expect({ id, citation: j.clock.citation }).toEqual({ id, citation: expect.stringMatching(CITES) });
      for (const type of REQUEST_TYPES) {
        const rule = deadlineRule(id, type);
        if (!rule) continue;
        rules += 1;
        const cited = [rule.citation, rule.pause.citation, rule.extension?.citation, rule.acknowledge?.citation].filter((c) => c !== undefined);
        for (const citation of cited) expect({ id, type, citation }).toEqual({ id, type, citation: expect.stringMatching(CITES) });
        expect(typeof rule.verified).toBe('boolean');
      }
    }
    expect(rules).toBeGreaterThan(30);
  });

  it('covers the jurisdictions of src/law and says which types each law lacks', () => {
    expect(Object.keys(loadDeadlines().jurisdictions)).toEqual(expect.arrayContaining(['GDPR', 'UK_GDPR', 'CCPA', 'PIPL', 'PDPA_SG', 'LGPD', 'APPI']));
    expect(deadlineRule('GDPR', 'opt_out')).toBeUndefined();
    expect(deadlineRule('CCPA', 'restriction')).toBeUndefined();
    expect(() => deadlineRule('MARS', 'access')).toThrow(/unknown jurisdiction MARS/);
    expect(() => deadlineRule('toString', 'access')).toThrow(/unknown jurisdiction/);
    expect(() => due({ jurisdiction: 'CCPA', type: 'objection', receivedAt: '2026-01-02' })).toThrow(/no deadline rule for objection/);
  });

  it('pins GDPR Art. 12(3): one month, plus two with notice within the first month', () => {
    const rule = deadlineRule('GDPR', 'access')!;
    expect(rule).toMatchObject({ citation: 'GDPR Art. 12(3)', period: { amount: 1, unit: 'months' }, statutory: true, verified: true });
    expect(rule.extension).toMatchObject({ amount: 2, unit: 'months', notice_within_original: true, citation: 'GDPR Art. 12(3)' });
    expect(rule.pause.allowed).toBe(false);
    for (const type of ['portability', 'rectification', 'erasure', 'restriction', 'objection'] as const) expect(deadlineRule('GDPR', type)?.citation).toBe('GDPR Art. 12(3)');
  });

  it('pins CCPA §1798.130(a)(2): 45 days + 45, 10-business-day acknowledgement, opt-out 15 business days', () => {
    const rule = deadlineRule('CCPA', 'erasure')!;
    expect(rule.citation).toMatch(/^Cal\. Civ\. Code §1798\.130\(a\)\(2\)/);
    expect(rule).toMatchObject({ period: { amount: 45, unit: 'calendar_days' }, extension: { amount: 45, unit: 'calendar_days' } });
    expect(rule.acknowledge).toMatchObject({ amount: 10, unit: 'business_days', citation: '11 CCR §7021(a)' });
    expect(rule.pause.allowed).toBe(false);
    const optOut = deadlineRule('CCPA', 'opt_out')!;
    expect(optOut).toMatchObject({ period: { amount: 15, unit: 'business_days' }, extension: null, basis: 'regulation' });
    expect(optOut.citation).toMatch(/^11 CCR §7026/);
    expect(optOut.acknowledge).toBeUndefined();
  });

  it('pins LGPD Art. 19(II), PDPA reg. 5, PIPEDA s. 8 and the laws with no fixed period', () => {
    expect(deadlineRule('LGPD', 'access')).toMatchObject({ citation: 'LGPD Art. 19(II)', period: { amount: 15, unit: 'calendar_days' }, statutory: true, verified: true });
    expect(deadlineRule('LGPD', 'erasure')).toMatchObject({ basis: 'custos_default', statutory: false });
    expect(deadlineRule('PDPA_SG', 'access')).toMatchObject({ period: { amount: 30, unit: 'calendar_days' }, citation: expect.stringContaining('reg. 5') });
    expect(deadlineRule('PIPEDA', 'access')).toMatchObject({ citation: 'PIPEDA s. 8(3); Sch. 1 clause 4.9', extension: { amount: 30 } });
    expect(deadlineRule('PIPL', 'access')).toMatchObject({ statutory: false, basis: 'standard', verified: false });
    expect(deadlineRule('APPI', 'access')).toMatchObject({ statutory: false, period: { amount: 14, unit: 'calendar_days' } });
    expect(deadlineRule('UK_GDPR', 'access')?.pause.allowed).toBe(true);
  });

  it('rejects malformed rule files by field', () => {
    const ok = `version: 1
verified_on: "2026-01-01"
jurisdictions:
  X:
    name: X
    citation_root: X Act s. 1
    clock: { starts: receipt, citation: "X s. 1", weekend_rollover: false, pause: { allowed: false, citation: "X s. 1", verified: true } }
    types: [access]
    rules:
      default: { period: { amount: 10, unit: calendar_days }, basis: statute, standard: s, citation: "X s. 2", verified: true, extension: null }
`;
    expect(parseDeadlines(ok).jurisdictions.X!.types).toEqual(['access']);
    expect(() => parseDeadlines(ok.replace('calendar_days', 'fortnights'))).toThrow(/rules\.default\.period\.unit/);
    expect(() => parseDeadlines(ok.replace('      default:', '      erasure: { period: { amount: 1, unit: months }, basis: statute, standard: s, citation: "X s. 3", verified: true, extension: null }\n      default:'))).toThrow(/rules\.erasure: override for a type not listed/);
    expect(() => parseDeadlines(ok.replace('citation: "X s. 2"', 'citation: ""'))).toThrow(/citation/);
  });
});

describe('date arithmetic', () => {
  it('adds months with end-of-month clamping and leap years', () => {
    expect(isoDate(addMonths(day('2025-01-31'), 1))).toBe('2025-02-28');
    expect(isoDate(addMonths(day('2024-01-31'), 1))).toBe('2024-02-29');
    expect(isoDate(addMonths(day('2024-02-29'), 12))).toBe('2025-02-28');
    expect(isoDate(addMonths(day('2025-03-31'), 1))).toBe('2025-04-30');
    expect(isoDate(addMonths(day('2025-12-15'), 1))).toBe('2026-01-15');
    expect(isoDate(addMonths(day('2025-11-30'), 3))).toBe('2026-02-28');
  });

  it('adds business days over weekends, not counting the start day', () => {
    expect(isoDate(addBusinessDays(day('2026-01-02'), 1))).toBe('2026-01-05'); // Fri → Mon
    expect(isoDate(addBusinessDays(day('2026-01-03'), 1))).toBe('2026-01-05'); // Sat → Mon
    expect(isoDate(addBusinessDays(day('2026-01-02'), 10))).toBe('2026-01-16');
    expect(isoDate(addBusinessDays(day('2026-01-05'), 5))).toBe('2026-01-12');
  });
});

describe('computeDueDate', () => {
  it('GDPR: same date next month, clamped; extension counts three months from receipt', () => {
    const jan31 = due({ jurisdiction: 'GDPR', type: 'access', receivedAt: '2025-01-31' });
    expect(jan31.dueDate).toBe('2025-02-28');
    expect(jan31.dueAt.toISOString()).toBe('2025-02-28T23:59:59.999Z');
    expect(jan31.extendedDueAt?.toISOString()).toBe('2025-04-30T23:59:59.999Z');
    expect(jan31.extensionNoticeBy).toEqual(jan31.originalDueAt);
    expect(jan31.acknowledgeBy).toBeNull();
    expect(due({ jurisdiction: 'GDPR', type: 'erasure', receivedAt: '2024-01-31' }).dueDate).toBe('2024-02-29');
    const extended = due({ jurisdiction: 'GDPR', type: 'access', receivedAt: '2025-01-31', extended: true });
    expect(extended.dueDate).toBe('2025-04-30');
    expect(extended.originalDueAt.toISOString()).toBe('2025-02-28T23:59:59.999Z');
    expect(extended.rule).toMatchObject({ jurisdiction: 'GDPR', type: 'access', citation: 'GDPR Art. 12(3)' });
  });

  it('GDPR keeps a weekend deadline; UK GDPR moves it to Monday (ICO guidance)', () => {
    // 2026-02-15 is a Sunday
    expect(due({ jurisdiction: 'GDPR', type: 'access', receivedAt: '2026-01-15' }).dueDate).toBe('2026-02-15');
    expect(due({ jurisdiction: 'UK_GDPR', type: 'access', receivedAt: '2026-01-15' }).dueDate).toBe('2026-02-16');
  });

  it('UK GDPR: waiting for identity pauses the clock; GDPR and CCPA ignore pauses and say so', () => {
    const pauses = [{ from: utcDate('2026-01-10'), to: utcDate('2026-01-20') }];
    const uk = due({ jurisdiction: 'UK_GDPR', type: 'access', receivedAt: '2026-01-10', pauses });
    expect(uk.dueDate).toBe('2026-02-20');
    expect(uk.pause).toEqual({ appliedDays: 10, ignoredDays: 0 });
    expect(uk.extensionNoticeBy).toEqual(uk.originalDueAt);
    const gdpr = due({ jurisdiction: 'GDPR', type: 'access', receivedAt: '2026-01-10', pauses });
    expect(gdpr.dueDate).toBe('2026-02-10');
    expect(gdpr.pause).toEqual({ appliedDays: 0, ignoredDays: 10 });
    expect(due({ jurisdiction: 'CCPA', type: 'access', receivedAt: '2026-01-02', pausedDays: 7 }).dueDate).toBe('2026-02-16');
  });

  it('counts overlapping pauses once and adds pausedDays', () => {
    const pauses = [
      { from: utcDate('2026-03-02'), to: utcDate('2026-03-06') },
      { from: utcDate('2026-03-04'), to: utcDate('2026-03-09') },
      { from: utcDate('2026-03-20'), to: utcDate('2026-03-20') },
    ];
    const r = due({ jurisdiction: 'PIPL', type: 'access', receivedAt: '2026-03-01', pauses, pausedDays: 2 });
    expect(r.pause.appliedDays).toBe(9);
    expect(r.dueDate).toBe(isoDate(day('2026-03-31') + 9));
    expect(() => due({ jurisdiction: 'PIPL', type: 'access', receivedAt: '2026-03-01', pausedDays: -1 })).toThrow(/pausedDays/);
    expect(() => due({ jurisdiction: 'PIPL', type: 'access', receivedAt: '2026-03-01', pauses: [{ from: utcDate('2026-03-05'), to: utcDate('2026-03-01') }] })).toThrow(/from <= to/);
  });

  it('CCPA: 45 calendar days, 90 with the extension, acknowledgement in 10 business days', () => {
    const r = due({ jurisdiction: 'CCPA', type: 'access', receivedAt: '2026-01-02' });
    expect(r.dueDate).toBe('2026-02-16');
    expect(r.extendedDueAt?.toISOString()).toBe('2026-04-02T23:59:59.999Z');
    expect(r.acknowledgeBy?.toISOString()).toBe('2026-01-16T23:59:59.999Z');
    expect(due({ jurisdiction: 'CCPA', type: 'rectification', receivedAt: '2026-01-02', extended: true }).dueDate).toBe('2026-04-02');
  });

  it('CCPA opt-out: 15 business days over weekends, no extension', () => {
    expect(due({ jurisdiction: 'CCPA', type: 'opt_out', receivedAt: '2026-01-02' }).dueDate).toBe('2026-01-23');
    expect(due({ jurisdiction: 'CCPA', type: 'opt_out', receivedAt: '2026-01-03' }).dueDate).toBe('2026-01-23');
    const r = due({ jurisdiction: 'CCPA', type: 'opt_out', receivedAt: '2026-01-02' });
    expect(r.extendedDueAt).toBeNull();
    expect(r.acknowledgeBy).toBeNull();
    expect(() => due({ jurisdiction: 'CCPA', type: 'opt_out', receivedAt: '2026-01-02', extended: true })).toThrow(/no extension/);
  });

  it('LGPD 15 days, PDPA open-ended extension, PIPEDA 30 + 30', () => {
    expect(due({ jurisdiction: 'LGPD', type: 'access', receivedAt: '2026-03-01' }).dueDate).toBe('2026-03-16');
    const pdpa = due({ jurisdiction: 'PDPA_SG', type: 'access', receivedAt: '2026-03-01' });
    expect(pdpa.dueDate).toBe('2026-03-31');
    expect(pdpa.extendedDueAt).toBeNull();
    expect(pdpa.extensionNoticeBy).toEqual(pdpa.originalDueAt);
    expect(() => due({ jurisdiction: 'PDPA_SG', type: 'access', receivedAt: '2026-03-01', extended: true })).toThrow(/open-ended/);
    expect(due({ jurisdiction: 'PIPEDA', type: 'access', receivedAt: '2026-03-01', extended: true }).dueDate).toBe('2026-04-30');
  });

  it('uses the calendar date of the given time zone, DST-safe', () => {
    // 23:30 on 2 Jan in Los Angeles is already 3 Jan in UTC
    const la = new Date('2026-01-03T07:30:00Z');
    expect(computeDueDate({ jurisdiction: 'CCPA', type: 'access', receivedAt: la }).dueDate).toBe('2026-02-17');
    const local = computeDueDate({ jurisdiction: 'CCPA', type: 'access', receivedAt: la, timeZone: 'America/Los_Angeles' });
    expect(local.dueDate).toBe('2026-02-16');
    expect(local.dueAt.toISOString()).toBe('2026-02-17T07:59:59.999Z'); // end of day, PST
    // received on the day clocks go forward (US: 8 Mar 2026); due in PDT
    const dst = computeDueDate({ jurisdiction: 'CCPA', type: 'access', receivedAt: new Date('2026-03-08T10:00:00Z'), timeZone: 'America/Los_Angeles' });
    expect(dst.dueDate).toBe('2026-04-22');
    expect(dst.dueAt.toISOString()).toBe('2026-04-23T06:59:59.999Z');
    // Berlin: received at 00:30 local on 29 Mar 2026 (the switch to CEST), due end of 29 Apr CEST
    const berlin = computeDueDate({ jurisdiction: 'GDPR', type: 'access', receivedAt: new Date('2026-03-28T23:30:00Z'), timeZone: 'Europe/Berlin' });
    expect(berlin.dueDate).toBe('2026-04-29');
    expect(berlin.dueAt.toISOString()).toBe('2026-04-29T21:59:59.999Z');
    // 31 Oct 2026 + 1 month in Berlin crosses the return to CET
    const back = computeDueDate({ jurisdiction: 'GDPR', type: 'access', receivedAt: new Date('2026-10-31T12:00:00Z'), timeZone: 'Europe/Berlin' });
    expect(back.dueAt.toISOString()).toBe('2026-11-30T22:59:59.999Z');
    expect(() => computeDueDate({ jurisdiction: 'GDPR', type: 'access', receivedAt: la, timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
    expect(() => computeDueDate({ jurisdiction: 'GDPR', type: 'access', receivedAt: new Date('nope') })).toThrow(/receivedAt/);
  });
});

describe('inferJurisdiction', () => {
  it('maps a subject country to a default jurisdiction', () => {
    for (const c of ['DE', 'fr', 'IE', 'NO', 'IS', 'LI']) expect({ c, j: inferJurisdiction(c) }).toEqual({ c, j: 'GDPR' });
    expect(inferJurisdiction('GB')).toBe('UK_GDPR');
    expect(inferJurisdiction('US-CA')).toBe('CCPA');
    expect(inferJurisdiction('US', 'CA')).toBe('CCPA');
    expect(inferJurisdiction('US')).toBeNull();
    expect(inferJurisdiction('US-NY')).toBeNull();
    expect(inferJurisdiction('CN')).toBe('PIPL');
    expect(inferJurisdiction('SG')).toBe('PDPA_SG');
    expect(inferJurisdiction('BR')).toBe('LGPD');
    expect(inferJurisdiction('JP')).toBe('APPI');
    expect(inferJurisdiction('CA')).toBe('PIPEDA');
    expect(inferJurisdiction('CA-QC')).toBeNull();
    expect(inferJurisdiction('CH')).toBeNull();
    expect(inferJurisdiction('')).toBeNull();
  });

  it('only infers jurisdictions that have deadline rules', () => {
    const known = Object.keys(loadDeadlines().jurisdictions);
    for (const c of ['DE', 'GB', 'US-CA', 'CN', 'SG', 'BR', 'JP', 'CA']) expect(known).toContain(inferJurisdiction(c));
  });
});
