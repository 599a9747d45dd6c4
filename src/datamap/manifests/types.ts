/**
 * Privacy as code: the desired state that manifests (or a Fides import) describe, the changes that
 * bring the map there, and the small interface the data map implements to apply them.
 */
import type { ActivityFields, Organisation, ReferenceInput, SystemDetails } from '../datamap.schemas.js';
import type { MapTable, TaxonomyExtensionEntry } from '../datamap.types.js';

/** A column as a manifest states it. Absent `dataCategory` leaves the category to the scanner and to people. */
export interface DesiredField {
  name: string;
  dataType?: string;
  dataCategory?: string;
  /** Absent means the field identifies nobody: a manifest that lists a field states its identity. */
  identity?: string;
}

export interface DesiredTable {
  schema: string;
  name: string;
  /** table | partitioned | view | file; absent leaves an existing table's kind alone (new tables: table). */
  kind?: string;
  primaryKey?: string[];
  fields: DesiredField[];
}

export interface DesiredSystem {
  name: string;
  /** A patch: absent keys are not managed; `null` clears. */
  details: SystemDetails;
  tables: DesiredTable[];
  /** References written with this system; from manifests they always start in it. */
  references: ReferenceInput[];
}

export interface DesiredState {
  /** Absent when no organisation.yaml: the organisation is then not managed. */
  organisation?: Organisation;
  taxonomy: TaxonomyExtensionEntry[];
  systems: DesiredSystem[];
  activities: ActivityFields[];
}

/** A table as the target stores it: the planner has merged the manifest with what the map holds. */
export interface TableSpec {
  schema: string;
  table: string;
  kind: string;
  primaryKey: string[];
  columns: MapTable['columns'];
  rowEstimate: number | null;
}

/**
 * A field declaration. `category`: null leaves the field's category as it is (scanner's proposal or
 * a person's decision); a key records it as the manifest's. `identity` is set exactly (null clears).
 */
export interface FieldSpec {
  name: string;
  dataType: string;
  category: string | null;
  identity: string | null;
}

export interface TableAddress {
  system: string;
  schema: string;
  table: string;
}

type Upsert<Kind extends string, Payload> =
  | ({ action: 'create'; kind: Kind; summary: string } & Payload)
  /** `changed`: the names that differ, as the manifests spell them (snake_case). */
  | ({ action: 'update'; kind: Kind; summary: string; changed: string[] } & Payload);
type Delete<Kind extends string, Payload> = { action: 'delete'; kind: Kind; summary: string } & Payload;

/**
 * One step from the current map to the desired one. `summary` names what the change touches
 * (`system shop: owner, hosting_country`); formatPlan puts `+`, `~` or `-` in front.
 * Systems and the organisation are never deleted.
 */
export type Change =
  | Upsert<'organisation', { organisation: Organisation }>
  | Upsert<'taxonomy', { entry: TaxonomyExtensionEntry }>
  | Delete<'taxonomy', { entry: Pick<TaxonomyExtensionEntry, 'kind' | 'key'> }>
  | Upsert<'system', { name: string; details: SystemDetails }>
  | Upsert<'table', { system: string; table: TableSpec }>
  | Delete<'table', { at: TableAddress }>
  | Upsert<'field', { at: TableAddress; field: FieldSpec }>
  | Delete<'field', { at: TableAddress; column: string }>
  | Upsert<'reference', { reference: ReferenceInput }>
  | Delete<'reference', { reference: ReferenceInput }>
  | Upsert<'activity', { activity: ActivityFields }>
  | Delete<'activity', { key: string }>;

/**
 * What applying needs from the data map. The lead implementation runs every call in one
 * transaction; each method may throw CustosError (an unknown system, an invalid activity), which
 * aborts the apply. Nothing here touches connections or secrets.
 */
export interface ManifestTarget {
  /** Replaces the organisation details. */
  setOrganisation(organisation: Organisation): Promise<void>;
  /** Creates or replaces a taxonomy extension (by kind and key). */
  upsertTaxonomy(entry: TaxonomyExtensionEntry): Promise<void>;
  deleteTaxonomy(entry: Pick<TaxonomyExtensionEntry, 'kind' | 'key'>): Promise<void>;
  /** Creates a system without a connection when none has the name, then applies the details (a patch). */
  upsertSystem(name: string, details: SystemDetails): Promise<void>;
  /** Stores the table as given; a new table gets origin `code`, an existing one keeps its origin. */
  upsertTable(system: string, table: TableSpec): Promise<void>;
  /** Only called with prune, for tables of origin `code`. */
  deleteTable(at: TableAddress): Promise<void>;
  /** Declares a field as the manifest's (provenance `code`); see FieldSpec for null. */
  setField(at: TableAddress, field: FieldSpec): Promise<void>;
  /** Only called with prune, for fields of provenance `code`: drops the manifest's declaration. */
  deleteField(at: TableAddress, column: string): Promise<void>;
  /** Declares the reference; it must end up active and declared, also when it was rejected or inferred before. */
  declareReference(reference: ReferenceInput): Promise<void>;
  /** Only called with prune, for active declared references. */
  deleteReference(reference: ReferenceInput): Promise<void>;
  /** Creates or replaces the activity with origin `code`. */
  saveActivity(activity: ActivityFields): Promise<void>;
  /** Only called with prune, for activities of origin `code`. */
  deleteActivity(key: string): Promise<void>;
}
