/**
 * The taxonomy: data categories, data uses and data subjects, keyed like fideslang 2.0 so that Fides
 * manifests and datasets read and write without mapping. The defaults live beside this file as YAML
 * (data-categories.yaml, data-uses.yaml, data-subjects.yaml); users extend them with their own keys.
 * Hierarchy is carried by the dotted key: a key's parent is the key minus its last segment, and a
 * parent covers all its descendants.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CustosError } from '../lib/errors.js';
import { parseYamlData } from '../law/yaml-data.js';

export const TAXONOMY_KINDS = ['data_category', 'data_use', 'data_subject'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

export interface TaxonomyEntry {
  key: string;
  parent: string | null;
  name: string;
  description: string;
  kind: TaxonomyKind;
  isDefault: boolean;
  /** Data categories only: GDPR Art. 9 special category or PIPL Art. 28 sensitive information. */
  special?: boolean;
  /** Why the entry is special (required in the defaults when `special` is set). */
  citation?: string;
  /** The jurisdictions (src/law ids) under which the category is special or sensitive. */
  specialUnder?: string[];
}

const SEGMENT = /^[a-z0-9_]+$/;
const DOTTED_KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;

const FileSchema = z
  .object({
    version: z.literal(1),
    kind: z.enum(TAXONOMY_KINDS),
    entries: z
      .array(
        z
          .object({
            key: z.string().regex(DOTTED_KEY, 'a dotted key of [a-z0-9_] segments'),
            name: z.string().min(1),
            description: z.string().min(1),
            special: z.literal(true).optional(),
            special_under: z.array(z.string().regex(/^[A-Z_]+$/)).min(1).optional(),
            citation: z.string().min(5).optional(),
          })
          .strict()
          .refine((e) => !e.special || e.citation !== undefined, { message: 'a special entry needs a citation', path: ['citation'] })
          .refine((e) => !e.special === !e.special_under, { message: 'special and special_under go together', path: ['special_under'] }),
      )
      .min(1),
  })
  .strict();

/** Parses one taxonomy YAML file into entries (parent derived from the dotted key). */
export function parseTaxonomyFile(yamlText: string, expectedKind: TaxonomyKind, source = 'taxonomy'): TaxonomyEntry[] {
  const data = parseYamlData(FileSchema, yamlText, source);
  if (data.kind !== expectedKind) throw new CustosError('VALIDATION_FAILED', `${source}: kind is ${data.kind}, expected ${expectedKind}`);
  return data.entries.map((e) => {
    const entry: TaxonomyEntry = { key: e.key, parent: parentOf(e.key), name: e.name, description: e.description, kind: expectedKind, isDefault: true };
    if (e.special) entry.special = true;
    if (e.special_under) entry.specialUnder = e.special_under;
    if (e.citation !== undefined) entry.citation = e.citation;
    return entry;
  });
}

function parentOf(key: string): string | null {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? null : key.slice(0, dot);
}

const DEFAULT_FILES: Record<TaxonomyKind, string> = {
  data_category: 'data-categories.yaml',
  data_use: 'data-uses.yaml',
  data_subject: 'data-subjects.yaml',
};

let defaultEntries: readonly TaxonomyEntry[] | undefined;
let defaultTaxonomy: Taxonomy | undefined;

/** The default entries of all three kinds, read once. */
export function loadDefaultEntries(): readonly TaxonomyEntry[] {
  defaultEntries ??= Object.freeze(
    TAXONOMY_KINDS.flatMap((kind) => parseTaxonomyFile(readFileSync(new URL(`./${DEFAULT_FILES[kind]}`, import.meta.url), 'utf8'), kind, DEFAULT_FILES[kind])),
  );
  return defaultEntries;
}

/** The default taxonomy without extensions (cached). */
export function loadDefaultTaxonomy(): Taxonomy {
  defaultTaxonomy ??= new Taxonomy(loadDefaultEntries());
  return defaultTaxonomy;
}

/**
 * Defaults plus user extensions. Extensions are validated in order, so an extension may be the parent
 * of a later one; the first invalid one throws VALIDATION_FAILED with every problem listed.
 */
export function createTaxonomy(extensions: readonly TaxonomyEntry[] = []): Taxonomy {
  const taxonomy = new Taxonomy(loadDefaultEntries());
  for (const [i, entry] of extensions.entries()) taxonomy.extend(entry, `extensions.${i}`);
  return taxonomy;
}

export class Taxonomy {
  private readonly byKey = new Map<string, TaxonomyEntry>();

  constructor(entries: Iterable<TaxonomyEntry>) {
    for (const entry of entries) this.byKey.set(entry.key, entry);
  }

