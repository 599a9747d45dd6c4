/**
 * The plan compiler (pure): from the identity graph, the map and the request's identities to the
 * steps per system. It decides what to do with each table and field; which rows are the person's
 * is decided by the executor in the database, set-based, from the rules recorded here:
 *
 * - Seeds: rows of tables holding an identity column of a requested kind (or a personal JSON
 *   column) that match a normalised identity.
 * - Links, to a fixpoint over EVERY edge of `edgesUsed` inside the system (parallel edges and
 *   self-references included): parent → child always (children of the person's rows are the
 *   person's); child → parent only into personal tables that are not identity tables (an address
 *   row the person's row points at is the person's; a product is nobody's, and a manager's row is
 *   another person's). Rows of identity tables are people of their own: an edge enters them only
 *   where all their identity columns are empty; otherwise they belong to whoever they name.
 *   Direction matters: the person's own rows are the seeds and, down, their children; rows reached
 *   up are only pointed at: read for access, never followed down again (the country's other
 *   cities are not the person's), never deleted. What the person's own rows point at (an address)
 *   has its personal fields erased unless anyone else's row points at it too; what is pointed at
 *   only through such rows (the address's city, its country) is reference data and never changes.
 * - Shared rows (read for access, never erased): rows linked to a personal row outside the set
 *   (a `shared_orders` row that also points at another customer), and their children.
 * - Tables without a primary key are keyed by all their comparable columns, compared null-safely:
 *   identical rows are indistinguishable, and are the same data. A table with no comparable column
 *   cannot be keyed: it is listed in the notes and skipped.
 * - Edges to other systems (declared in the map) become bridges, followed down: the executor reads
 *   the key values of the person's rows on the parent side and seeds the child table with them.
 */
import type { IdentityGraph, ReachedTable, TableRef } from '../../datamap/graph/types.js';
import { edgeKey, tableKey } from '../../datamap/graph/keys.js';
import { identityOf } from '../../datamap/map.js';
import type { MapField, MapState, MapTable } from '../../datamap/datamap.types.js';
import type { ColumnKind } from '../../discovery/connectors/connector.js';
import { normaliseIdentities, type IdentityInput } from './identities.js';
import { checkPolicy, fieldAction, ruleFor } from './policy.js';
import type { Bridge, ColumnFacts, ErasurePolicy, EraseStep, FieldPlan, Plan, PlanColumn, PlanEdge, PlanTable, RowAction, Step, SystemPlan } from './types.js';

export interface PlanInput {
  graph: IdentityGraph;
  state: MapState;
  identities: IdentityInput[];
  policy: ErasurePolicy;
  /** Nullability and length per table (`tableKey`) and column, from `describeColumns`; unknown nullability is treated as NOT NULL. */
  columns?: Record<string, Record<string, ColumnFacts>>;
  /** Region for phone numbers written without a country code. Default US. */
  defaultRegion?: string;
  /** Legal holds in force for this request: what they cover is kept, whatever the policy says. */
  holds?: PlanHold[];
}

/** A legal hold as the compiler sees it: every table (`all`, a hold on the subject), a system, a table (`tableKey`) or a data category. */
export interface PlanHold {
  all?: boolean;
  system?: string;
  table?: string;
  category?: string;
  reason: string;
}

function holdReason(hold: PlanHold): string {
  return `legal hold: ${hold.reason}`;
}

const COMPARABLE: ReadonlySet<ColumnKind> = new Set(['text', 'number', 'temporal', 'boolean']);

/** `character varying(120)`, `varchar(120)`, `char(2)` → the limit. */
export function lengthOfType(dataType: string | undefined): number | null {
  const m = dataType && /^(?:character varying|varchar|character|char|nvarchar|nchar|varbinary)\s*\((\d+)\)/i.exec(dataType.trim());
  return m ? Number(m[1]) : null;
}

function label(ref: TableRef): string {
  return ref.schema ? `${ref.schema}.${ref.table}` : ref.table;
}

