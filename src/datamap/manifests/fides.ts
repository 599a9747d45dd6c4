/**
 * Fides interop: dataset YAML (collections and fields, with `fides_meta` identity, primary keys and
 * references) and system YAML (privacy declarations) in and out of our desired state.
 *
 * Decisions:
 * - Nested fields are flattened to dotted names (`profile.phones`); the parent stays a field of type
 *   object. Export nests a dotted field under its parent again when the parent is a field.
 * - A field takes its most specific data category (most segments; the first on a tie), after
 *   mapping fideslang v1 keys; a field with none inherits its collection's, then its dataset's.
 * - `fidesops_meta` is read as `fides_meta` (fides_meta wins where both say something).
 * - A reference `{dataset, field: "collection.field", direction}` on field X becomes X → that field;
 *   `direction: from` means the edge runs into X, so the ends swap. Export writes references on the
 *   `from` field without a direction (Custos follows references both ways). Composite references
 *   export as one Fides reference per column pair and re-import as single-column references.
 * - A dataset's schema is `fides_meta.namespace.schema`, else the `schema` option (default `public`).
 * Unknown Fides keys (masking, `after`, lengths …) are ignored: they steer Fides request execution.
 */
import { z } from 'zod';
import { normaliseCategoryKey } from '../../taxonomy/taxonomy.js';
import { ActivityInputSchema, type ActivityFields, type ActivityInput, type ReferenceInput } from '../datamap.schemas.js';
import type { MapState } from '../datamap.types.js';
import { compact, dumpYaml, sortBy } from './convert.js';
import { IssueList, parseYamlFile, type ParsedYaml } from './issues.js';
import { systemReferences, systemTables } from './render.js';
import { columnKindOf, referenceKey } from './state.js';
import type { DesiredField, DesiredState, DesiredSystem, DesiredTable } from './types.js';

// ---- Fides shapes (lenient: Fides files carry many keys Custos does not use) -------------------

const categories = z.array(z.string().min(1)).nullish();
const MetaSchema = z
  .object({
    identity: z.string().min(1).nullish(),
    primary_key: z.boolean().nullish(),
    data_type: z.string().min(1).nullish(),
    references: z.array(z.object({ dataset: z.string().min(1), field: z.string().min(1), direction: z.enum(['to', 'from']).nullish() }).loose()).nullish(),
  })
  .loose();
type Meta = z.output<typeof MetaSchema>;

interface FidesField {
  name: string;
  data_categories?: string[] | null | undefined;
  fides_meta?: Meta | null | undefined;
  fidesops_meta?: Meta | null | undefined;
  fields?: FidesField[] | null | undefined;
}

const FieldSchema: z.ZodType<FidesField> = z.lazy(() =>
  z.object({ name: z.string().min(1), data_categories: categories, fides_meta: MetaSchema.nullish(), fidesops_meta: MetaSchema.nullish(), fields: z.array(FieldSchema).nullish() }).loose(),
);

const DatasetMetaSchema = z.object({ namespace: z.object({ schema: z.string().nullish() }).loose().nullish() }).loose().nullish();
const DatasetFileSchema = z
  .object({
    dataset: z.array(
      z
        .object({
          fides_key: z.string().min(1),
          data_categories: categories,
          fides_meta: DatasetMetaSchema,
          fidesops_meta: DatasetMetaSchema,
          collections: z.array(z.object({ name: z.string().min(1), data_categories: categories, fields: z.array(FieldSchema) }).loose()),
        })
        .loose(),
    ),
  })
  .loose();

const DeclarationSchema = z
  .object({
    name: z.string().nullish(),
    data_use: z.string().min(1),
    data_categories: z.array(z.string().min(1)).default([]),
    data_subjects: z.array(z.string().min(1)).default([]),
    legal_basis_for_processing: z.string().nullish(),
    special_category_legal_basis: z.string().nullish(),
    retention_period: z.union([z.string(), z.number()]).nullish(),
    third_parties: z.string().nullish(),
  })
  .loose();

