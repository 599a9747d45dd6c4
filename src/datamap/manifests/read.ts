/**
 * Reading manifests: every file is parsed and validated with the same schemas the API uses; all
 * problems across all files are collected and thrown as one VALIDATION_FAILED error. Keys are
 * snake_case in YAML (convert.ts maps them). A file must be named after its key
 * (`systems/<name>.yaml`, `activities/<key>.yaml`): a mismatch is an error, like an unknown key.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CustosError } from '../../lib/errors.js';
import { ActivityInputSchema, OrganisationSchema, ReferenceInputSchema, SystemDetailsSchema, TaxonomyExtensionSchema, type ActivityFields, type Organisation } from '../datamap.schemas.js';
import type { TaxonomyExtensionEntry } from '../datamap.types.js';
import { camelKeys, sortBy, toCamelKey } from './convert.js';
import { IssueList, parseYamlFile, type ParsedYaml } from './issues.js';
import { ACTIVITIES_DIR, activityFile, listYaml, ORGANISATION_FILE, SYSTEMS_DIR, systemFile, TAXONOMY_FILE, TAXONOMY_LISTS } from './render.js';
import type { DesiredState, DesiredSystem, DesiredTable } from './types.js';

const TABLE_KINDS = ['table', 'partitioned', 'view', 'file'] as const;

const FieldSchema = z
  .object({
    name: z.string().min(1),
    dataType: z.string().min(1).optional(),
    dataCategory: z.string().min(1).optional(),
    identity: z.string().min(1).max(100).optional(),
  })
  .strict();

const TableSchema = z
  .object({
    name: z.string().min(1),
    kind: z.enum(TABLE_KINDS).optional(),
    primaryKey: z.array(z.string().min(1)).optional(),
    fields: z.array(FieldSchema).default([]),
  })
  .strict()
  .superRefine((table, ctx) => {
    const names = new Set<string>();
    table.fields.forEach((f, i) => {
      if (names.has(f.name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `field ${f.name} is listed twice` });
      names.add(f.name);
    });
    table.primaryKey?.forEach((c, i) => names.has(c) || ctx.addIssue({ code: 'custom', path: ['primaryKey', i], message: `${c} is not a field of the table` }));
  });

const SystemFileSchema = z
  .object({
    system: SystemDetailsSchema.extend({ name: z.string().trim().min(1).max(200) }),
    datasets: z.array(z.object({ schema: z.string(), tables: z.array(TableSchema).default([]) }).strict()).default([]),
    references: z.array(ReferenceInputSchema).default([]),
  })
  .strict();

const TaxonomyEntrySchema = TaxonomyExtensionSchema.omit({ kind: true });
const TaxonomyFileSchema = z.object({ dataCategories: z.array(TaxonomyEntrySchema).default([]), dataUses: z.array(TaxonomyEntrySchema).default([]), dataSubjects: z.array(TaxonomyEntrySchema).default([]) }).strict();
const OrganisationFileSchema = z.object({ organisation: OrganisationSchema }).strict();
const ActivityFileSchema = z.object({ activity: ActivityInputSchema }).strict();

/** Reads a manifest folder (see parseManifests). */
export async function readManifests(dir: string): Promise<DesiredState> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CustosError('NOT_FOUND', `no manifest folder at ${dir}`);
  const files = new Map<string, string>();
  const candidates = [ORGANISATION_FILE, TAXONOMY_FILE];
  // `.yml` files are read only to say they are not: a manifest silently skipped would be a typo passing.
  for (const sub of [SYSTEMS_DIR, ACTIVITIES_DIR]) candidates.push(...(await listYaml(dir, sub)), ...(await listYaml(dir, sub, '.yml')));
  for (const rel of candidates) {
    const text = await readFile(path.join(dir, rel), 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
    if (text !== undefined) files.set(rel, text);
  }
  return parseManifests(files);
}

/**
 * Parses and validates manifest files given as relative path → YAML text (what renderManifests
 * returns). Throws one VALIDATION_FAILED listing every problem with file, YAML path and line.
 */
