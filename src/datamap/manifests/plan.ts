/**
 * The plan: what must change for the map to match the manifests, in the order to apply it
 * (organisation, taxonomy, systems, tables, fields, references, activities; then deletions in
 * reverse). Planning twice against the applied result gives no changes.
 *
 * What the manifests manage, and so what `prune` may delete — nothing is deleted without it:
 * - activities of origin `code` that no manifest lists (console activities are never deleted);
 * - in systems the manifests describe: tables of origin `code` and their columns, fields of
 *   provenance `code` (the category/identity declaration, not the column), and active declared
 *   references (a person's or a manifest's statement, including accepted inferred ones);
 * - taxonomy extensions no manifest lists.
 * Never deleted: systems, the organisation, scanned tables and columns, scanner findings or a
 * person's field decisions, introspected and inferred references, and anything of a system the
 * manifests do not describe.
 */
import { ActivityInputSchema, OrganisationSchema, type ActivityFields, type SystemDetails } from '../datamap.schemas.js';
import type { MapState } from '../datamap.types.js';
import { sameValue, sortBy, toSnakeKey } from './convert.js';
import { activityFields, columnKindOf, describeReference, isExportedReference, referenceKey, tableAddressKey } from './state.js';
import type { Change, DesiredState, DesiredTable, FieldSpec, TableAddress, TableSpec } from './types.js';

export interface PlanOptions {
  prune?: boolean;
}

const where = (at: TableAddress) => `${at.system}: ${at.schema ? `${at.schema}.` : ''}${at.table}`;

