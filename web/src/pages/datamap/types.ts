/** The data map API's shapes as the console reads them (src/datamap/map.ts, datamap.types.ts, check.ts). */
import type { Level } from '../../api';

export type Role = 'controller' | 'processor' | 'joint_controller';
export const ROLES: readonly Role[] = ['controller', 'processor', 'joint_controller'];
export const ROLE_LABELS: Record<Role, string> = { controller: 'Controller', processor: 'Processor', joint_controller: 'Joint controller' };

export const DPIA_STATUSES = ['not_assessed', 'not_required', 'required', 'in_progress', 'completed', 'needs_review'] as const;
export type DpiaStatus = (typeof DPIA_STATUSES)[number];
export const RECIPIENT_TYPES = ['internal', 'processor', 'sub_processor', 'joint_controller', 'third_party', 'public_authority'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

export function humanise(id: string): string {
  const text = id.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface MapField {
  id: string;
  column: string;
  dataType: string;
  entity: string | null;
  category: string | null;
  level: Level | null;
  confidence: number;
  provenance: 'scanner' | 'human' | 'code';
  identity: string | null;
  freeText: boolean;
}

export interface MapTable {
  schema: string;
  table: string;
  kind: string;
  rowEstimate: number | null;
  level: Level | null;
  reachable: boolean;
  path: string[];
  fields: MapField[];
}

export interface MapSystem {
  id: string;
  name: string;
  kind: string;
  engine: string;
  owner: string | null;
  department: string | null;
  hostingRegion: string | null;
  hostingCountry: string | null;
  role: Role;
  level: Level | null;
  categories: string[];
  activities: string[];
  tables: MapTable[];
}

export interface CategoryLocation {
  category: string;
  level: Level | null;
  systems: string[];
  countries: string[];
  activities: string[];
  fields: number;
}

export interface MapView {
  systems: MapSystem[];
  categories: CategoryLocation[];
  identities: { system: string; schema: string; table: string; column: string; kind: string }[];
  unreachable: { system: string; schema: string; table: string }[];
  referencesForReview: number;
}

export interface LegalBasisInput {
  jurisdiction: string;
  basis: string;
  specialCondition?: string;
  note?: string;
}

export interface RetentionInput {
  period?: string;
  trigger?: string;
  description?: string;
  obligation?: string;
}

export interface RecipientInput {
  name: string;
  type: RecipientType;
  country?: string;
  purpose?: string;
}

export interface TransferInput {
  destination: string;
  recipient?: string;
  jurisdiction?: string;
  mechanism?: string;
  note?: string;
}

export interface ActivityInput {
  key: string;
  name: string;
  description?: string;
  role?: Role;
  controller?: { name: string; contact?: string };
  dataUses?: string[];
  dataCategories?: string[];
  dataSubjects?: string[];
  legalBases?: LegalBasisInput[];
  retention?: RetentionInput | null;
  recipients?: RecipientInput[];
  transfers?: TransferInput[];
  systems?: string[];
  dpia?: { status: DpiaStatus; reference?: string; completedAt?: string };
}

export interface Activity extends Required<Omit<ActivityInput, 'controller' | 'retention'>> {
  id: string;
  controller: { name: string; contact?: string } | null;
  retention: RetentionInput | null;
  reviewRequired: boolean;
  reviewReasons: string[];
  origin: 'console' | 'code';
  createdAt: string;
  updatedAt: string;
}

export interface ReferenceEnd {
  system: string;
  schema: string;
  table: string;
  columns: string[];
}

export interface Reference {
  id: string;
  from: ReferenceEnd;
  to: ReferenceEnd;
  origin: 'introspected' | 'declared' | 'inferred';
  confidence: number;
  status: 'active' | 'rejected';
  evidence: Record<string, unknown>;
  note: string | null;
}

export type DriftStatus = 'open' | 'acknowledged' | 'resolved';
export type DriftKind = 'new_table' | 'new_personal_column' | 'new_category' | 'category_changed' | 'table_removed';

export interface Drift {
  id: string;
  systemId: string;
  system: string;
  scanId: string | null;
  kind: DriftKind;
  schema: string;
  table: string;
  column: string | null;
  category: string | null;
  previousCategory: string | null;
  level: Level | null;
  affectedActivities: string[];
  status: DriftStatus;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Violation {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  subject: string;
  file?: string;
}

/** A rule of the gate as the server describes it (src/datamap/check.ts). */
export interface CheckRule {
  id: string;
  severity: 'error' | 'warning';
  title: string;
  help: string;
}

export interface CheckResult {
  ok: boolean;
  errors: number;
  warnings: number;
  violations: Violation[];
}

export type TaxonomyKind = 'data_category' | 'data_use' | 'data_subject';

export interface TaxonomyEntry {
  key: string;
  parent: string | null;
  name: string;
  description: string;
  kind: TaxonomyKind;
  isDefault: boolean;
}

export interface LawRule {
  id: string;
  label: string;
  citation: string;
  note?: string;
}

export interface Law {
  jurisdictions: { id: string; name: string; citation_root: string }[];
  legalBases: Record<string, { name: string; bases: LawRule[]; special_conditions?: LawRule[] }>;
  transfers: Record<string, { restricts_transfers: boolean; mechanisms: LawRule[] }>;
}

export interface SystemDetailsInput {
  owner?: string | null;
  department?: string | null;
  hostingRegion?: string | null;
  hostingCountry?: string | null;
  role?: Role;
  securityMeasures?: string[];
}
