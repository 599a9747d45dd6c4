/**
 * Input model of report generation. The data map assembles it; this module only renders it.
 *
 * Every value is already human-readable: where the data map holds a taxonomy key, the caller passes
 * a `Labeled` with both the key (kept for machine use, e.g. the jurisdiction of a legal basis) and
 * the name that is printed. Free-text fields are printed as given (escaped for each format).
 *
 * Where each item of GDPR Art. 30 lives:
 * - 30(1)(a) controller, joint controller, representative, DPO: `organisation` (+ `ActivityReport.jointControllers`)
 * - 30(1)(b) purposes: `ActivityReport.purposes`
 * - 30(1)(c) data subjects / personal data: `ActivityReport.dataSubjects`, `ActivityReport.dataCategories`
 * - 30(1)(d) recipients incl. third countries / international organisations: `ActivityReport.recipients`
 * - 30(1)(e) transfers and Art. 46 / 49(1) safeguards: `ActivityReport.transfers`
 * - 30(1)(f) time limits for erasure: `ActivityReport.retention`
 * - 30(1)(g) Art. 32(1) measures: `ActivityReport.securityMeasures` and `Organisation.securityMeasures`
 * - 30(2)(a) processor, each controller served, their representatives and DPOs: `organisation`, `controllersServed[].controller`
 * - 30(2)(b) categories of processing per controller: `controllersServed[].processing`
 * - 30(2)(c) transfers: `ProcessingOnBehalf.transfers`; 30(2)(d) measures: `ProcessingOnBehalf.securityMeasures`
 */

/** A taxonomy value: `key` is stable (e.g. `eu`, `gdpr.consent`, `US`), `name` is what a reader sees. */
export interface Labeled {
  key: string;
  name: string;
}

/** A person or organisation with contact details (Art. 30(1)(a), 30(2)(a)). */
export interface Party {
  name: string;
  address?: string;
  email?: string;
  phone?: string;
  country?: Labeled;
}

export interface DataProtectionOfficer {
  name: string;
  email: string;
  phone?: string;
}

export interface Organisation {
  name: string;
  address?: string;
  /** Free-text contact details, e.g. "privacy@shop.example, +49 30 1234567". */
  contact?: string;
  dpo?: DataProtectionOfficer;
  /** Representative in the Union for a controller or processor not established there (GDPR Art. 27). */
  representative?: Party;
  role: 'controller' | 'processor' | 'both';
  /** Person in charge of personal information protection (PIPL Art. 52). */
  piplPersonInCharge?: DataProtectionOfficer;
  /** Dedicated entity or representative in China of a processor abroad (PIPL Art. 53). */
  piplRepresentative?: Party;
  /** General description of technical and organisational measures applying to every activity (Art. 32(1)). */
  securityMeasures?: string[];
}

/** The lawful basis of an activity under one jurisdiction's law. */
export interface LegalBasis {
  /** e.g. { key: 'eu', name: 'EU GDPR' }, { key: 'cn', name: 'China PIPL' }. */
  jurisdiction: Labeled;
  basis: Labeled;
  /** e.g. "Art. 6(1)(a)", "Art. 13(1)(2)". */
  article?: string;
  /** e.g. where the legitimate-interests assessment or consent wording is kept. */
  note?: string;
}

export interface DataCategoryRef extends Labeled {
  /** GDPR Art. 9(1) special category or Art. 10 criminal-offence data. */
  special?: boolean;
  /** PIPL Art. 28 sensitive personal information. */
  sensitive?: boolean;
  /** Custos sensitivity level, L1 (lowest) to L4. */
  level?: string;
}

/** A special category and the Art. 9(2) condition relied on (PIPL: the specific purpose and necessity, Art. 28-29). */
export interface SpecialCategoryUse {
  category: Labeled;
  /** The law under which the category is special and the condition applies; absent: every law. */
  jurisdiction?: Labeled;
  /** e.g. { key: 'gdpr.art9.explicit_consent', name: 'Explicit consent' }. */
  condition: Labeled;
  /** e.g. "Art. 9(2)(a)". */
  article?: string;
  /** Why this category is necessary for the purpose (PIPL Art. 28, 30). */
  necessity?: string;
  /** Whether separate consent is obtained (PIPL Art. 29). */
  separateConsent?: boolean;
}

export type RecipientRole = 'processor' | 'controller' | 'joint-controller' | 'public-authority' | 'internal';

export interface Recipient {
  name: string;
  /** Human-readable category, e.g. "Payment service provider". */
  category: Labeled;
  role: RecipientRole;
  /** Where the recipient processes the data; a third country when outside the exporter's jurisdiction. */
  country?: Labeled;
  internationalOrganisation?: boolean;
  contact?: string;
}

