/**
 * The identity graph: from every table holding an identity field, follow references both ways
 * and record how each table is reached. A shortest path (fewest hops; on ties, fewest inferred
 * then fewest introspected hops, because a person's word beats the schema's and the schema's beats
 * a guess) explains each table; the edges between reached tables are all returned, since a
 * request must follow every one of them to find every row.
 */
import { identityFields, isPersonal } from './identity.js';
import { edgeKey, linkKey, tableKey } from './keys.js';
import type { EdgeEnd, GraphEdge, GraphOptions, GraphTable, Hop, IdentityField, IdentityGraph, ReachedTable, SkipReason, SkippedEdge } from './types.js';

export const DEFAULT_MIN_CONFIDENCE = 0.9;

const ORIGIN_RANK = { declared: 0, introspected: 1, inferred: 2 } as const;

interface Step {
  to: string;
  hop: Hop;
}

/** Hops first, then [inferred hops, introspected hops]: compared in that order. */
interface Visit {
  path: Hop[];
  via: IdentityField[];
  penalty: [number, number];
}

export function buildIdentityGraph(tables: readonly GraphTable[], edges: readonly GraphEdge[], options: GraphOptions = {}): IdentityGraph {
  const includeViews = options.includeViews ?? false;
  const byKey = new Map<string, GraphTable>();
  const viewKeys = new Set<string>();
  for (const table of tables) {
    const key = tableKey(table.ref);
    if (table.kind === 'view' && !includeViews) viewKeys.add(key);
    else if (!byKey.has(key)) byKey.set(key, table);
  }
  const sorted = sortEdges(edges, byKey, viewKeys, options);
  const identities = identityFields([...byKey.values()], { kinds: options.identityKinds, includeViews });
  const reached = traverse(byKey, sorted.usable, identities);
  const reachable = [...reached.entries()]
    .map(([key, visit]): ReachedTable => {
      const table = byKey.get(key)!;
      return { table: table.ref, kind: table.kind, personal: isPersonal(table), via: visit.via, path: visit.path };
    })
    .sort((a, b) => a.path.length - b.path.length || compareKeys(tableKey(a.table), tableKey(b.table)));
  const unreachable = [...byKey.entries()]
    .filter(([key, table]) => !reached.has(key) && isPersonal(table))
    .map(([key, table]) => ({ key, ref: table.ref }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((t) => t.ref);
  const edgesUsed = sorted.usable.filter((e) => reached.has(tableKey(e.from.table)) && reached.has(tableKey(e.to.table)));
  return { identities, reachable, unreachable, edgesUsed, edgesListedForReview: sorted.review, edgesIgnored: sorted.ignored };
}

/** Splits edges into those to follow, those a person should review, and those ignored, with why. */
function sortEdges(edges: readonly GraphEdge[], tables: Map<string, GraphTable>, viewKeys: Set<string>, options: GraphOptions) {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  // A rejection is about the link, whichever origin or orientation proposes it again.
  const rejected = new Set(edges.filter((e) => e.status === 'rejected').map(linkKey));
  const review: SkippedEdge[] = [];
  const ignored: SkippedEdge[] = [];
  const best = new Map<string, GraphEdge>();
  for (const edge of edges) {
    const problem = rejected.has(linkKey(edge)) ? 'rejected' : invalidity(edge, tables, viewKeys);
    if (problem) ignored.push({ edge, reason: problem });
    else if (edge.origin === 'inferred' && options.strictReferences) review.push({ edge, reason: 'strict' });
    else if (edge.origin === 'inferred' && edge.confidence < minConfidence) review.push({ edge, reason: 'low-confidence' });
    else {
      const key = linkKey(edge);
      const kept = best.get(key);
      if (!kept) best.set(key, edge);
      else if (preferred(edge, kept)) {
        best.set(key, edge);
        ignored.push({ edge: kept, reason: 'duplicate' });
      } else ignored.push({ edge, reason: 'duplicate' });
    }
  }
  return { usable: [...best.values()], review, ignored };
}

function invalidity(edge: GraphEdge, tables: Map<string, GraphTable>, viewKeys: Set<string>): SkipReason | null {
  if (edge.from.columns.length === 0 || edge.from.columns.length !== edge.to.columns.length) return 'column-mismatch';
  for (const end of [edge.from, edge.to]) {
    const key = tableKey(end.table);
    const table = tables.get(key);
    if (!table) return viewKeys.has(key) ? 'view' : 'unknown-table';
    if (!end.columns.every((c) => table.columns.some((col) => col.name === c))) return 'unknown-column';
  }
  return null;
}

function preferred(a: GraphEdge, b: GraphEdge): boolean {
  return ORIGIN_RANK[a.origin] < ORIGIN_RANK[b.origin] || (a.origin === b.origin && a.confidence > b.confidence);
}

/** Both directions of every edge; nothing leaves a view, whose rows are copies of others'. */
function adjacency(edges: readonly GraphEdge[], tables: Map<string, GraphTable>): Map<string, Step[]> {
  const steps = new Map<string, Step[]>();
  const add = (from: EdgeEnd, to: EdgeEnd, edge: GraphEdge, reversed: boolean) => {
    const key = tableKey(from.table);
    if (tables.get(key)?.kind === 'view') return;
    const list = steps.get(key) ?? [];
    list.push({ to: tableKey(to.table), hop: { from, to, origin: edge.origin, edge: edge.id ?? edgeKey(edge), reversed } });
    steps.set(key, list);
  };
  for (const edge of edges) {
    add(edge.from, edge.to, edge, false);
    add(edge.to, edge.from, edge, true);
  }
  return steps;
}

/**
 * Breadth-first, one layer of hops at a time, from every identity table at once. A table is
 * settled in the first layer that reaches it; within that layer the path with the best origins
 * wins. Settled tables are never revisited, so cycles and self-references end.
 */
function traverse(tables: Map<string, GraphTable>, edges: readonly GraphEdge[], identities: IdentityField[]): Map<string, Visit> {
  const steps = adjacency(edges, tables);
  const settled = new Map<string, Visit>();
  for (const field of identities) {
    const key = tableKey(field);
    const visit = settled.get(key) ?? { path: [], via: [], penalty: [0, 0] };
    visit.via.push(field);
    settled.set(key, visit);
  }
  let frontier = [...settled.keys()].sort(compareKeys);
  while (frontier.length) {
    const layer = new Map<string, Visit>();
    for (const key of frontier) {
      const here = settled.get(key)!;
      for (const step of steps.get(key) ?? []) {
        if (settled.has(step.to)) continue;
        const candidate: Visit = { path: [...here.path, step.hop], via: here.via, penalty: addPenalty(here.penalty, step.hop) };
        const current = layer.get(step.to);
        if (!current || lessPenalty(candidate.penalty, current.penalty)) layer.set(step.to, candidate);
      }
    }
    for (const [key, visit] of layer) settled.set(key, visit);
    frontier = [...layer.keys()].sort(compareKeys);
  }
  return settled;
}

function addPenalty([inferred, introspected]: [number, number], hop: Hop): [number, number] {
  return [inferred + (hop.origin === 'inferred' ? 1 : 0), introspected + (hop.origin === 'introspected' ? 1 : 0)];
}

function lessPenalty(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