function planTable(reached: ReachedTable, mapTable: MapTable | undefined, fields: MapField[], facts: Record<string, ColumnFacts> | undefined): PlanTable {
  const byColumn = new Map(fields.map((f) => [f.column, f]));
  const columns: PlanColumn[] = (mapTable?.columns ?? []).map((c) => {
    const field = byColumn.get(c.name);
    const fact = facts?.[c.name];
    const kind = c.kind as ColumnKind;
    const identity = field ? identityOf(field) : null;
    return {
      name: c.name,
      kind,
      ...(field?.category ? { category: field.category } : {}),
      ...(identity ? { identity } : {}),
      ...(kind === 'json' && (field?.category || field?.entity) ? { json: true } : {}),
      nullable: fact ? fact.nullable : null,
      maxLength: fact?.maxLength ?? lengthOfType(fact?.dataType ?? c.dataType),
    };
  });
  const primaryKey = mapTable?.primaryKey ?? [];
  const key = primaryKey.length ? primaryKey : columns.filter((c) => COMPARABLE.has(c.kind)).map((c) => c.name);
  return {
    ref: reached.table,
    key,
    keyIsPrimary: primaryKey.length > 0,
    columns,
    identityTable: columns.some((c) => c.identity),
    personal: columns.some((c) => c.category || c.identity),
  };
}

