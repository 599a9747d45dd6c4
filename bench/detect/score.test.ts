import { describe, expect, it } from 'vitest';
import { Scorer, matchSpans, prf, spansMatch } from './score.js';

const S = (start: number, end: number, type = 'EMAIL_ADDRESS') => ({ start, end, type });

describe('match rule', () => {
  it('an exact match is a true positive', () => {
    const m = matchSpans([S(5, 20)], [S(5, 20)]);
    expect(m.pairs).toHaveLength(1);
    expect(m.fp).toHaveLength(0);
    expect(m.fn).toHaveLength(0);
  });

  it('a partial overlap counts when it covers at least half of the longer span', () => {
    // gold 10 chars, prediction 12 chars overlapping 8: 8 >= 6 → match.
    expect(spansMatch(S(0, 10), S(2, 14))).toBe(true);
    // gold 10 chars, prediction 4 chars inside it: 4 < 5 → no match.
    expect(spansMatch(S(0, 10), S(3, 7))).toBe(false);
    // exactly half of the longer one matches.
    expect(spansMatch(S(0, 10), S(5, 10))).toBe(true);
    // a prediction that swallows the gold span and much more does not.
    expect(spansMatch(S(10, 20), S(0, 40))).toBe(false);
    // touching but not overlapping.
    expect(spansMatch(S(0, 10), S(10, 20))).toBe(false);
  });

  it('a type mismatch is one false positive and one false negative', () => {
    const m = matchSpans([S(0, 11, 'US_SSN')], [S(0, 11, 'PHONE_NUMBER')]);
    expect(m.pairs).toHaveLength(0);
    expect(m.fp).toEqual([S(0, 11, 'PHONE_NUMBER')]);
    expect(m.fn).toEqual([S(0, 11, 'US_SSN')]);
  });

  it('two predictions on one gold span: one true positive, one false positive', () => {
    const m = matchSpans([S(0, 10)], [S(0, 10), S(1, 10)]);
    expect(m.pairs).toHaveLength(1);
    expect(m.pairs[0]![1]).toEqual(S(0, 10)); // the larger overlap wins
    expect(m.fp).toEqual([S(1, 10)]);
    expect(m.fn).toHaveLength(0);
  });

  it('one prediction over two gold spans matches at most one of them', () => {
    const m = matchSpans([S(0, 10), S(11, 20)], [S(0, 20)]);
    expect(m.pairs).toHaveLength(1);
    expect(m.fn).toHaveLength(1);
    expect(m.fp).toHaveLength(0);
  });

  it('exact duplicate predictions are collapsed', () => {
    const m = matchSpans([S(0, 10)], [S(0, 10), S(0, 10)]);
    expect(m.pairs).toHaveLength(1);
    expect(m.fp).toHaveLength(0);
  });

  it('one-to-one assignment prefers the larger overlap', () => {
    const m = matchSpans([S(0, 10), S(8, 18)], [S(0, 10), S(7, 18)]);
    expect(m.pairs).toHaveLength(2);
    expect(m.fp).toHaveLength(0);
  });
});

describe('Scorer', () => {
  const types = ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'US_SSN'];

  it('computes per-entity and micro precision, recall and F1', () => {
    const s = new Scorer(types, new Set(types));
    s.add([S(0, 10), S(20, 30, 'PHONE_NUMBER')], [S(0, 10), S(40, 50, 'PHONE_NUMBER')]);
    s.add([S(0, 10, 'US_SSN')], [S(0, 10, 'US_SSN')]);
    expect(s.entity('EMAIL_ADDRESS')).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(s.entity('PHONE_NUMBER')).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    const micro = s.microSupported();
    expect(micro).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(micro.precision).toBeCloseTo(2 / 3);
    expect(micro.recall).toBeCloseTo(2 / 3);
    expect(micro.f1).toBeCloseTo(2 / 3);
  });

  it('scores a detector only on the entities it supports', () => {
    const s = new Scorer(types, new Set(['EMAIL_ADDRESS']));
    s.add([S(0, 10), S(20, 31, 'US_SSN')], [S(0, 10), S(20, 31, 'PHONE_NUMBER')]);
    expect(s.entity('US_SSN')).toBeNull();
    expect(s.entity('PHONE_NUMBER')).toBeNull();
    expect(s.microSupported()).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    // Over all entities the unsupported SSN counts as missed.
    expect(s.microAll()).toMatchObject({ tp: 1, fp: 0, fn: 1 });
    expect(s.microAll().recall).toBeCloseTo(0.5);
  });

  it('ignores predicted types outside the benchmark list', () => {
    const s = new Scorer(types, new Set(types));
    s.add([S(0, 10)], [S(0, 10), S(30, 40, 'ZIPCODE')]);
    expect(s.microSupported()).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });

  it('handles empty input', () => {
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});
