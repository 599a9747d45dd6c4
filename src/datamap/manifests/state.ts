/**
 * Between MapState and DesiredState: which references manifests carry, the columns a manifest
 * implies, and the map an empty store would hold after applying a desired state.
 */
import type { ColumnKind } from '../../discovery/connectors/connector.js';
import { ActivityInputSchema, type ActivityFields, type ReferenceInput } from '../datamap.schemas.js';
import type { Activity, MapField, MapState, MapSystem, MapTable, Reference } from '../datamap.types.js';
import { DEFAULT_MIN_CONFIDENCE } from '../graph/graph.js';
import { ordered } from './convert.js';
import type { DesiredState } from './types.js';

/**
 * What manifests export: active references, whatever their origin, except inferred ones below the
 * confidence the identity graph follows on its own (those wait for a person's review).
 */
export function isExportedReference(ref: Reference): boolean {
  return ref.status === 'active' && (ref.origin !== 'inferred' || ref.confidence >= DEFAULT_MIN_CONFIDENCE);
}

type End = ReferenceInput['from'];
const endKey = (end: End) => JSON.stringify([end.system, end.schema, end.table, end.columns]);

/** Identity of a reference: both ends, in orientation. */
export function referenceKey(ref: Pick<ReferenceInput, 'from' | 'to'>): string {
  return `${endKey(ref.from)}>${endKey(ref.to)}`;
}

export function describeReference(ref: Pick<ReferenceInput, 'from' | 'to'>): string {
  const end = (e: End) => `${e.schema ? `${e.schema}.` : ''}${e.table}(${e.columns.join(', ')})`;
  const to = ref.to.system === ref.from.system ? end(ref.to) : `${ref.to.system}: ${end(ref.to)}`;
  return `${ref.from.system}: ${end(ref.from)} → ${to}`;
}

export const tableAddressKey = (system: string, schema: string, table: string) => JSON.stringify([system, schema, table]);

/** An activity as the schema gives it back (keys in schema order), so stored JSON and parsed manifests compare and render alike. */
export function activityFields(activity: Activity): ActivityFields {
  const fields = Object.fromEntries(Object.keys(ActivityInputSchema.shape).map((k) => [k, activity[k as keyof Activity]]));
  return ordered(ActivityInputSchema, { ...fields, controller: activity.controller ?? undefined, retention: activity.retention });
}

/**
 * A column kind from a type name, for columns a manifest adds (a scan keeps the connector's own).
 * Accepts database types (varchar, bigint, timestamptz) and Fides types (string, integer, object).
 */
export function columnKindOf(dataType: string): ColumnKind {
  const t = dataType.toLowerCase().replace(/\[\]$/, '');
  if (!t) return 'other';
  if (/^(bool|boolean|bit)$/.test(t)) return 'boolean';
  if (/json|^object$|^hstore$/.test(t)) return 'json';
  if (/int|serial|numeric|decimal|float|double|real|number|money/.test(t)) return 'number';
  if (/date|time|interval|year/.test(t)) return 'temporal';
  if (/blob|binary|bytea|raw/.test(t)) return 'binary';
  if (/char|text|string|clob|uuid|enum|citext|object_id|inet|xml/.test(t)) return 'text';
  return 'other';
}

/**
 * The map an empty store holds once the desired state is applied: systems without connections,
 * tables and fields of origin code, declared references, activities of origin code. Ids are made
 * from names, so the result is deterministic.
 */
export function desiredToState(desired: DesiredState): MapState {
  const systems: MapSystem[] = desired.systems.map((s) => ({
    id: `system:${s.name}`,
    name: s.name,
    description: s.details.description ?? '',
    kind: s.details.kind ?? 'database',
    engine: '',
    connection: '',
    scannable: false,
    owner: s.details.owner ?? null,
    department: s.details.department ?? null,
    hostingRegion: s.details.hostingRegion ?? null,
    hostingCountry: s.details.hostingCountry ?? null,
    role: s.details.role ?? 'controller',
    securityMeasures: s.details.securityMeasures ?? [],
    reviewRequired: false,
  }));
  const tables: MapTable[] = [];
  const fields: MapField[] = [];
  for (const s of desired.systems) {
    for (const t of s.tables) {
      const at = { systemId: `system:${s.name}`, system: s.name, schema: t.schema, table: t.name };
      tables.push({ ...at, kind: t.kind ?? 'table', rowEstimate: null, primaryKey: t.primaryKey ?? [], columns: t.fields.map((f) => ({ name: f.name, dataType: f.dataType ?? '', kind: columnKindOf(f.dataType ?? '') })), origin: 'code' });
      for (const f of t.fields) {
        if (f.dataCategory === undefined && f.identity === undefined) continue;
        fields.push({ ...at, id: `field:${tableAddressKey(s.name, t.schema, t.name)}#${f.name}`, column: f.name, dataType: f.dataType ?? '', entity: null, category: f.dataCategory ?? null, level: null, confidence: 1, provenance: 'code', identity: f.identity ?? null, freeText: false });
      }
    }
  }
  const references: Reference[] = desired.systems.flatMap((s) =>
    s.references.map((r) => ({ id: `reference:${referenceKey(r)}`, from: r.from, to: r.to, origin: 'declared' as const, confidence: 1, status: 'active' as const, evidence: {}, note: r.note ?? null })),
  );
  const activities: Activity[] = desired.activities.map((a) => ({
    ...a,
    id: `activity:${a.key}`,
    controller: a.controller ?? null,
    retention: a.retention ?? null,
    reviewRequired: false,
    reviewReasons: [],
    origin: 'code',
    createdAt: '',
    updatedAt: '',
  }));
  return { organisation: desired.organisation ?? null, systems, tables, fields, references, activities, taxonomy: desired.taxonomy.map((t) => ({ ...t })) };
}