export function parseManifests(files: ReadonlyMap<string, string>): DesiredState {
  const issues = new IssueList();
  const desired: DesiredState = { taxonomy: [], systems: [], activities: [] };
  const systemFiles = new Map<string, string>();
  const activityFiles = new Map<string, string>();
  for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (file.endsWith('.yml')) {
      issues.add(file, [], 'manifests end in .yaml; rename the file so it is read');
      continue;
    }
    const parsed = parseYamlFile(file, text, issues);
    if (parsed.value === undefined) continue;
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      issues.add(parsed, [], 'expected a mapping of keys to values');
      continue;
    }
    const value = camelKeys(parsed.value, (p) => issues.add(parsed, p, 'unknown key (manifest keys are snake_case)'));
    if (file === ORGANISATION_FILE) {
      const org = validate(OrganisationFileSchema, parsed, value, issues);
      if (org) desired.organisation = org.organisation as Organisation;
    } else if (file === TAXONOMY_FILE) {
      readTaxonomy(parsed, value, issues, desired.taxonomy);
    } else if (file.startsWith(`${SYSTEMS_DIR}/`)) {
      const system = readSystem(parsed, value as Record<string, unknown>, issues);
      if (system && claim(system.name, systemFile(system.name), parsed, ['system', 'name'], systemFiles, issues)) desired.systems.push(system);
    } else if (file.startsWith(`${ACTIVITIES_DIR}/`)) {
      const activity = validate(ActivityFileSchema, parsed, value, issues)?.activity as ActivityFields | undefined;
      if (activity && claim(activity.key, activityFile(activity.key), parsed, ['activity', 'key'], activityFiles, issues)) desired.activities.push(activity);
    } else {
      issues.add(file, [], `not a manifest file: expected ${ORGANISATION_FILE}, ${TAXONOMY_FILE}, ${SYSTEMS_DIR}/<name>.yaml or ${ACTIVITIES_DIR}/<key>.yaml`);
    }
  }
  issues.throwIfAny('the privacy manifests');
  desired.systems = sortBy(desired.systems, (s) => [s.name]);
  desired.activities = sortBy(desired.activities, (a) => [a.key]);
  return desired;
}

function validate<T>(schema: z.ZodType<T>, parsed: ParsedYaml, value: unknown, issues: IssueList): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.addZod(parsed, result.error);
  return undefined;
}

/** One file per name, named after it; records the first file and reports the others. */
function claim(name: string, expected: string, parsed: ParsedYaml, path: string[], seen: Map<string, string>, issues: IssueList): boolean {
  const first = seen.get(name);
  if (first) {
    issues.add(parsed, path, `${name} is already described in ${first}`);
    return false;
  }
  seen.set(name, parsed.file);
  if (parsed.file !== expected) {
    issues.add(parsed, path, `the file for ${name} must be named ${expected}`);
    return false;
  }
  return true;
}

function readTaxonomy(parsed: ParsedYaml, value: unknown, issues: IssueList, into: TaxonomyExtensionEntry[]): void {
  const file = validate(TaxonomyFileSchema, parsed, value, issues);
  if (!file) return;
  for (const [list, kind] of Object.entries(TAXONOMY_LISTS)) {
    const camel = toCamelKey(list) as keyof typeof file;
    const seen = new Set<string>();
    file[camel].forEach((e, i) => {
      if (seen.has(e.key)) issues.add(parsed, [list, i, 'key'], `${e.key} is listed twice`);
      seen.add(e.key);
      into.push({ kind, key: e.key, parent: e.parent ?? null, name: e.name, description: e.description });
    });
  }
}

function readSystem(parsed: ParsedYaml, value: Record<string, unknown>, issues: IssueList): DesiredSystem | undefined {
  // References are written in their starting system's file: both ends default to it, `from` cannot leave it.
  const systemValue = value.system as Record<string, unknown> | undefined;
  const name = typeof systemValue?.name === 'string' && systemValue.name ? systemValue.name : '?';
  if (Array.isArray(value.references)) {
    value.references = value.references.map((r: unknown, i) => {
      if (typeof r !== 'object' || r === null) return r;
      const ref = r as Record<string, unknown>;
      const withSystem = (end: unknown, field: 'from' | 'to') => {
        if (typeof end !== 'object' || end === null) return end;
        if (field === 'from' && 'system' in end) issues.add(parsed, ['references', i, 'from', 'system'], 'a reference starts in the system of its file; write it in that system’s file');
        return { system: name, ...end };
      };
      return { ...ref, from: withSystem(ref.from, 'from'), to: withSystem(ref.to, 'to') };
    });
  }
  const file = validate(SystemFileSchema, parsed, value, issues);
  if (!file) return undefined;
  const { name: systemName, ...details } = file.system;
  const tables: DesiredTable[] = [];
  const seen = new Set<string>();
  file.datasets.forEach((d, i) =>
    d.tables.forEach((t, j) => {
      const key = JSON.stringify([d.schema, t.name]);
      if (seen.has(key)) issues.add(parsed, ['datasets', i, 'tables', j, 'name'], `table ${d.schema ? `${d.schema}.` : ''}${t.name} is listed twice`);
      seen.add(key);
      tables.push({ schema: d.schema, name: t.name, ...(t.kind ? { kind: t.kind } : {}), ...(t.primaryKey ? { primaryKey: t.primaryKey } : {}), fields: t.fields });
    }),
  );
  return { name: systemName, details, tables, references: file.references };
}