const SystemFileSchema = z
  .object({
    system: z.array(
      z
        .object({
          fides_key: z.string().min(1),
          name: z.string().nullish(),
          description: z.string().nullish(),
          system_type: z.string().nullish(),
          administrating_department: z.string().nullish(),
          responsibility: z.array(z.string()).nullish(),
          data_security_practices: z.string().nullish(),
          legal_basis_for_transfers: z.array(z.string()).nullish(),
          egress: z.array(z.unknown()).nullish(),
          ingress: z.array(z.unknown()).nullish(),
          requires_data_protection_assessments: z.boolean().nullish(),
          dpa_location: z.string().nullish(),
          privacy_declarations: z.array(DeclarationSchema).default([]),
        })
        .loose(),
    ),
  })
  .loose();

function parseFides<T>(schema: z.ZodType<T>, yamlText: string, file: string): T {
  const issues = new IssueList();
  const parsed: ParsedYaml = parseYamlFile(file, yamlText, issues);
  let data: T | undefined;
  if (parsed.value !== undefined) {
    const result = schema.safeParse(parsed.value);
    if (result.success) data = result.data;
    else issues.addZod(parsed, result.error);
  }
  issues.throwIfAny(file);
  return data!;
}

// ---- datasets -----------------------------------------------------------------------------------

export interface FidesDatasetImportOptions {
  /** The Custos system the datasets describe. */
  system: string;
  /** Schema of datasets whose `fides_meta.namespace` names none: default `public`; the database name for MySQL, '' for SQLite. */
  schema?: string;
  /** Datasets referenced but not in this file: fides_key → the system and schema holding them. */
  datasets?: Record<string, { system: string; schema: string }>;
  /** Name used in error messages. */
  file?: string;
}

export interface FidesImport {
  /** A fragment: one system with empty details (details are not managed), its tables and references. */
  desired: DesiredState;
  warnings: string[];
}

const mostSpecific = (keys: readonly string[]): string | undefined =>
  keys.map(normaliseCategoryKey).reduce<string | undefined>((best, k) => (best === undefined || k.split('.').length > best.split('.').length ? k : best), undefined);

export function importFidesDatasets(yamlText: string, options: FidesDatasetImportOptions): FidesImport {
  const file = parseFides(DatasetFileSchema, yamlText, options.file ?? 'fides dataset');
  const warnings: string[] = [];
  const schemaOf = (d: (typeof file.dataset)[number]) => d.fides_meta?.namespace?.schema ?? d.fidesops_meta?.namespace?.schema ?? options.schema ?? 'public';
  const local = new Map(file.dataset.map((d) => [d.fides_key, { system: options.system, schema: schemaOf(d) }]));
  const tables = new Map<string, DesiredTable>();
  const references = new Map<string, ReferenceInput>();
  for (const dataset of file.dataset) {
    const schema = schemaOf(dataset);
    for (const collection of dataset.collections) {
      const fields: DesiredField[] = [];
      const primaryKey: string[] = [];
      const inherited = collection.data_categories?.length ? collection.data_categories : (dataset.data_categories ?? []);
      const walk = (list: readonly FidesField[], prefix: string) => {
        for (const f of list) {
          const name = `${prefix}${f.name}`;
          const meta: Meta = { ...f.fidesops_meta, ...compact(f.fides_meta ?? {}) };
          const children = f.fields ?? [];
          const category = mostSpecific(f.data_categories?.length ? f.data_categories : children.length ? [] : inherited);
          fields.push({ name, ...(meta.data_type ? { dataType: meta.data_type } : {}), ...(category ? { dataCategory: category } : {}), ...(meta.identity ? { identity: meta.identity } : {}) });
          if (meta.primary_key) primaryKey.push(name);
          for (const ref of meta.references ?? []) {
            const target = local.get(ref.dataset) ?? options.datasets?.[ref.dataset];
            const dot = ref.field.indexOf('.');
            if (!target || dot < 1) {
              warnings.push(`${dataset.fides_key}.${collection.name}.${name}: reference to ${ref.dataset}.${ref.field} skipped: ${target ? 'the field must be collection.field' : `dataset ${ref.dataset} is not in this file; map it with the datasets option`}`);
              continue;
            }
            const self = { system: options.system, schema, table: collection.name, columns: [name] };
            const other = { system: target.system, schema: target.schema, table: ref.field.slice(0, dot), columns: [ref.field.slice(dot + 1)] };
            const reference = ref.direction === 'from' ? { from: other, to: self } : { from: self, to: other };
            references.set(referenceKey(reference), reference);
          }
          walk(children, `${name}.`);
        }
      };
      walk(collection.fields, '');
      const key = JSON.stringify([schema, collection.name]);
      if (tables.has(key)) warnings.push(`${dataset.fides_key}.${collection.name}: a collection ${collection.name} in schema ${schema} was already read; the later one is kept`);
      tables.set(key, { schema, name: collection.name, ...(primaryKey.length ? { primaryKey } : {}), fields: sortBy(fields, (f) => [f.name]) });
    }
  }
  const system: DesiredSystem = {
    name: options.system,
    details: {},
    tables: sortBy([...tables.values()], (t) => [t.schema, t.name]),
    references: sortBy([...references.values()], (r) => [referenceKey(r)]),
  };
  return { desired: { taxonomy: [], systems: [system], activities: [] }, warnings };
}

