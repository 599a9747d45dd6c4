/**
 * Checking name-based candidates against the data: how many distinct child values of a sample
 * exist in the parent key. Near-total containment on a sample big enough to mean something makes
 * a reference; the Wilson lower bound keeps ten lucky values from looking like a thousand.
 */
import { wilsonLowerBound } from '../../lib/stats.js';
import { sameTable } from './keys.js';
import { proposeReferences, type ReferenceCandidate } from './propose.js';
import type { ColumnRef, EdgeEnd, GraphEdge, GraphTable, NameRule, ReferenceEvidence } from './types.js';

export interface Containment {
  /** Distinct non-null child values sampled. */
  sampled: number;
  /** How many of them the parent columns hold. */
  contained: number;
}

/** Runs against the database holding both ends; `child[i]` is compared with `parent[i]`. */
export type ContainmentProbe = (child: ColumnRef[], parent: ColumnRef[], sampleSize: number) => Promise<Containment>;

/** What every probe requires: columns of one child table matched, in order, with as many of one parent table. */
export function checkProbeColumns(child: ColumnRef[], parent: ColumnRef[]): void {
  if (child.length === 0 || child.length !== parent.length) throw new Error(`containment needs as many parent columns as child columns (got ${child.length} and ${parent.length})`);
  for (const side of [child, parent]) {
    if (side.some((c) => !sameTable(c, side[0]!))) throw new Error('containment columns of one side must belong to one table');
  }
}

/**
 * How much a name rule is worth on its own. Without one, containment alone is coincidence often
 * enough (small integer ids are contained in every other id column) to stay below the bar.
 */
const RULE_WEIGHT: Record<NameRule, number> = { 'fk-name': 1, 'same-name-key': 1, identity: 1, 'fk-name-suffix': 0.97, none: 1 };
const WITHOUT_NAME_RULE_CAP = 0.6;
/**
 * Near-total: confidence reaches 0.9 exactly when we are 95% sure that at least this share of
 * child values is in the parent. Orphans left by deletes stay under it; sequential integer ids
 * that overlap by coincidence usually do not.
 */
const NEAR_TOTAL = 0.95;
const HIGH = 0.9;

export function scoreReference(candidate: Pick<ReferenceCandidate, 'nameRule'>, containment: Containment): { confidence: number; evidence: ReferenceEvidence } {
  const sampled = Math.max(0, Math.trunc(containment.sampled));
  const contained = Math.min(sampled, Math.max(0, Math.trunc(containment.contained)));
  const lower = wilsonLowerBound(contained, sampled);
  // Piecewise linear: [0, NEAR_TOTAL] onto [0, HIGH], [NEAR_TOTAL, 1] onto [HIGH, 1].
  const scaled = lower <= NEAR_TOTAL ? (lower * HIGH) / NEAR_TOTAL : HIGH + ((lower - NEAR_TOTAL) * (1 - HIGH)) / (1 - NEAR_TOTAL);
  const weighted = scaled * RULE_WEIGHT[candidate.nameRule];
  const confidence = candidate.nameRule === 'none' ? Math.min(WITHOUT_NAME_RULE_CAP, weighted) : weighted;
  const ratio = sampled ? contained / sampled : 0;
  return { confidence: round(confidence), evidence: { nameRule: candidate.nameRule, sampled, contained, ratio: round(ratio) } };
}

export interface InferOptions {
  /**
   * Edges already known (any origin or status): their links are not proposed again. Leave stored
   * active inferred edges out to have them probed and scored afresh.
   */
  existing?: readonly GraphEdge[];
  /** Distinct child values to sample per candidate. Default 1000. */
  sampleSize?: number;
  /** Probes running at once. Default 4. */
  concurrency?: number;
}

export interface InferResult {
  /** One inferred, active edge per candidate probed, with its confidence and evidence. */
  edges: GraphEdge[];
  /** Candidates whose probe failed (type mismatch, permissions …), with the error message. */
  failed: { candidate: ReferenceCandidate; message: string }[];
}

export async function inferReferences(tables: readonly GraphTable[], probe: ContainmentProbe, options: InferOptions = {}): Promise<InferResult> {
  const candidates = proposeReferences(tables, options.existing ?? []);
  const sampleSize = options.sampleSize ?? 1000;
  const results = new Array<GraphEdge | { candidate: ReferenceCandidate; message: string }>(candidates.length);
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const index = next++;
      const candidate = candidates[index]!;
      try {
        const { confidence, evidence } = scoreReference(candidate, await probe(columnRefs(candidate.from), columnRefs(candidate.to), sampleSize));
        results[index] = { from: candidate.from, to: candidate.to, origin: 'inferred', confidence, status: 'active', join: candidate.join, evidence };
      } catch (err) {
        results[index] = { candidate, message: err instanceof Error ? err.message : String(err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, candidates.length)) }, worker));
  const edges: GraphEdge[] = [];
  const failed: InferResult['failed'] = [];
  for (const result of results) {
    if ('candidate' in result) failed.push(result);
    else edges.push(result);
  }
  return { edges, failed };
}

function columnRefs(end: EdgeEnd): ColumnRef[] {
  return end.columns.map((column) => ({ ...end.table, column }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
