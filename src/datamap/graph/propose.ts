/**
 * Reference candidates from names alone, where the schema declares none. Each is only a guess
 * until `inferReferences` has checked it against the data; the rules are the ones people follow
 * when they leave foreign keys out: `customer_id` points at `customers`, a non-generic key column
 * keeps its name in the tables that reference it, and two tables holding the same identity kind
 * describe the same people.
 */
import { columnKey, linkKey, sameTable, tableKey } from './keys.js';
import type { EdgeEnd, GraphColumn, GraphEdge, GraphTable, NameRule } from './types.js';

export interface ReferenceCandidate {
  from: EdgeEnd;
  to: EdgeEnd;
  nameRule: NameRule;
  join: 'key' | 'identity';
}

/** Key column names too common to mean the same thing in two tables. */
const GENERIC_KEY_NAMES = new Set(['id', 'uuid', 'guid', 'key', 'pk', 'oid', 'rowid', 'code', 'name', 'ref', 'reference', 'number', 'no', 'num', 'value', 'type', 'status', 'slug', 'hash']);
/** Column types that can hold keys; values of other kinds are never references. */
const KEY_KINDS = new Set<GraphColumn['kindOfType']>(['text', 'number', 'other']);

/** Lower-case words of an identifier: `orderLineID`, `OrderLineId` and `order_line_id` agree. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The words before `id` in `customer_id`, `customerId` or `customerid`; null for other names. */
export function foreignKeyStem(column: string): string[] | null {
  const words = nameWords(column);
  const last = words.at(-1);
  if (!last?.endsWith('id')) return null;
  const rest = last.slice(0, -2);
  // `customerid` is one word: what precedes `id` must be a word, not a fragment like `pa(id)`.
  const stem = rest.length >= 3 ? [...words.slice(0, -1), rest] : rest.length === 0 ? words.slice(0, -1) : [];
  return stem.length ? stem : null;
}

/** The table names a stem may refer to: singular or plural (`s`, `es`, `ies`). */
export function tableNamesFor(stem: string[]): string[] {
  const s = stem.join('_');
  const names = [s, `${s}s`, `${s}es`];
  if (s.endsWith('y')) names.push(`${s.slice(0, -1)}ies`);
  return names;
}

/**
 * Candidates between tables and partitioned tables of one system (the containment check runs in
 * one database; views and files cannot be probed). Child columns already in a declared or
 * introspected edge are left alone, and links `existing` already holds, rejected ones included,
 * are not proposed again.
 */
export function proposeReferences(tables: readonly GraphTable[], existing: readonly GraphEdge[] = []): ReferenceCandidate[] {
  const probeable = tables.filter((t) => t.kind === 'table' || t.kind === 'partitioned');
  const known = new Set(existing.map(linkKey));
  const covered = new Set(existing.filter((e) => e.origin !== 'inferred').flatMap((e) => e.from.columns.map((c) => columnKey(e.from.table, c))));
  const candidates: ReferenceCandidate[] = [];
  const add = (candidate: ReferenceCandidate) => {
    const key = linkKey(candidate);
    if (known.has(key)) return;
    known.add(key);
    candidates.push(candidate);
  };
  for (const child of probeable) {
    for (const column of child.columns) {
      if (!KEY_KINDS.has(column.kindOfType) || covered.has(columnKey(child.ref, column.name))) continue;
      for (const candidate of keyCandidates(child, column, probeable)) add(candidate);
    }
  }
  for (const candidate of identityCandidates(probeable)) add(candidate);
  return candidates;
}

/** The single key column others reference: the one-column primary key, or a column named `id`. */
function parentKey(table: GraphTable): GraphColumn | undefined {
  if (table.primaryKey.length > 1) return undefined;
  const name = table.primaryKey[0];
  return name === undefined ? table.columns.find((c) => c.name.toLowerCase() === 'id') : table.columns.find((c) => c.name === name);
}

/** The first rule that finds a parent wins: full stem, then trailing words of it, then same name. */
function keyCandidates(child: GraphTable, column: GraphColumn, tables: GraphTable[]): ReferenceCandidate[] {
  const parents = tables.filter((t) => t.ref.system === child.ref.system);
  const stem = foreignKeyStem(column.name);
  const rules: [NameRule, (t: GraphTable, key: GraphColumn) => boolean][] = [];
  if (stem) {
    const names = tableNamesFor(stem);
    const suffixes = stem.slice(1).flatMap((_, i) => tableNamesFor(stem.slice(i + 1)));
    rules.push(['fk-name', (t) => names.includes(nameWords(t.ref.table).join('_'))]);
    rules.push(['fk-name-suffix', (t) => suffixes.includes(nameWords(t.ref.table).join('_'))]);
  }
  if (!GENERIC_KEY_NAMES.has(column.name.toLowerCase())) rules.push(['same-name-key', (_t, key) => key.name === column.name]);
  for (const [nameRule, matches] of rules) {
    const found = parents.flatMap((parent) => {
      const key = parentKey(parent);
      const self = sameTable(parent.ref, child.ref) && key?.name === column.name;
      return key && !self && key.kindOfType === column.kindOfType && matches(parent, key) ? [{ parent, key }] : [];
    });
    const chosen = preferSameSchema(found, child);
    if (chosen.length)
      return chosen.map(({ parent, key }) => ({ from: { table: child.ref, columns: [column.name] }, to: { table: parent.ref, columns: [key.name] }, nameRule, join: 'key' }));
  }
  return [];
}

/** Matches in the child's own schema; failing those, a match elsewhere only when it is the only one. */
function preferSameSchema<T extends { parent: GraphTable }>(found: T[], child: GraphTable): T[] {
  const same = found.filter((f) => f.parent.ref.schema === child.ref.schema);
  return same.length ? same : found.length === 1 ? found : [];
}

/** Every pair of tables of one system with an identity column of the same kind, in a stable orientation. */
function identityCandidates(tables: GraphTable[]): ReferenceCandidate[] {
  const byKind = new Map<string, { table: GraphTable; column: GraphColumn }[]>();
  for (const table of tables) {
    for (const column of table.columns) {
      if (!column.identity) continue;
      const group = `${table.ref.system}\u0000${column.identity}`;
      byKind.set(group, [...(byKind.get(group) ?? []), { table, column }]);
    }
  }
  const candidates: ReferenceCandidate[] = [];
  for (const members of byKind.values()) {
    members.sort((a, b) => (columnKey(a.table.ref, a.column.name) < columnKey(b.table.ref, b.column.name) ? -1 : 1));
    members.forEach((a, i) => {
      for (const b of members.slice(i + 1)) {
        if (tableKey(a.table.ref) === tableKey(b.table.ref)) continue;
        candidates.push({ from: { table: a.table.ref, columns: [a.column.name] }, to: { table: b.table.ref, columns: [b.column.name] }, nameRule: 'identity', join: 'identity' });
      }
    });
  }
  return candidates;
}