const FIDES_TYPE = /^(string|integer|float|boolean|object_id|object)(\[\])?$/;

/** A Fides data_type for a column type, or undefined when none fits. */
function fidesDataType(dataType: string | undefined): string | undefined {
  if (!dataType) return undefined;
  if (FIDES_TYPE.test(dataType)) return dataType;
  const array = dataType.endsWith('[]') ? '[]' : '';
  const base = dataType.replace(/\[\]$/, '');
  switch (columnKindOf(base)) {
    case 'text':
    case 'temporal':
      return `string${array}`;
    case 'number':
      return `${/float|double|real|numeric|decimal|money/i.test(base) ? 'float' : 'integer'}${array}`;
    case 'boolean':
      return `boolean${array}`;
    default:
      return undefined;
  }
}

const fidesKey = (value: string) => value.replace(/[^A-Za-z0-9_.-]/g, '_') || '_';

/** Dataset fides_key of a system's schema: the system's name, or name_schema when it has several schemas. */
function datasetKeys(state: MapState) {
  const schemas = new Map<string, Set<string>>();
  for (const t of [...state.tables, ...state.fields]) {
    const set = schemas.get(t.system) ?? new Set<string>();
    set.add(t.schema);
    schemas.set(t.system, set);
  }
  return (system: string, schema: string) => fidesKey((schemas.get(system)?.size ?? 1) > 1 ? `${system}_${schema || 'default'}` : system);
}

interface FidesFieldOut {
  name: string;
  data_categories?: string[];
  fides_meta?: Record<string, unknown>;
  fields?: FidesFieldOut[];
}

/** The system's tables as Fides datasets (one a schema), with references to the datasets they point at. */
export function exportFidesDatasets(state: MapState, system: string): string {
  const keyOf = datasetKeys(state);
  const tables = systemTables(state, system);
  const references = systemReferences(state, system);
  const schemas = [...new Set(tables.map((t) => t.schema))];
  const dataset = schemas.map((schema) => ({
    fides_key: keyOf(system, schema),
    name: schemas.length > 1 ? `${system} ${schema}` : system,
    ...(schema ? { fides_meta: { namespace: { schema } } } : {}),
    collections: tables
      .filter((t) => t.schema === schema)
      .map((t) => {
        const names = new Set(t.fields.map((f) => f.name));
        const byName = new Map<string, FidesFieldOut>();
        const top: FidesFieldOut[] = [];
        for (const f of t.fields) {
          const parent = [...names].filter((p) => f.name.startsWith(`${p}.`)).sort((a, b) => b.length - a.length)[0];
          const refs = references
            .filter((r) => r.from.schema === schema && r.from.table === t.name)
            .flatMap((r) => r.from.columns.flatMap((c, i) => (c === f.name ? [{ dataset: keyOf(r.to.system, r.to.schema), field: `${r.to.table}.${r.to.columns[i]}` }] : [])));
          const meta = compact({ data_type: fidesDataType(f.dataType), identity: f.identity, primary_key: t.primaryKey.includes(f.name) || undefined, references: refs });
          const out: FidesFieldOut = { name: parent ? f.name.slice(parent.length + 1) : f.name, ...(f.dataCategory ? { data_categories: [f.dataCategory] } : {}), ...(Object.keys(meta).length ? { fides_meta: meta } : {}) };
          byName.set(f.name, out);
          const into = parent ? byName.get(parent)! : undefined;
          if (into) {
            // Fides: a field with sub-fields is an object and carries no categories itself.
            into.fields = [...(into.fields ?? []), out];
            into.fides_meta = { ...into.fides_meta, data_type: 'object' };
            delete into.data_categories;
          } else top.push(out);
        }
        return { name: t.name, fields: top };
      }),
  }));
  return dumpYaml({ dataset });
}

