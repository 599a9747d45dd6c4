/**
 * Export: the map as manifest files. Deterministic (stable key order, sorted lists, fixed line
 * width, no ids, timestamps, levels, confidence or provenance), so that export → apply to an empty
 * store → export gives the same bytes. Connections and secrets are never written.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CustosError } from '../../lib/errors.js';
import { OrganisationSchema } from '../datamap.schemas.js';
import type { Activity, MapState, MapSystem, Reference, TaxonomyExtensionEntry } from '../datamap.types.js';
import { compact, dumpYaml, fileStem, ordered, snakeKeys, sortBy } from './convert.js';
import { activityFields, isExportedReference, tableAddressKey } from './state.js';
import type { DesiredTable } from './types.js';

export const ORGANISATION_FILE = 'organisation.yaml';
export const TAXONOMY_FILE = 'taxonomy.yaml';
export const SYSTEMS_DIR = 'systems';
export const ACTIVITIES_DIR = 'activities';

/** taxonomy.yaml list names, in file order. */
export const TAXONOMY_LISTS = { data_categories: 'data_category', data_uses: 'data_use', data_subjects: 'data_subject' } as const;

export const systemFile = (name: string) => `${SYSTEMS_DIR}/${fileStem(name)}.yaml`;
export const activityFile = (key: string) => `${ACTIVITIES_DIR}/${fileStem(key)}.yaml`;

export function renderManifests(state: MapState): Map<string, string> {
  const files = new Map<string, string>();
  if (state.organisation) files.set(ORGANISATION_FILE, dumpYaml({ organisation: snakeKeys(compact(ordered(OrganisationSchema, state.organisation))) }));
  if (state.taxonomy.length) files.set(TAXONOMY_FILE, dumpYaml(renderTaxonomy(state.taxonomy)));
  for (const system of sortBy(state.systems, (s) => [s.name])) files.set(systemFile(system.name), dumpYaml(renderSystem(state, system)));
  for (const activity of sortBy(state.activities, (a) => [a.key])) files.set(activityFile(activity.key), dumpYaml({ activity: renderActivity(activity) }));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function renderTaxonomy(entries: TaxonomyExtensionEntry[]) {
  const out: Record<string, unknown> = {};
  for (const [list, kind] of Object.entries(TAXONOMY_LISTS)) {
    const items = sortBy(entries.filter((e) => e.kind === kind), (e) => [e.key]).map((e) => compact({ key: e.key, parent: e.parent, name: e.name, description: e.description }));
    if (items.length) out[list] = items;
  }
  return out;
}

function renderActivity(activity: Activity): unknown {
  return snakeKeys(compact(activityFields(activity)));
}

function renderSystem(state: MapState, system: MapSystem) {
  const details = compact({
    name: system.name,
    description: system.description,
    kind: system.kind,
    owner: system.owner,
    department: system.department,
    hosting_region: system.hostingRegion,
    hosting_country: system.hostingCountry,
    role: system.role,
    security_measures: system.securityMeasures,
  });
  const tables = systemTables(state, system.name);
  const schemas = [...new Set(tables.map((t) => t.schema))];
  const datasets = schemas.map((schema) => ({
    schema,
    tables: tables
      .filter((t) => t.schema === schema)
      .map((t) =>
        compact({
          name: t.name,
          kind: t.kind === 'table' ? undefined : t.kind,
          primary_key: t.primaryKey,
          fields: t.fields.map((f) => compact({ name: f.name, data_type: f.dataType, data_category: f.dataCategory, identity: f.identity })),
        }),
      ),
  }));
  const references = systemReferences(state, system.name).map((r) =>
    compact({
      from: { schema: r.from.schema, table: r.from.table, columns: r.from.columns },
      to: { ...(r.to.system === system.name ? {} : { system: r.to.system }), schema: r.to.schema, table: r.to.table, columns: r.to.columns },
      note: r.note,
    }),
  );
  return compact({ system: details, datasets, references });
}

/**
 * Every table of a system the map holds, sorted by schema and name, each with all its columns as
 * fields (sorted by name) and the category and identity of those that have one.
 */
export function systemTables(state: MapState, system: string): Required<Pick<DesiredTable, 'schema' | 'name' | 'kind' | 'primaryKey' | 'fields'>>[] {
  const byTable = new Map<string, { schema: string; name: string; kind: string; primaryKey: string[]; columns: Map<string, { name: string; dataType?: string; dataCategory?: string; identity?: string }> }>();
  const entry = (schema: string, name: string) => {
    const key = tableAddressKey(system, schema, name);
    let table = byTable.get(key);
    if (!table) byTable.set(key, (table = { schema, name, kind: 'table', primaryKey: [], columns: new Map() }));
    return table;
  };
  for (const t of state.tables.filter((t) => t.system === system)) {
    const table = entry(t.schema, t.table);
    table.kind = t.kind;
    table.primaryKey = t.primaryKey;
    for (const c of t.columns) table.columns.set(c.name, { name: c.name, ...(c.dataType ? { dataType: c.dataType } : {}) });
  }
  for (const f of state.fields.filter((f) => f.system === system)) {
    const table = entry(f.schema, f.table);
    const column = table.columns.get(f.column) ?? { name: f.column, ...(f.dataType ? { dataType: f.dataType } : {}) };
    if (f.category) column.dataCategory = f.category;
    if (f.identity) column.identity = f.identity;
    table.columns.set(f.column, column);
  }
  return sortBy([...byTable.values()], (t) => [t.schema, t.name]).map((t) => ({ schema: t.schema, name: t.name, kind: t.kind, primaryKey: t.primaryKey, fields: sortBy([...t.columns.values()], (c) => [c.name]) }));
}

/** The exported references starting in a system, sorted by both ends. */
export function systemReferences(state: MapState, system: string): Reference[] {
  return sortBy(
    state.references.filter((r) => r.from.system === system && isExportedReference(r)),
    (r) => [r.from.schema, r.from.table, r.from.columns.join('\u0000'), r.to.system, r.to.schema, r.to.table, r.to.columns.join('\u0000')],
  );
}

/**
 * Writes rendered files under `dir` (created as needed) and removes manifest files this tool
 * writes that were not rendered this time: stale `systems/*.yaml`, `activities/*.yaml`,
 * organisation.yaml and taxonomy.yaml. Nothing else in the folder is touched.
 */
export async function writeManifests(dir: string, files: Map<string, string>): Promise<{ written: string[]; removed: string[] }> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new CustosError('VALIDATION_FAILED', `${dir} is a file, not a folder for manifests`, { details: [{ field: 'dir', message: 'not a folder' }] });
  for (const rel of files.keys()) {
    if (path.isAbsolute(rel) || rel.split('/').includes('..')) throw new CustosError('INTERNAL', `refusing to write ${rel} outside ${dir}`);
  }
  const removed: string[] = [];
  const existing = [ORGANISATION_FILE, TAXONOMY_FILE, ...(await listYaml(dir, SYSTEMS_DIR)), ...(await listYaml(dir, ACTIVITIES_DIR))];
  for (const rel of existing) {
    if (files.has(rel)) continue;
    const file = path.join(dir, rel);
    if ((await stat(file).catch(() => undefined))?.isFile()) {
      await rm(file);
      removed.push(rel);
    }
  }
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
  }
  return { written: [...files.keys()], removed };
}

/** `sub/*.yaml` (or another extension) relative to dir; empty when the folder does not exist. */
export async function listYaml(dir: string, sub: string, extension = '.yaml'): Promise<string[]> {
  const names = await readdir(path.join(dir, sub)).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(extension)).sort().map((n) => `${sub}/${n}`);
}