export function planChanges(current: MapState, desired: DesiredState, options: PlanOptions = {}): Change[] {
  const prune = options.prune ?? false;
  const managedSystems = new Set(desired.systems.map((s) => s.name));
  const changes: Change[] = [];
  const taxonomyDeletions: Change[] = [];
  const tableDeletions: Change[] = [];
  const fieldDeletions: Change[] = [];

  // ---- organisation and taxonomy --------------------------------------------------------------
  if (desired.organisation) {
    const org = desired.organisation;
    if (!current.organisation) changes.push({ action: 'create', kind: 'organisation', organisation: org, summary: `organisation ${org.name}` });
    else {
      const changed = Object.keys(OrganisationSchema.shape).filter((k) => !sameValue(org[k as keyof typeof org], current.organisation![k as keyof typeof org])).map(toSnakeKey);
      if (changed.length) changes.push({ action: 'update', kind: 'organisation', organisation: org, changed, summary: `organisation ${org.name}: ${changed.join(', ')}` });
    }
  }
  const taxonomyKey = (e: { kind: string; key: string }) => `${e.kind}\u0000${e.key}`;
  const currentTaxonomy = new Map(current.taxonomy.map((e) => [taxonomyKey(e), e]));
  for (const entry of sortBy(desired.taxonomy, (e) => [e.kind, e.key])) {
    const cur = currentTaxonomy.get(taxonomyKey(entry));
    const label = `${entry.kind.replace('_', ' ')} ${entry.key}`;
    if (!cur) changes.push({ action: 'create', kind: 'taxonomy', entry, summary: label });
    else {
      const changed = (['parent', 'name', 'description'] as const).filter((k) => (entry[k] ?? null) !== (cur[k] ?? null));
      if (changed.length) changes.push({ action: 'update', kind: 'taxonomy', entry, changed, summary: `${label}: ${changed.join(', ')}` });
    }
  }
  if (prune) {
    const wanted = new Set(desired.taxonomy.map(taxonomyKey));
    for (const e of sortBy(current.taxonomy, (e) => [e.kind, e.key])) {
      if (!wanted.has(taxonomyKey(e))) taxonomyDeletions.push({ action: 'delete', kind: 'taxonomy', entry: { kind: e.kind, key: e.key }, summary: `${e.kind.replace('_', ' ')} ${e.key}` });
    }
  }

  // ---- systems, tables, fields ----------------------------------------------------------------
  const tableChanges: Change[] = [];
  const fieldChanges: Change[] = [];
  const currentTables = new Map(current.tables.map((t) => [tableAddressKey(t.system, t.schema, t.table), t]));
  const currentFields = new Map(current.fields.map((f) => [`${tableAddressKey(f.system, f.schema, f.table)}#${f.column}`, f]));
  const wantedTables = new Set<string>();
  const wantedFields = new Set<string>();
  for (const system of sortBy(desired.systems, (s) => [s.name])) {
    const cur = current.systems.find((s) => s.name === system.name);
    if (!cur) changes.push({ action: 'create', kind: 'system', name: system.name, details: system.details, summary: `system ${system.name}` });
    else {
      const changed = (Object.keys(system.details) as (keyof SystemDetails)[]).filter((k) => system.details[k] !== undefined && !sameValue(system.details[k], cur[k]));
      if (changed.length) {
        const details = Object.fromEntries(changed.map((k) => [k, system.details[k]])) as SystemDetails;
        changes.push({ action: 'update', kind: 'system', name: system.name, details, changed: changed.map(toSnakeKey), summary: `system ${system.name}: ${changed.map(toSnakeKey).join(', ')}` });
      }
    }
    for (const table of sortBy(system.tables, (t) => [t.schema, t.name])) {
      const at: TableAddress = { system: system.name, schema: table.schema, table: table.name };
      const key = tableAddressKey(at.system, at.schema, at.table);
      wantedTables.add(key);
      const change = planTable(at, table, currentTables.get(key), prune);
      if (change) tableChanges.push(change);
      for (const field of sortBy(table.fields, (f) => [f.name])) {
        const fieldKey = `${key}#${field.name}`;
        if (field.dataCategory !== undefined || field.identity !== undefined) wantedFields.add(fieldKey);
        const curField = currentFields.get(fieldKey);
        const identity = field.identity ?? null;
        const spec: FieldSpec = { name: field.name, dataType: field.dataType ?? currentTables.get(key)?.columns.find((c) => c.name === field.name)?.dataType ?? curField?.dataType ?? '', category: field.dataCategory ?? null, identity };
        const label = `field ${where(at)}.${field.name}`;
        if (!curField) {
          if (field.dataCategory !== undefined || field.identity !== undefined) fieldChanges.push({ action: 'create', kind: 'field', at, field: spec, summary: `${label}${describeField(spec)}` });
          continue;
        }
        const changed = [...(field.dataCategory !== undefined && curField.category !== field.dataCategory ? ['data_category'] : []), ...(curField.identity !== identity ? ['identity'] : [])];
        if (!changed.length) continue;
        if (!changed.includes('data_category')) spec.category = null;
        fieldChanges.push({ action: 'update', kind: 'field', at, field: spec, changed, summary: `${label}: ${changed.map((c) => (c === 'identity' ? `identity ${curField.identity ?? 'none'} → ${identity ?? 'none'}` : `data_category ${curField.category ?? 'none'} → ${field.dataCategory}`)).join(', ')}` });
      }
    }
  }
  changes.push(...tableChanges, ...fieldChanges);
  if (prune) {
    for (const f of sortBy(current.fields, (f) => [f.system, f.schema, f.table, f.column])) {
      const key = `${tableAddressKey(f.system, f.schema, f.table)}#${f.column}`;
      if (f.provenance === 'code' && managedSystems.has(f.system) && !wantedFields.has(key)) {
        fieldDeletions.push({ action: 'delete', kind: 'field', at: { system: f.system, schema: f.schema, table: f.table }, column: f.column, summary: `field ${where(f)}.${f.column}` });
      }
    }
    for (const t of sortBy(current.tables, (t) => [t.system, t.schema, t.table])) {
      if (t.origin === 'code' && managedSystems.has(t.system) && !wantedTables.has(tableAddressKey(t.system, t.schema, t.table))) {
        tableDeletions.push({ action: 'delete', kind: 'table', at: { system: t.system, schema: t.schema, table: t.table }, summary: `table ${where(t)}` });
      }
    }
  }

  // ---- references -------------------------------------------------------------------------------
  const currentRefs = new Map(current.references.map((r) => [referenceKey(r), r]));
  const wantedRefs = new Set<string>();
  const desiredRefs = sortBy(desired.systems.flatMap((s) => s.references), (r) => [referenceKey(r)]);
  for (const reference of desiredRefs) {
    const key = referenceKey(reference);
    if (wantedRefs.has(key)) continue;
    wantedRefs.add(key);
    const cur = currentRefs.get(key);
    if (!cur || !isExportedReference(cur)) {
      const was = cur ? (cur.status === 'rejected' ? ' (was rejected)' : ' (was inferred, awaiting review)') : '';
      changes.push({ action: 'create', kind: 'reference', reference, summary: `reference ${describeReference(reference)}${was}` });
    } else if (reference.note !== undefined && reference.note !== cur.note) {
      changes.push({ action: 'update', kind: 'reference', reference, changed: ['note'], summary: `reference ${describeReference(reference)}: note` });
    }
  }
  const referenceDeletions: Change[] = [];
  if (prune) {
    for (const r of sortBy(current.references, (r) => [referenceKey(r)])) {
      if (r.origin === 'declared' && r.status === 'active' && managedSystems.has(r.from.system) && !wantedRefs.has(referenceKey(r))) {
        referenceDeletions.push({ action: 'delete', kind: 'reference', reference: { from: r.from, to: r.to }, summary: `reference ${describeReference(r)}` });
      }
    }
  }

  // ---- activities -------------------------------------------------------------------------------
  const currentActivities = new Map(current.activities.map((a) => [a.key, a]));
  for (const activity of sortBy(desired.activities, (a) => [a.key])) {
    const cur = currentActivities.get(activity.key);
    if (!cur) {
      changes.push({ action: 'create', kind: 'activity', activity, summary: `activity ${activity.key}` });
      continue;
    }
    const was = activityFields(cur);
    const changed = Object.keys(ActivityInputSchema.shape).filter((k) => !sameValue(activity[k as keyof ActivityFields], was[k as keyof ActivityFields])).map(toSnakeKey);
    if (changed.length) changes.push({ action: 'update', kind: 'activity', activity, changed, summary: `activity ${activity.key}: ${changed.join(', ')}` });
  }
  const activityDeletions: Change[] = [];
  if (prune) {
    const wanted = new Set(desired.activities.map((a) => a.key));
    for (const a of sortBy(current.activities, (a) => [a.key])) {
      if (a.origin === 'code' && !wanted.has(a.key)) activityDeletions.push({ action: 'delete', kind: 'activity', key: a.key, summary: `activity ${a.key}` });
    }
  }

  // Deletions run last and in reverse dependency order: activities, references, fields, tables, taxonomy.
  return [...changes, ...activityDeletions, ...referenceDeletions, ...fieldDeletions, ...tableDeletions, ...taxonomyDeletions];
}