/** Strongly connected components (Tarjan), over table keys. */
function components(nodes: string[], next: (node: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}

interface TableDecision {
  rows: RowAction;
  fields: FieldPlan[];
  notes: string[];
  retainReason?: string;
}

function decideTable(table: PlanTable, edgeColumns: Set<string>, policy: ErasurePolicy, holds: PlanHold[] = []): TableDecision {
  const notes: string[] = [];
  const personal = table.columns.filter((c) => c.category || c.identity);
  const onTable = holds.find((h) => h.all || h.system === table.ref.system || h.table === tableKey(table.ref));
  if (onTable) {
    const reason = holdReason(onTable);
    notes.push(`rows kept: ${reason}`);
    return { rows: 'retain', retainReason: reason, notes, fields: personal.map((c) => ({ column: c.name, ...(c.category ? { category: c.category } : {}), requested: 'retain', action: 'retain', reason })) };
  }
  const onCategory = (category: string | undefined) => holds.find((h) => h.category && category && (category === h.category || category.startsWith(`${h.category}.`)));
  const rules = personal.map((c) => {
    const hold = onCategory(c.category);
    return { column: c, rule: hold ? { action: 'retain' as const, reason: holdReason(hold), matched: hold.category! } : ruleFor(policy, c.category) };
  });
  const retained = rules.filter((r) => r.rule.action === 'retain');
  let rows: RowAction;
  let retainReason: string | undefined;
  if (retained.length) {
    rows = 'retain';
    retainReason = [...new Set(retained.map((r) => r.rule.reason!))].join('; ');
    notes.push(`rows retained: ${retained.map((r) => r.column.name).join(', ')} under retention (${retainReason}); other personal fields erased in place`);
  } else if (!personal.length) {
    rows = policy.unclassifiedRows ?? 'delete_row';
    if (rows === 'retain') retainReason = 'rows without personal fields are kept by policy';
  } else rows = rules.some((r) => r.rule.action === 'delete_row') ? 'delete_row' : 'update';
  const fields = rules.map(({ column, rule }): FieldPlan => {
    const base = { column: column.name, ...(column.category ? { category: column.category } : {}), requested: rule.action };
    if (table.key.includes(column.name) && table.keyIsPrimary) return { ...base, action: 'retain', reason: 'primary key column: kept so the row stays addressable' };
    if (edgeColumns.has(column.name)) return { ...base, action: 'retain', reason: 'reference column: kept for referential integrity' };
    const decided = fieldAction(column, rule.action);
    return { ...base, action: decided.action, ...(decided.reason ? { reason: decided.reason } : rule.action === 'retain' ? { reason: rule.reason } : {}) };
  });
  return { rows, fields, notes, ...(retainReason ? { retainReason } : {}) };
}

function stepId(system: string, kind: Step['kind'], ref: TableRef): string {
  return `${system}:${kind}:${label(ref)}`;
}

function compileSystem(system: string, reached: ReachedTable[], input: PlanInput, crossSystem: string[]): SystemPlan {
  const mapTables = new Map(input.state.tables.map((t) => [tableKey({ system: t.system, schema: t.schema, table: t.table }), t]));
  const fieldsByTable = new Map<string, MapField[]>();
  for (const f of input.state.fields) {
    const key = tableKey({ system: f.system, schema: f.schema, table: f.table });
    fieldsByTable.set(key, [...(fieldsByTable.get(key) ?? []), f]);
  }
  const notesByTable = new Map<string, string[]>();
  const note = (key: string, text: string) => notesByTable.set(key, [...(notesByTable.get(key) ?? []), text]);
  const tables: PlanTable[] = [];
  for (const r of reached) {
    const key = tableKey(r.table);
    const t = planTable(r, mapTables.get(key), fieldsByTable.get(key) ?? [], input.columns?.[key]);
    if (!t.key.length) {
      note(key, 'no primary key and no comparable column: rows cannot be addressed, table skipped');
      continue;
    }
    tables.push(t);
  }
  const byKey = new Map(tables.map((t) => [tableKey(t.ref), t]));
  const edges: PlanEdge[] = [];
  for (const e of input.graph.edgesUsed) {
    const from = tableKey(e.from.table);
    const to = tableKey(e.to.table);
    if (e.from.table.system !== system && e.to.table.system !== system) continue;
    if (e.from.table.system !== e.to.table.system) {
      if (e.from.table.system === system) crossSystem.push(e.id ?? edgeKey(e));
      continue;
    }
    const parent = byKey.get(to);
    if (!byKey.has(from) || !parent) continue;
    edges.push({
      id: e.id ?? edgeKey(e),
      from: { table: from, columns: [...e.from.columns] },
      to: { table: to, columns: [...e.to.columns] },
      enforced: e.origin === 'introspected',
      down: true,
      up: parent.personal && !parent.identityTable,
    });
  }

  const decisions = new Map<string, TableDecision>();
  for (const t of tables) {
    const key = tableKey(t.ref);
    const edgeColumns = new Set(edges.flatMap((e) => [...(e.from.table === key ? e.from.columns : []), ...(e.to.table === key ? e.to.columns : [])]));
    decisions.set(key, decideTable(t, edgeColumns, input.policy, input.holds));
  }

  // Deletion order: children before parents over enforced references among tables whose rows are deleted.
  const deleting = tables.map((t) => tableKey(t.ref)).filter((k) => decisions.get(k)!.rows === 'delete_row');
  const deletingSet = new Set(deleting);
  const enforced = edges.filter((e) => e.enforced && deletingSet.has(e.from.table) && deletingSet.has(e.to.table));
  const nullable = (e: PlanEdge) => e.from.columns.every((c) => byKey.get(e.from.table)!.columns.find((col) => col.name === c)?.nullable === true);
  const breakEdges = new Set<string>();
  for (const comp of components(deleting, (n) => enforced.filter((e) => e.from.table === n).map((e) => e.to.table))) {
    const inside = new Set(comp);
    const internal = enforced.filter((e) => inside.has(e.from.table) && inside.has(e.to.table));
    if (!internal.length) continue;
    const breakable = internal.filter(nullable);
    const rest = internal.filter((e) => !breakable.includes(e));
    const stillCyclic = components(comp, (n) => rest.filter((e) => e.from.table === n).map((e) => e.to.table)).some((c) => c.length > 1) || rest.some((e) => e.from.table === e.to.table);
    if (stillCyclic) {
      for (const k of comp) {
        const d = decisions.get(k)!;
        d.rows = 'update';
        d.fields = d.fields.map((f) => (f.requested === 'delete_row' && f.action === 'pseudonymise' ? { ...f, reason: 'cycle of NOT NULL references cannot be broken: pseudonymised instead of deleted' } : f));
        d.notes.push('rows in a cycle of NOT NULL foreign keys: pseudonymised instead of deleted');
        deletingSet.delete(k);
      }
    } else {
      for (const e of breakable) breakEdges.add(e.id);
    }
  }
  // Children before parents over every reference when that has an order (a key the map only
  // inferred may still be enforced, on a partition say); over the enforced ones when it has none.
  const nodes = tables.map((t) => tableKey(t.ref));
  const ordering = (list: PlanEdge[]) => topologicalOrder(nodes, list.filter((e) => !breakEdges.has(e.id) && e.from.table !== e.to.table));
  const everyEdge = ordering(edges);
  const order = everyEdge.complete ? everyEdge : ordering(edges.filter((e) => e.enforced));

  for (const e of edges) {
    const child = decisions.get(e.from.table)!;
    const parent = decisions.get(e.to.table)!;
    if (child.rows === 'retain' && parent.rows === 'delete_row') {
      parent.notes.push(`rows referenced by retained rows of ${label(byKey.get(e.from.table)!.ref)} are pseudonymised instead of deleted (${child.retainReason})`);
    }
  }

  const steps: Step[] = [];
  for (const t of tables) {
    const kinds = new Set(input.identities.map((i) => i.kind));
    const seeds = t.columns.flatMap((c) => {
      if (c.identity && kinds.has(c.identity)) return [{ column: c.name, identity: c.identity, json: false }];
      if (c.json) return [...kinds].map((k) => ({ column: c.name, identity: k, json: true }));
      return [];
    });
    steps.push({ id: stepId(system, 'match', t.ref), kind: 'match', table: t.ref, seeds });
  }
  for (const t of tables) {
    steps.push({ id: stepId(system, 'read', t.ref), kind: 'read', table: t.ref, columns: t.columns.map((c) => ({ name: c.name, ...(c.category ? { category: c.category } : {}) })) });
  }
  const erase = tables.map((t): EraseStep => {
    const key = tableKey(t.ref);
    const d = decisions.get(key)!;
    return {
      id: stepId(system, 'erase', t.ref),
      kind: 'erase',
      table: t.ref,
      rows: d.rows,
      fields: d.fields,
      order: order.get(key) ?? 0,
      breakEdges: edges.filter((e) => breakEdges.has(e.id) && e.from.table === key).map((e) => e.id),
      notes: [...(notesByTable.get(key) ?? []), ...d.notes],
      ...(d.retainReason ? { retainReason: d.retainReason } : {}),
    };
  });
  steps.push(...erase.sort((a, b) => a.order - b.order));
  for (const t of tables) {
    const d = decisions.get(tableKey(t.ref))!;
    const kinds = new Set(input.identities.map((i) => i.kind));
    const columns = t.columns.flatMap((c) => {
      const retained = d.fields.find((f) => f.column === c.name)?.action === 'retain';
      if (c.identity && kinds.has(c.identity)) return [{ column: c.name, identity: c.identity, json: false, retained }];
      if (c.json) return [...kinds].map((k) => ({ column: c.name, identity: k, json: true, retained }));
      return [];
    });
    if (columns.length) steps.push({ id: stepId(system, 'verify', t.ref), kind: 'verify', table: t.ref, columns });
  }
  return { system, tables, edges, steps };
}

/** Position per table: every child (referencing) table comes before its parents; `complete` is false when a cycle left some unordered. */
function topologicalOrder(nodes: string[], edges: PlanEdge[]): Map<string, number> & { complete: boolean } {
  const indegree = new Map(nodes.map((n) => [n, 0]));
  for (const e of edges) indegree.set(e.to.table, (indegree.get(e.to.table) ?? 0) + 1);
  const order = new Map<string, number>();
  let ready = nodes.filter((n) => indegree.get(n) === 0).sort();
  let position = 0;
  while (ready.length) {
    const next: string[] = [];
    for (const n of ready) {
      order.set(n, position);
      for (const e of edges.filter((x) => x.from.table === n)) {
        const left = indegree.get(e.to.table)! - 1;
        indegree.set(e.to.table, left);
        if (left === 0) next.push(e.to.table);
      }
    }
    position++;
    ready = next.sort();
  }
  // Anything left is in a cycle the compiler already turned into updates.
  const complete = nodes.every((n) => order.has(n));
  for (const n of nodes) if (!order.has(n)) order.set(n, position);
  return Object.assign(order, { complete });
}

export function compilePlan(input: PlanInput): Plan {
  checkPolicy(input.policy);
  const identities = normaliseIdentities(input.identities, input.defaultRegion ? { defaultRegion: input.defaultRegion } : {});
  const bySystem = new Map<string, ReachedTable[]>();
  // Tables no identity column reaches may still hold identities inside JSON: they are searched too.
  const jsonTables = input.graph.unreachable.filter((ref) =>
    input.state.fields.some((f) => f.system === ref.system && f.schema === ref.schema && f.table === ref.table && (f.category || f.entity) && input.state.tables.some((t) => t.system === ref.system && t.schema === ref.schema && t.table === ref.table && t.columns.some((c) => c.name === f.column && c.kind === 'json'))),
  );
  for (const r of [...input.graph.reachable, ...jsonTables.map((table): ReachedTable => ({ table, kind: 'table', personal: true, via: [], path: [] }))]) {
    if (r.kind === 'view') continue;
    bySystem.set(r.table.system, [...(bySystem.get(r.table.system) ?? []), r]);
  }
  const crossSystemEdges: string[] = [];
  const systems = [...bySystem.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([system, reached]) => compileSystem(system, reached, { ...input, identities }, crossSystemEdges));
  const planned = new Set(systems.flatMap((s) => s.tables.map((t) => tableKey(t.ref))));
  const bridges: Bridge[] = input.graph.edgesUsed
    .filter((e) => e.from.table.system !== e.to.table.system && planned.has(tableKey(e.from.table)) && planned.has(tableKey(e.to.table)))
    .map((e) => ({ id: e.id ?? edgeKey(e), from: { system: e.from.table.system, table: tableKey(e.from.table), columns: [...e.from.columns] }, to: { system: e.to.table.system, table: tableKey(e.to.table), columns: [...e.to.columns] } }));
  return { identities, systems, crossSystemEdges, bridges };
}
