/**
 * Law as data: lawful bases and cross-border transfer mechanisms per jurisdiction, kept in
 * legal-bases.yaml and transfer-mechanisms.yaml with a citation on every rule. This module loads and
 * validates them and answers the questions a record of processing asks: is this basis valid here,
 * is this destination adequate, does this transfer need a mechanism. Custos supports compliance; it
 * does not give legal advice.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CustosError } from '../lib/errors.js';
import { parseYamlData } from './yaml-data.js';

const ID = z.string().regex(/^[a-z0-9_]+$/, 'a lower-case id');
const CITATION = z.string().min(5);
const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
const COUNTRY = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code');

const RuleSchema = z
  .object({ id: ID, label: z.string().min(1), citation: CITATION, note: z.string().min(1).optional(), verified: z.boolean().optional() })
  .strict();

const JURISDICTION_ID = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an upper-case jurisdiction id');

/** Both files: a version, the date the lists were last checked, and one record per jurisdiction. */
function perJurisdiction<T extends z.ZodType>(jurisdiction: T) {
  return z.object({ version: z.literal(1), verified_on: ISO_DATE, jurisdictions: z.record(JURISDICTION_ID, jurisdiction) }).strict();
}

const LegalBasesSchema = perJurisdiction(
  z
    .object({
      name: z.string().min(1),
      citation_root: CITATION,
      note: z.string().min(1).optional(),
      special_category_rule: z.object({ rule: z.string().min(1), citation: CITATION }).strict(),
      bases: z.array(RuleSchema).min(1),
      special_conditions: z.array(RuleSchema).min(1).optional(),
    })
    .strict(),
);

const AdequacySchema = z
  .object({
    country: COUNTRY,
    name: z.string().min(1),
    scope: z.enum(['full', 'partial', 'conditional']),
    citation: CITATION,
    note: z.string().min(1).optional(),
    verified: z.boolean().optional(),
  })
  .strict();

const TransferSchema = perJurisdiction(
  z
    .object({
      restricts_transfers: z.boolean(),
      citation: CITATION,
      territory: z.array(COUNTRY).min(1),
      territory_note: z.string().min(1).optional(),
      note: z.string().min(1).optional(),
      mechanisms: z.array(RuleSchema),
      adequacy: z.array(AdequacySchema),
    })
    .strict(),
);

export type LegalBasis = z.infer<typeof RuleSchema>;
export type TransferMechanism = LegalBasis;
export type LegalBasesFile = z.infer<typeof LegalBasesSchema>;
export type JurisdictionLaw = LegalBasesFile['jurisdictions'][string];
export type TransferFile = z.infer<typeof TransferSchema>;
export type JurisdictionTransfers = TransferFile['jurisdictions'][string];
export type AdequacyEntry = z.infer<typeof AdequacySchema>;
export type AdequacyScope = AdequacyEntry['scope'];

export interface JurisdictionSummary {
  id: string;
  name: string;
  citation_root: string;
}

export interface AdequacyOptions {
  /** The recipient holds the certification a conditional decision needs (e.g. the EU-US DPF). */
  recipientCertified?: boolean;
}

function assertUniqueIds(ids: string[], where: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new CustosError('VALIDATION_FAILED', `${where}: duplicate id ${id}`);
    seen.add(id);
  }
}

export function parseLegalBases(yamlText: string, source = 'legal-bases'): LegalBasesFile {
  const file = parseYamlData(LegalBasesSchema, yamlText, source);
  for (const [id, j] of Object.entries(file.jurisdictions)) {
    assertUniqueIds(j.bases.map((b) => b.id), `${source}: ${id}.bases`);
    assertUniqueIds((j.special_conditions ?? []).map((b) => b.id), `${source}: ${id}.special_conditions`);
  }
  return file;
}

export function parseTransferMechanisms(yamlText: string, source = 'transfer-mechanisms'): TransferFile {
  const file = parseYamlData(TransferSchema, yamlText, source);
  for (const [id, j] of Object.entries(file.jurisdictions)) {
    assertUniqueIds(j.mechanisms.map((m) => m.id), `${source}: ${id}.mechanisms`);
    assertUniqueIds(j.adequacy.map((a) => a.country), `${source}: ${id}.adequacy`);
  }
  return file;
}

let legalBases: LegalBasesFile | undefined;
let transfers: TransferFile | undefined;

/** The default lawful bases (cached). */
export function loadLegalBases(): LegalBasesFile {
  legalBases ??= parseLegalBases(readFileSync(new URL('./legal-bases.yaml', import.meta.url), 'utf8'), 'legal-bases.yaml');
  return legalBases;
}