function describeField(spec: FieldSpec): string {
  const parts = [...(spec.category ? [spec.category] : []), ...(spec.identity ? [`identity ${spec.identity}`] : [])];
  return parts.length ? `: ${parts.join(', ')}` : '';
}

function planTable(at: TableAddress, table: DesiredTable, cur: MapState['tables'][number] | undefined, prune: boolean): Change | undefined {
  const columns = new Map((cur?.columns ?? []).map((c) => [c.name, { ...c }]));
  const added: string[] = [];
  const retyped: string[] = [];
  for (const f of table.fields) {
    const existing = columns.get(f.name);
    if (!existing) {
      columns.set(f.name, { name: f.name, dataType: f.dataType ?? '', kind: columnKindOf(f.dataType ?? '') });
      added.push(f.name);
    } else if (f.dataType !== undefined && existing.dataType !== f.dataType) {
      columns.set(f.name, { name: f.name, dataType: f.dataType, kind: columnKindOf(f.dataType) });
      retyped.push(f.name);
    }
  }
  const removed: string[] = [];
  if (prune && cur?.origin === 'code') {
    const listed = new Set(table.fields.map((f) => f.name));
    for (const name of columns.keys()) if (!listed.has(name)) removed.push(name);
    for (const name of removed) columns.delete(name);
  }
  const spec: TableSpec = { schema: at.schema, table: at.table, kind: table.kind ?? cur?.kind ?? 'table', primaryKey: table.primaryKey ?? cur?.primaryKey ?? [], columns: [...columns.values()], rowEstimate: cur?.rowEstimate ?? null };
  const label = `table ${where(at)}`;
  if (!cur) return { action: 'create', kind: 'table', system: at.system, table: spec, summary: `${label} (${spec.columns.length} field${spec.columns.length === 1 ? '' : 's'})` };
  const changed = [
    ...(spec.kind !== cur.kind ? ['kind'] : []),
    ...(!sameValue(spec.primaryKey, cur.primaryKey) ? ['primary_key'] : []),
    ...(added.length || retyped.length || removed.length ? ['fields'] : []),
  ];
  if (!changed.length) return undefined;
  const detail = [...added.map((c) => `+${c}`), ...retyped.map((c) => `~${c}`), ...removed.map((c) => `-${c}`)].join(' ');
  return { action: 'update', kind: 'table', system: at.system, table: spec, changed, summary: `${label}: ${changed.join(', ')}${detail ? ` (${detail})` : ''}` };
}

const SIGN = { create: '+', update: '~', delete: '-' } as const;

/** A readable diff for the CLI: one line a change, then a count. */
export function formatPlan(changes: readonly Change[]): string {
  if (!changes.length) return 'No changes: the map matches the manifests.';
  const count = (action: Change['action']) => changes.filter((c) => c.action === action).length;
  const lines = changes.map((c) => `${SIGN[c.action]} ${c.summary}`);
  return `${lines.join('\n')}\n\n${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete.`;
}