// ---- systems ------------------------------------------------------------------------------------

/** fideslang's Art. 6 and Art. 9 values (lower-cased) → our GDPR ids (src/law/legal-bases.yaml). */
const ART6: Readonly<Record<string, string>> = {
  consent: 'consent',
  contract: 'contract',
  'legal obligations': 'legal_obligation',
  'legal obligation': 'legal_obligation',
  'vital interests': 'vital_interests',
  'public interest': 'public_task',
  'public task': 'public_task',
  'legitimate interests': 'legitimate_interests',
  'legitimate interest': 'legitimate_interests',
};
const ART9: Readonly<Record<string, string>> = {
  'explicit consent': 'explicit_consent',
  'employment, social security and social protection': 'employment_social_security',
  'vital interests': 'vital_interests',
  'not-for-profit bodies': 'not_for_profit_body',
  'made public by the data subject': 'manifestly_made_public',
  'legal claims or judicial acts': 'legal_claims',
  'reasons of substantial public interest (with a basis in law)': 'substantial_public_interest',
  'health or social care (with a basis in law)': 'health_social_care',
  'public health (with a basis in law)': 'public_health',
  'archiving, research and statistics (with a basis in law)': 'archiving_research_statistics',
};
/** Our id → fideslang's spelling (the first listed). */
const invert = (map: Readonly<Record<string, string>>) => {
  const out = new Map<string, string>();
  for (const [fides, id] of Object.entries(map)) if (!out.has(id)) out.set(id, fides.replace(/^./, (c) => c.toUpperCase()));
  return out;
};
const ART6_OUT = invert(ART6);
const ART9_OUT = invert(ART9);

const SYSTEM_TYPES: [RegExp, string][] = [
  [/warehouse/i, 'warehouse'],
  [/database|\bdb\b/i, 'database'],
  [/file|storage|bucket/i, 'file_store'],
  [/third.?party|vendor|saas/i, 'vendor_service'],
  [/application|service|app\b/i, 'application'],
];

export interface FidesSystemsImport {
  systems: DesiredSystem[];
  activities: ActivityFields[];
  warnings: string[];
}

const activityKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_').replace(/^[^a-z0-9]+|_+$/g, '').slice(0, 100) || 'activity';
const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/**
 * Fides `system:` manifests → systems (details only) and processing activities: privacy
 * declarations with the same name, across systems, make one activity (its systems are theirs).
 */
