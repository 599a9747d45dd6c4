/**
 * The shapes people write: processing activities, system details, references and organisation
 * details. The API, the manifests (privacy as code) and the console all validate with these, so
 * a manifest and an API call are refused for the same reasons with the same messages.
 */
import { z } from 'zod';

const KEY = /^[a-z0-9][a-z0-9_.-]*$/;
const COUNTRY = /^[A-Z]{2}$/;
/** ISO 8601 durations (P30D, P6M, P7Y, P1Y6M): machine-readable retention that later issues execute. */
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;

export const ROLES = ['controller', 'processor', 'joint_controller'] as const;
export const DPIA_STATUSES = ['not_assessed', 'not_required', 'required', 'in_progress', 'completed', 'needs_review'] as const;
export const RECIPIENT_TYPES = ['internal', 'processor', 'sub_processor', 'joint_controller', 'third_party', 'public_authority'] as const;
export const SYSTEM_KINDS = ['database', 'application', 'file_store', 'vendor_service', 'warehouse', 'other'] as const;

const countryCode = z.string().trim().toUpperCase().regex(COUNTRY, 'an ISO 3166-1 alpha-2 country code such as DE or US');

export const LegalBasisSchema = z.object({
  jurisdiction: z.string().trim().toUpperCase().min(2).max(20),
  basis: z.string().trim().min(1).max(80),
  specialCondition: z.string().trim().min(1).max(80).optional(),
  note: z.string().max(2000).optional(),
}).strict();

export const RetentionSchema = z.object({
  period: z.string().regex(DURATION, 'an ISO 8601 duration such as P30D, P6M or P7Y').optional(),
  trigger: z.string().trim().min(1).max(120).default('collection'),
  description: z.string().max(2000).optional(),
  obligation: z.string().max(500).optional(),
}).strict().refine((r) => r.period !== undefined || r.description !== undefined, { message: 'a retention rule needs a period or a description' });

export const RecipientSchema = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(RECIPIENT_TYPES),
  country: countryCode.optional(),
  purpose: z.string().max(500).optional(),
}).strict();

export const TransferSchema = z.object({
  destination: countryCode,
  recipient: z.string().trim().max(200).optional(),
  jurisdiction: z.string().trim().toUpperCase().min(2).max(20).default('GDPR'),
  mechanism: z.string().trim().min(1).max(80).optional(),
  note: z.string().max(2000).optional(),
}).strict();

export const DpiaSchema = z.object({
  status: z.enum(DPIA_STATUSES).default('not_assessed'),
  reference: z.string().max(500).optional(),
  completedAt: z.string().date().optional(),
}).strict();

export const ActivityInputSchema = z.object({
  key: z.string().min(1).max(100).regex(KEY, 'lower-case letters, digits, dot, dash and underscore, starting with a letter or digit'),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  role: z.enum(ROLES).default('controller'),
  controller: z.object({ name: z.string().trim().min(1).max(200), contact: z.string().max(500).optional() }).strict().optional(),
  dataUses: z.array(z.string().min(1)).default([]),
  dataCategories: z.array(z.string().min(1)).default([]),
  dataSubjects: z.array(z.string().min(1)).default([]),
  legalBases: z.array(LegalBasisSchema).default([]),
  retention: RetentionSchema.nullable().default(null),
  recipients: z.array(RecipientSchema).default([]),
  transfers: z.array(TransferSchema).default([]),
  systems: z.array(z.string().min(1)).default([]),
  dpia: DpiaSchema.default({ status: 'not_assessed' }),
}).strict();
export type ActivityInput = z.input<typeof ActivityInputSchema>;
export type ActivityFields = z.output<typeof ActivityInputSchema>;

export const SystemDetailsSchema = z.object({
  description: z.string().max(5000).optional(),
  kind: z.enum(SYSTEM_KINDS).optional(),
  owner: z.string().trim().max(200).nullable().optional(),
  department: z.string().trim().max(200).nullable().optional(),
  hostingRegion: z.string().trim().max(100).nullable().optional(),
  hostingCountry: countryCode.nullable().optional(),
  role: z.enum(ROLES).optional(),
  securityMeasures: z.array(z.string().trim().min(1).max(500)).max(100).optional(),
}).strict();
export type SystemDetails = z.output<typeof SystemDetailsSchema>;

const tableEnd = z.object({
  system: z.string().min(1),
  schema: z.string(),
  table: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1).max(16),
}).strict();

export const ReferenceInputSchema = z.object({
  from: tableEnd,
  to: tableEnd,
  note: z.string().max(2000).optional(),
}).strict().refine((r) => r.from.columns.length === r.to.columns.length, { message: 'from.columns and to.columns must have the same number of columns' });
export type ReferenceInput = z.output<typeof ReferenceInputSchema>;

export const OrganisationSchema = z.object({
  name: z.string().trim().min(1).max(200),
  address: z.string().max(1000).optional(),
  contact: z.string().max(500).optional(),
  country: countryCode.optional(),
  dpo: z.object({ name: z.string().trim().min(1).max(200), email: z.string().email().optional(), phone: z.string().max(50).optional() }).strict().optional(),
  representative: z.object({ name: z.string().trim().min(1).max(200), contact: z.string().max(500).optional() }).strict().optional(),
  role: z.enum(['controller', 'processor', 'both']).default('controller'),
}).strict();
export type Organisation = z.output<typeof OrganisationSchema>;

export const TaxonomyExtensionSchema = z.object({
  kind: z.enum(['data_category', 'data_use', 'data_subject']),
  key: z.string().min(1).max(200),
  parent: z.string().min(1).max(200).nullable().optional(),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
}).strict();
export type TaxonomyExtension = z.output<typeof TaxonomyExtensionSchema>;