/** The default transfer mechanisms and adequacy lists (cached). */
export function loadTransferMechanisms(): TransferFile {
  transfers ??= parseTransferMechanisms(readFileSync(new URL('./transfer-mechanisms.yaml', import.meta.url), 'utf8'), 'transfer-mechanisms.yaml');
  return transfers;
}

function lookup<T>(table: Record<string, T>, jurisdiction: string, what: string): T {
  const found = Object.hasOwn(table, jurisdiction) ? table[jurisdiction] : undefined;
  if (!found) throw new CustosError('VALIDATION_FAILED', `unknown jurisdiction ${jurisdiction} for ${what} (known: ${Object.keys(table).join(', ')})`);
  return found;
}

function lawOf(jurisdiction: string): JurisdictionLaw {
  return lookup(loadLegalBases().jurisdictions, jurisdiction, 'legal bases');
}

function transfersOf(jurisdiction: string): JurisdictionTransfers {
  return lookup(loadTransferMechanisms().jurisdictions, jurisdiction, 'transfers');
}

/** Jurisdictions with lawful bases, in file order. */
export function jurisdictions(): JurisdictionSummary[] {
  return Object.entries(loadLegalBases().jurisdictions).map(([id, j]) => ({ id, name: j.name, citation_root: j.citation_root }));
}

/** A lawful basis by id, looked up among the ordinary bases first, then the special conditions. */
export function legalBasis(jurisdiction: string, id: string): LegalBasis | undefined {
  const law = lawOf(jurisdiction);
  return law.bases.find((b) => b.id === id) ?? law.special_conditions?.find((b) => b.id === id);
}

/** What special-category / sensitive data needs in a jurisdiction, with its citation. */
export function specialCategoryRule(jurisdiction: string): JurisdictionLaw['special_category_rule'] {
  return lawOf(jurisdiction).special_category_rule;
}

/**
 * Whether `id` can be recorded as the basis. With `special`, the id must be one of the jurisdiction's
 * special conditions (GDPR Art. 9(2), LGPD Art. 11, PIPL Art. 29 …) — the ordinary basis is recorded
 * separately; a jurisdiction with no special regime (CCPA, PDPA) accepts its ordinary bases.
 */
export function isValidLegalBasis(jurisdiction: string, id: string, options: { special?: boolean } = {}): boolean {
  const law = lawOf(jurisdiction);
  const list = options.special && law.special_conditions ? law.special_conditions : law.bases;
  return list.some((b) => b.id === id);
}

export function transferMechanisms(jurisdiction: string): TransferMechanism[] {
  return transfersOf(jurisdiction).mechanisms;
}

/** The adequacy entry for a destination, whatever its scope. */
export function adequacy(jurisdiction: string, countryCode: string): AdequacyEntry | undefined {
  const code = countryCode.toUpperCase();
  return transfersOf(jurisdiction).adequacy.find((a) => a.country === code);
}

/**
 * Whether the destination is adequate for the jurisdiction. `full` and `partial` decisions count
 * (a partial one covers a sector, e.g. Canadian commercial organisations: check the note); a
 * `conditional` one (the US under the DPF) counts only when the recipient is certified.
 */
export function isAdequate(jurisdiction: string, countryCode: string, options: AdequacyOptions = {}): boolean {
  const entry = adequacy(jurisdiction, countryCode);
  if (!entry) return false;
  return entry.scope !== 'conditional' || options.recipientCertified === true;
}

/**
 * Whether a transfer from `fromCountry` to `toCountry` needs a mechanism under the jurisdiction's
 * rules. Simplified on purpose: false when the jurisdiction does not restrict transfers (CCPA), when
 * the destination is inside its territory (the EEA for GDPR, the UK for UK GDPR, mainland China for
 * PIPL …) or the same country, or when the destination is adequate (see isAdequate); true otherwise.
 * It does not decide whether the jurisdiction applies, whether the flow is a "transfer" at all
 * (e.g. a recipient outside the EEA already subject to the GDPR), onward transfers, PIPL volume
 * exemptions, or the separate consent and assessments some laws add to every transfer.
 */
export function requiresTransferMechanism(jurisdiction: string, fromCountry: string, toCountry: string, options: AdequacyOptions = {}): boolean {
  const rules = transfersOf(jurisdiction);
  const from = fromCountry.toUpperCase();
  const to = toCountry.toUpperCase();
  if (!rules.restricts_transfers || from === to) return false;
  if (rules.territory.includes(to)) return false;
  return !isAdequate(jurisdiction, to, options);
}
