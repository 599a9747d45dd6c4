/**
 * Scoring for the detection benchmark.
 *
 * Match rule: a predicted span matches a gold span when both have the same entity type and their
 * overlap is at least half the length of the longer of the two
 * (overlap >= 0.5 × max(gold length, predicted length)). Matching is one-to-one per record and
 * type: candidate pairs are taken greedily by largest overlap (ties: earliest gold span), so a
 * gold span is matched at most once and a prediction is counted at most once. Matched pairs are
 * true positives, unmatched predictions false positives, unmatched gold spans false negatives.
 * Exact duplicate predictions (same start, end and type) are collapsed first.
 *
 * A detector is scored only on the entity types it supports: gold spans of other types are not
 * counted for it, and its predictions of types outside the benchmark's list are ignored. The
 * "all entities" micro average counts gold spans of unsupported types as missed (coverage), the
 * "supported" micro average does not.
 */
import type { Span } from './types.js';

export const MIN_OVERLAP = 0.5;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function spansMatch(gold: Span, pred: Span): boolean {
  if (gold.type !== pred.type) return false;
  const longer = Math.max(gold.end - gold.start, pred.end - pred.start);
  return longer > 0 && overlap(gold, pred) >= MIN_OVERLAP * longer;
}

export interface MatchResult {
  pairs: [Span, Span][];
  fp: Span[];
  fn: Span[];
}

function dedupe(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const s of spans) {
    const k = `${s.start}:${s.end}:${s.type}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}

/** One-to-one matching of one record's predictions against its gold spans. */
export function matchSpans(gold: readonly Span[], predicted: readonly Span[]): MatchResult {
  const pred = dedupe(predicted);
  const candidates: { g: number; p: number; ov: number }[] = [];
  gold.forEach((gs, gi) => {
    pred.forEach((ps, pi) => {
      if (spansMatch(gs, ps)) candidates.push({ g: gi, p: pi, ov: overlap(gs, ps) });
    });
  });
  candidates.sort((a, b) => b.ov - a.ov || gold[a.g]!.start - gold[b.g]!.start || a.p - b.p);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: [Span, Span][] = [];
  for (const c of candidates) {
    if (usedG.has(c.g) || usedP.has(c.p)) continue;
    usedG.add(c.g);
    usedP.add(c.p);
    pairs.push([gold[c.g]!, pred[c.p]!]);
  }
  return {
    pairs,
    fp: pred.filter((_, i) => !usedP.has(i)),
    fn: gold.filter((_, i) => !usedG.has(i)),
  };
}

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Accumulates counts per entity type over a corpus for one detector. */
export class Scorer {
  private readonly counts = new Map<string, Counts>();
  /** Gold spans of types the detector does not support (counted as missed in the "all" average). */
  private readonly unsupported = new Map<string, number>();

  constructor(
    private readonly types: readonly string[],
    private readonly supported: ReadonlySet<string>,
  ) {
    for (const t of types) this.counts.set(t, { tp: 0, fp: 0, fn: 0 });
  }

  add(gold: readonly Span[], predicted: readonly Span[]): MatchResult {
    const known = new Set(this.types);
    const g = gold.filter((s) => this.supported.has(s.type));
    for (const s of gold) if (!this.supported.has(s.type)) this.unsupported.set(s.type, (this.unsupported.get(s.type) ?? 0) + 1);
    const p = predicted.filter((s) => known.has(s.type) && this.supported.has(s.type));
    const m = matchSpans(g, p);
    for (const [gs] of m.pairs) this.counts.get(gs.type)!.tp++;
    for (const s of m.fp) this.counts.get(s.type)!.fp++;
    for (const s of m.fn) this.counts.get(s.type)!.fn++;
    return m;
  }

  entity(type: string): Prf | null {
    if (!this.supported.has(type)) return null;
    return prf(this.counts.get(type) ?? { tp: 0, fp: 0, fn: 0 });
  }

  /** Micro average over the given types that the detector supports. */
  microSupported(types: readonly string[] = this.types): Prf {
    const sum: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const t of types) {
      if (!this.supported.has(t)) continue;
      const c = this.counts.get(t);
      if (!c) continue;
      sum.tp += c.tp;
      sum.fp += c.fp;
      sum.fn += c.fn;
    }
    return prf(sum);
  }

  /** Micro average over all the given types; gold spans of unsupported types count as missed. */
  microAll(types: readonly string[] = this.types): Prf {
    const sum = { ...this.microSupported(types) } as Counts;
    for (const t of types) if (!this.supported.has(t)) sum.fn += this.unsupported.get(t) ?? 0;
    return prf({ tp: sum.tp, fp: sum.fp, fn: sum.fn });
  }
}