export interface Transfer {
  /** The law that regulates this transfer, e.g. EU GDPR for a transfer out of the EEA, China PIPL for provision abroad. */
  jurisdiction: Labeled;
  recipient: string;
  recipientContact?: string;
  /** Destination third country, or the seat of the international organisation. */
  country: Labeled;
  internationalOrganisation?: boolean;
  /** e.g. { key: 'gdpr.scc', name: 'Standard contractual clauses (2021/914)' }. */
  mechanism: Labeled;
  /** e.g. "GDPR Art. 46(2)(c)", "PIPL Art. 38(1)(3)", or a derogation "GDPR Art. 49(1)(b)". */
  legalReference?: string;
  /** For Art. 49(1) second subparagraph transfers: the suitable safeguards documented. */
  safeguardsDocumented?: string;
  /** Where a copy of the safeguards can be obtained (GDPR Art. 13(1)(f)). */
  copyAvailableAt?: string;
  dataCategories?: string[];
  /** PIPL Art. 39 separate consent obtained. */
  separateConsent?: boolean;
  /** How individuals exercise their rights against the overseas recipient (PIPL Art. 39). */
  rightsProcedure?: string;
}

export interface RetentionRule {
  /** Which data this rule covers; omitted when it covers the whole activity. */
  dataCategory?: string;
  /** e.g. "10 years". */
  period: string;
  /** e.g. "after the end of the financial year of the order". */
  trigger?: string;
  /** e.g. "German Commercial Code §257". */
  basis?: string;
}

export type AssessmentState = 'not-required' | 'required' | 'in-progress' | 'completed' | 'unknown';

export interface AssessmentStatus {
  state: AssessmentState;
  reference?: string;
  /** ISO date of completion or last review. */
  date?: string;
  note?: string;
}

export interface SystemRef {
  id: string;
  name: string;
}

export interface ActivityReport {
  id: string;
  name: string;
  description?: string;
  /** Business owner or department. */
  owner?: string;
  purposes: Labeled[];
  /** One entry per jurisdiction whose law applies. */
  legalBases: LegalBasis[];
  dataSubjects: Labeled[];
  dataCategories: DataCategoryRef[];
  specialCategories?: SpecialCategoryUse[];
  /** Where the data comes from, when not from the data subject (GDPR Art. 14(2)(f)). */
  sources?: string[];
  /** Processing method, e.g. "collection via web form", "automated scoring" (PIPL Art. 17(1)(2)). */
  methods?: string[];
  /** Automated decision-making, incl. profiling (GDPR Art. 22, PIPL Art. 24). */
  automatedDecisionMaking?: { used: boolean; logic?: string };
  recipients: Recipient[];
  transfers: Transfer[];
  retention: RetentionRule[];
  /** Activity-specific measures (Art. 32(1)); organisation-wide ones live on `Organisation`. */
  securityMeasures: string[];
  systems: SystemRef[];
  jointControllers?: Party[];
  dpia?: AssessmentStatus;
  /** Personal information protection impact assessment (PIPL Art. 55-56). */
  pipia?: AssessmentStatus;
}

export interface SystemReport {
  id: string;
  name: string;
  /** e.g. "PostgreSQL", "SaaS CRM". */
  kind?: string;
  owner?: string;
  vendor?: string;
  hosting?: { provider?: string; country?: Labeled; region?: string };
  /** Highest sensitivity level of what it holds. */
  level?: string;
  activities?: string[];
}

export type Provenance = 'scanner' | 'human' | 'code';

/** One row per system, dataset, table or field. */
export interface InventoryRow {
  systemId: string;
  system: string;
  dataset?: string;
  table?: string;
  field?: string;
  category?: Labeled;
  level?: string;
  provenance: Provenance;
  /** 0..1; for human-confirmed rows usually 1. */
  confidence?: number;
  /** e.g. { key: 'direct', name: 'Direct identifier' }. */
  identityKind?: Labeled;
  /** Overrides the system's hosting when the dataset lives elsewhere. */
  hostingCountry?: Labeled;
  hostingRegion?: string;
}

/** Processing a processor carries out on behalf of one controller (Art. 30(2)(b)-(d)). */
export interface ProcessingOnBehalf {
  id: string;
  /** Category of processing, e.g. "Hosting and backup of order data". */
  name: string;
  description?: string;
  dataSubjects?: Labeled[];
  dataCategories?: DataCategoryRef[];
  subProcessors?: Recipient[];
  transfers: Transfer[];
  securityMeasures: string[];
  systems?: SystemRef[];
  /** Reference of the Art. 28(3) contract. */
  contractRef?: string;
}

export interface ControllerServed {
  controller: Party & { representative?: Party; dpo?: DataProtectionOfficer };
  processing: ProcessingOnBehalf[];
}

export interface ReportModel {
  organisation: Organisation;
  generatedAt: Date;
  /** Jurisdiction key the notice is written for when no option names one, e.g. `eu`. */
  jurisdiction?: string;
  activities: ActivityReport[];
  systems: SystemReport[];
  inventory: InventoryRow[];
  /** Art. 30(2): the controllers on whose behalf the organisation acts as processor. */
  controllersServed?: ControllerServed[];
}

export const REPORT_KINDS = ['ropa', 'processor-ropa', 'pipl', 'notice', 'inventory'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_FORMATS = ['xlsx', 'csv', 'pdf', 'html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Jurisdiction key for `notice` (overrides `ReportModel.jurisdiction`), e.g. `eu`, `uk`, `cn`, `us-ca`. */
  jurisdiction?: string;
  /** PDF fonts; by default the first file found among well-known system locations is used. */
  fonts?: { latin?: string; latinBold?: string; cjk?: string; cjkBold?: string; cjkFamily?: string; cjkBoldFamily?: string };
}

export interface RenderedReport {
  contentType: string;
  extension: ReportFormat;
  body: Buffer;
}