export function importFidesSystems(yamlText: string, options: { file?: string } = {}): FidesSystemsImport {
  const fileName = options.file ?? 'fides system';
  const file = parseFides(SystemFileSchema, yamlText, fileName);
  const warnings: string[] = [];
  const systems: DesiredSystem[] = [];
  const activities = new Map<string, ActivityInput & { dataUses: string[]; dataCategories: string[]; dataSubjects: string[]; systems: string[]; legalBases: NonNullable<ActivityInput['legalBases']>; recipients: NonNullable<ActivityInput['recipients']> }>();
  for (const s of file.system) {
    const name = s.fides_key;
    const responsibility = (s.responsibility ?? []).map((r) => r.toLowerCase());
    const kind = SYSTEM_TYPES.find(([re]) => re.test(s.system_type ?? ''))?.[1] ?? (s.system_type ? 'other' : undefined);
    const department = s.administrating_department && s.administrating_department !== 'Not defined' ? s.administrating_department : undefined;
    systems.push({
      name,
      details: compact({
        description: s.description ?? s.name ?? undefined,
        kind: kind as DesiredSystem['details']['kind'],
        department,
        role: responsibility.includes('controller') ? 'controller' : responsibility.length ? 'processor' : undefined,
        securityMeasures: s.data_security_practices ? [s.data_security_practices] : undefined,
      }),
      tables: [],
      references: [],
    });
    if (s.egress?.length || s.ingress?.length) warnings.push(`${name}: egress/ingress data flows are not imported; record them as references between systems or as activity systems`);
    if (s.legal_basis_for_transfers?.length) warnings.push(`${name}: legal_basis_for_transfers (${s.legal_basis_for_transfers.join(', ')}) not imported: Fides records no destination country; add transfers to the activities`);
    for (const d of s.privacy_declarations) {
      const label = d.name || `${name} ${d.data_use}`;
      const key = activityKey(label);
      const activity = activities.get(key) ?? { key, name: label, dataUses: [], dataCategories: [], dataSubjects: [], legalBases: [], recipients: [], systems: [] };
      activity.dataUses = union(activity.dataUses, [d.data_use]);
      activity.dataCategories = union(activity.dataCategories, d.data_categories.map(normaliseCategoryKey));
      activity.dataSubjects = union(activity.dataSubjects, d.data_subjects);
      activity.systems = union(activity.systems, [name]);
      const basis = d.legal_basis_for_processing ? ART6[d.legal_basis_for_processing.trim().toLowerCase()] : undefined;
      const special = d.special_category_legal_basis ? ART9[d.special_category_legal_basis.trim().toLowerCase()] : undefined;
      if (d.legal_basis_for_processing && !basis) warnings.push(`${label}: legal basis "${d.legal_basis_for_processing}" is not a GDPR Art. 6 basis Custos knows; not imported`);
      if (d.special_category_legal_basis && !special) warnings.push(`${label}: special category basis "${d.special_category_legal_basis}" is not a GDPR Art. 9 condition Custos knows; not imported`);
      if (special && !basis) warnings.push(`${label}: special category basis without an Art. 6 basis; add the Art. 6 basis in Custos`);
      if (basis && !activity.legalBases.some((b) => b.basis === basis && b.specialCondition === special)) activity.legalBases.push({ jurisdiction: 'GDPR', basis, ...(special ? { specialCondition: special } : {}) });
      if (d.retention_period !== undefined && d.retention_period !== null && d.retention_period !== '' && !activity.retention) {
        activity.retention = { description: typeof d.retention_period === 'number' ? `${d.retention_period} days` : d.retention_period };
      }
      for (const party of (d.third_parties ?? '').split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
        if (!activity.recipients.some((r) => r.name === party)) activity.recipients.push({ name: party, type: 'third_party' });
      }
      if (s.requires_data_protection_assessments && !activity.dpia) activity.dpia = { status: 'required', ...(s.dpa_location ? { reference: s.dpa_location } : {}) };
      activities.set(key, activity);
    }
  }
  const issues = new IssueList();
  const parsed: ActivityFields[] = [];
  for (const activity of activities.values()) {
    const result = ActivityInputSchema.safeParse(activity);
    if (result.success) parsed.push(result.data);
    else for (const issue of result.error.issues) issues.add(fileName, ['privacy_declarations', activity.name, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], issue.message);
  }
  issues.throwIfAny(fileName);
  return { systems: sortBy(systems, (s) => [s.name]), activities: sortBy(parsed, (a) => [a.key]), warnings };
}

/** Systems as Fides `system:` manifests, with one privacy declaration per activity and data use. */
export function exportFidesSystems(state: MapState): string {
  const system = sortBy(state.systems, (s) => [s.name]).map((s) => ({
    fides_key: fidesKey(s.name),
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    system_type: s.kind,
    ...(s.department ? { administrating_department: s.department } : {}),
    responsibility: [s.role === 'processor' ? 'Processor' : 'Controller'],
    ...(s.securityMeasures.length ? { data_security_practices: s.securityMeasures.join('; ') } : {}),
    privacy_declarations: sortBy(state.activities.filter((a) => a.systems.includes(s.name)), (a) => [a.key]).flatMap((a) => {
      const gdpr = a.legalBases.find((b) => b.jurisdiction === 'GDPR');
      const recipients = a.recipients.filter((r) => r.type !== 'internal').map((r) => r.name);
      return [...a.dataUses].sort().map((use) =>
        compact({
          name: a.name,
          data_use: use,
          data_categories: a.dataCategories,
          data_subjects: a.dataSubjects,
          legal_basis_for_processing: gdpr ? ART6_OUT.get(gdpr.basis) : undefined,
          special_category_legal_basis: gdpr?.specialCondition ? ART9_OUT.get(gdpr.specialCondition) : undefined,
          retention_period: a.retention ? (a.retention.description ?? a.retention.period) : undefined,
          data_shared_with_third_parties: recipients.length ? true : undefined,
          third_parties: recipients.length ? recipients.join(', ') : undefined,
        }),
      );
    }),
  }));
  return dumpYaml({ system });
}