  get(key: string): TaxonomyEntry | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The key and each ancestor, most specific first: `user.contact.email` → email, contact, user. */
  ancestors(key: string): string[] {
    const chain: string[] = [];
    for (let k: string | null = key; k !== null; k = parentOf(k)) chain.push(k);
    return chain;
  }

  /** True when `byKey` is the key itself or one of its ancestors (a parent covers its descendants). */
  isCoveredBy(key: string, byKey: string): boolean {
    return key === byKey || key.startsWith(`${byKey}.`);
  }

  /** Direct children of a key, in definition order. */
  children(key: string): TaxonomyEntry[] {
    return [...this.byKey.values()].filter((e) => e.parent === key);
  }

  list(kind: TaxonomyKind): TaxonomyEntry[] {
    return [...this.byKey.values()].filter((e) => e.kind === kind);
  }

  /** True when the data category or any of its ancestors is special/sensitive. */
  isSpecial(categoryKey: string): boolean {
    return this.ancestors(categoryKey).some((k) => {
      const entry = this.byKey.get(k);
      return entry?.kind === 'data_category' && entry.special === true;
    });
  }

  /** Whether the category (or an ancestor) is special or sensitive under that jurisdiction's law. */
  isSpecialUnder(categoryKey: string, jurisdiction: string): boolean {
    return this.ancestors(categoryKey).some((k) => this.byKey.get(k)?.specialUnder?.includes(jurisdiction) === true);
  }

  /** Problems with a proposed extension; an empty list means it can be added. */
  validateExtension(entry: TaxonomyEntry): string[] {
    const problems: string[] = [];
    const { key, parent, kind } = entry;
    if (!(TAXONOMY_KINDS as readonly string[]).includes(kind)) problems.push(`kind must be one of ${TAXONOMY_KINDS.join(', ')}`);
    if (entry.isDefault) problems.push('an extension must have isDefault: false');
    if (!entry.name?.trim()) problems.push('name must not be empty');
    if (typeof entry.description !== 'string') problems.push('description must be a string');
    const segments = typeof key === 'string' ? key.split('.') : [];
    if (segments.length === 0 || segments.some((s) => !SEGMENT.test(s))) {
      problems.push(`key "${String(key)}" must be dot-separated segments of lower-case letters, digits and underscores`);
      return problems;
    }
    const existing = this.byKey.get(key);
    if (existing?.isDefault) problems.push(`key "${key}" is a default ${existing.kind} and cannot be redefined`);
    else if (existing) problems.push(`key "${key}" is already defined`);
    if (kind === 'data_subject') {
      if (segments.length > 1 || parent !== null) problems.push('data subjects are flat: the key must be one segment and parent must be null');
      return problems;
    }
    const expectedParent = parentOf(key);
    if (parent !== expectedParent) {
      problems.push(expectedParent === null ? `key "${key}" has one segment, so parent must be null` : `parent must be "${expectedParent}" (the key minus its last segment), not ${parent === null ? 'null' : `"${parent}"`}`);
    } else if (expectedParent !== null) {
      const parentEntry = this.byKey.get(expectedParent);
      if (!parentEntry) problems.push(`parent "${expectedParent}" does not exist`);
      else if (parentEntry.kind !== kind) problems.push(`parent "${expectedParent}" is a ${parentEntry.kind}, not a ${kind}`);
    }
    if (entry.special && kind !== 'data_category') problems.push('only data categories can be special');
    return problems;
  }

  /** Adds a validated extension; throws VALIDATION_FAILED listing every problem. */
  extend(entry: TaxonomyEntry, field = 'extension'): void {
    const problems = this.validateExtension(entry);
    if (problems.length > 0) {
      throw new CustosError('VALIDATION_FAILED', `${field} (${String(entry.key)}): ${problems.join('; ')}`, { details: problems.map((message) => ({ field, message })) });
    }
    this.byKey.set(entry.key, { ...entry });
  }
}

/**
 * fideslang keys seen in older datasets, mapped to the default keys here. v1 (before fideslang 2.0)
 * had an identifiability axis (`user.provided.identifiable…`, `user.derived.identifiable…`) and an
 * `account` root; fideslang 3.2 renamed a few 2.0 keys (the old ones are deprecated, not removed).
 * Only one-to-one mappings are listed; anything else is left for the user to map.
 */
export const CATEGORY_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  // fideslang v1: user.provided.identifiable.*
  'user.provided': 'user',
  'user.provided.identifiable': 'user',
  'user.provided.identifiable.biometric': 'user.biometric',
  'user.provided.identifiable.childrens': 'user.childrens',
  'user.provided.identifiable.contact': 'user.contact',
  'user.provided.identifiable.contact.city': 'user.contact.address.city',
  'user.provided.identifiable.contact.country': 'user.contact.address.country',
  'user.provided.identifiable.contact.email': 'user.contact.email',
  'user.provided.identifiable.contact.phone_number': 'user.contact.phone_number',
  'user.provided.identifiable.contact.postal_code': 'user.contact.address.postal_code',
  'user.provided.identifiable.contact.state': 'user.contact.address.state',
  'user.provided.identifiable.contact.street': 'user.contact.address.street',
  'user.provided.identifiable.credentials': 'user.authorization.credentials',
  'user.provided.identifiable.credentials.password': 'user.authorization.password',
  'user.provided.identifiable.credentials.biometric_credentials': 'user.authorization.biometric',
  'user.provided.identifiable.date_of_birth': 'user.demographic.date_of_birth',
  'user.provided.identifiable.financial': 'user.financial',
  'user.provided.identifiable.financial.account_number': 'user.financial.bank_account',
  'user.provided.identifiable.gender': 'user.demographic.gender',
  'user.provided.identifiable.genetic': 'user.health_and_medical.genetic',
  'user.provided.identifiable.government_id': 'user.government_id',
  'user.provided.identifiable.government_id.drivers_license_number': 'user.government_id.drivers_license_number',
  'user.provided.identifiable.government_id.national_identification_number': 'user.government_id.national_identification_number',
  'user.provided.identifiable.government_id.passport_number': 'user.government_id.passport_number',
  'user.provided.identifiable.health_and_medical': 'user.health_and_medical',
  'user.provided.identifiable.job_title': 'user.job_title',
  'user.provided.identifiable.name': 'user.name',
  'user.provided.identifiable.non_specific_age': 'user.demographic.age_range',
  'user.provided.identifiable.political_opinion': 'user.demographic.political_opinion',
  'user.provided.identifiable.race': 'user.demographic.race_ethnicity',
  'user.provided.identifiable.religious_belief': 'user.demographic.religious_belief',
  'user.provided.identifiable.sexual_orientation': 'user.demographic.sexual_orientation',
  'user.provided.identifiable.workplace': 'user.workplace',
  // fideslang v1: user.derived.*
  'user.derived': 'user',
  'user.derived.identifiable': 'user',
  'user.derived.identifiable.biometric_health': 'user.biometric.health',
  'user.derived.identifiable.browsing_history': 'user.behavior.browsing_history',
  'user.derived.identifiable.demographic': 'user.demographic',
  'user.derived.identifiable.device': 'user.device',
  'user.derived.identifiable.device.cookie_id': 'user.device.cookie_id',
  'user.derived.identifiable.device.device_id': 'user.device.device_id',
  'user.derived.identifiable.device.ip_address': 'user.device.ip_address',
  'user.derived.identifiable.gender': 'user.demographic.gender',
  'user.derived.identifiable.location': 'user.location',
  'user.derived.identifiable.media_consumption': 'user.behavior.media_consumption',
  'user.derived.identifiable.non_specific_age': 'user.demographic.age_range',
  'user.derived.identifiable.race': 'user.demographic.race_ethnicity',
  'user.derived.identifiable.religious_belief': 'user.demographic.religious_belief',
  'user.derived.identifiable.search_history': 'user.behavior.search_history',
  'user.derived.identifiable.sexual_orientation': 'user.demographic.sexual_orientation',
  'user.derived.identifiable.social': 'user.social',
  'user.derived.identifiable.telemetry': 'user.telemetry',
  'user.derived.identifiable.unique_id': 'user.unique_id',
  'user.derived.identifiable.user_sensor': 'user.user_sensor',
  'user.derived.identifiable.workplace': 'user.workplace',
  'user.derived.nonidentifiable.sensor': 'user.sensor',
  // fideslang v1: account.*
  account: 'user.account',
  'account.contact': 'user.contact',
  'account.contact.city': 'user.contact.address.city',
  'account.contact.country': 'user.contact.address.country',
  'account.contact.email': 'user.contact.email',
  'account.contact.phone_number': 'user.contact.phone_number',
  'account.contact.postal_code': 'user.contact.address.postal_code',
  'account.contact.state': 'user.contact.address.state',
  'account.contact.street': 'user.contact.address.street',
  'account.payment': 'user.payment',
  // fideslang 3.2 renames of 2.0 keys
  'user.authorization.biometrics': 'user.authorization.biometric',
  'user.biometrics': 'user.biometric',
  'user.biometrics.fingerprint': 'user.biometric.fingerprint',
  'user.biometrics.retinal': 'user.biometric.retinal',
  'user.biometrics.voice': 'user.biometric.voice',
  'user.children': 'user.childrens',
  'user.contact.social_url': 'user.contact.url',
  'user.location.coarse': 'user.location.imprecise',
});

/** Maps an old fideslang category key to its default key here; other keys come back unchanged. */
export function normaliseCategoryKey(key: string): string {
  return Object.hasOwn(CATEGORY_ALIASES, key) ? CATEGORY_ALIASES[key]! : key;
}
