/**
 * `custos check`: the data map as a CI gate. Each rule has a stable id (documented in
 * docs/check-rules.md, pinned by a test), a severity and a message naming what to fix. Errors
 * fail the gate; warnings are printed and fail it only with --strict.
 */
import { isValidLegalBasis, jurisdictions, loadLegalBases, requiresTransferMechanism, transferMechanisms } from '../law/law.js';
import { createTaxonomy, type Taxonomy } from '../taxonomy/taxonomy.js';
import type { IdentityGraph } from './graph/index.js';
import { categoryCoveredBy } from './drift.js';
import type { Activity, MapState } from './datamap.types.js';
import { identityGraphOf } from './map.js';

export type Severity = 'error' | 'warning';

export interface CheckRule {
  id: string;
  severity: Severity;
  title: string;
  help: string;
}

export const CHECK_RULES = [
  { id: 'field-unknown-category', severity: 'error', title: 'A field has a category the taxonomy does not know', help: 'Use a key from the taxonomy (custos map taxonomy) or add it as an extension in taxonomy.yaml.' },
  { id: 'field-no-category', severity: 'error', title: 'A personal-data field has no data category', help: 'Confirm the finding with a category, or declare data_category on the field in its system manifest.' },
  { id: 'category-no-activity', severity: 'error', title: 'A category held in a system is covered by no processing activity', help: 'Add the category (or a parent) to an activity that lists the system, or an activity without systems.' },
  { id: 'activity-no-legal-basis', severity: 'error', title: 'An activity has no legal basis', help: 'Add legal_bases with a jurisdiction and a basis id from src/law/legal-bases.yaml.' },
  { id: 'activity-invalid-legal-basis', severity: 'error', title: 'An activity names a legal basis its jurisdiction does not have', help: 'Use a basis id listed for that jurisdiction in src/law/legal-bases.yaml.' },
  { id: 'activity-no-retention', severity: 'error', title: 'An activity has no retention rule', help: 'Add retention with an ISO 8601 period (P2Y) and a trigger, or a description.' },
  { id: 'activity-unknown-key', severity: 'error', title: 'An activity names a category, use or subject the taxonomy does not know', help: 'Use taxonomy keys, or extend the taxonomy.' },
  { id: 'special-no-condition', severity: 'error', title: 'Special-category data without a special-category condition', help: 'For GDPR-style laws, add special_condition (an Art. 9(2) condition) to the legal basis.' },
  { id: 'special-no-dpia', severity: 'error', title: 'Special or sensitive data processed without a completed DPIA', help: 'Set dpia.status to completed with a reference once the assessment is done (GDPR Art. 35; PIPL Art. 55).' },
  { id: 'transfer-no-mechanism', severity: 'error', title: 'A cross-border transfer has no valid transfer mechanism', help: 'Set mechanism to an id from src/law/transfer-mechanisms.yaml for the jurisdiction (e.g. scc).' },
  { id: 'table-unreachable', severity: 'error', title: 'A table holding personal data is reached from no identity', help: 'Declare a reference to a table with an identity field, or declare an identity on one of its fields; a subject request could not find these rows.' },
  { id: 'transfer-undeclared', severity: 'warning', title: 'An activity uses a system hosted abroad without declaring the transfer', help: 'Add a transfer to the hosting country with its mechanism, or correct the hosting country.' },
  { id: 'activity-review-required', severity: 'warning', title: 'An activity is marked for review after the systems changed', help: 'Review it and save it again (console, API or custos apply).' },
  { id: 'dpia-in-progress', severity: 'warning', title: 'A DPIA for special or sensitive data is still in progress', help: 'Complete the assessment.' },
  { id: 'reference-needs-review', severity: 'warning', title: 'An inferred reference is waiting for review', help: 'Accept or reject it (console, API); until then it is not followed.' },
] as const satisfies readonly CheckRule[];

export type CheckRuleId = (typeof CHECK_RULES)[number]['id'];

export interface Violation {
  rule: CheckRuleId;
  severity: Severity;
  message: string;
  /** What it is about: `system/schema.table.column`, `activity:marketing`, … */
  subject: string;
  /** The manifest file that would fix it, relative to the manifest directory, when there is one. */
  file?: string;
}

export interface CheckResult {
  ok: boolean;
  errors: number;
  warnings: number;
  violations: Violation[];
}

const SEVERITY = new Map<string, Severity>(CHECK_RULES.map((r) => [r.id, r.severity]));

export function checkMap(state: MapState, options: { strict?: boolean; graph?: IdentityGraph; organisationCountry?: string } = {}): CheckResult {
  const taxonomy = createTaxonomy(state.taxonomy.map((t) => ({ ...t, isDefault: false })));
  const graph = options.graph ?? identityGraphOf(state);
  const violations: Violation[] = [];
  const add = (rule: CheckRuleId, subject: string, message: string, file?: string) => violations.push({ rule, severity: SEVERITY.get(rule)!, subject, message, ...(file ? { file } : {}) });

  checkFields(state, taxonomy, add);
  checkCoverage(state, add);
  for (const activity of state.activities) checkActivity(activity, state, taxonomy, add, options.organisationCountry ?? state.organisation?.country);
  for (const table of graph.unreachable) add('table-unreachable', `${table.system}/${dotted(table.schema, table.table)}`, `${table.system}: ${dotted(table.schema, table.table)} holds personal data but no identity reaches it`, systemFile(table.system));
  for (const skipped of graph.edgesListedForReview) {
    const e = skipped.edge;
    add('reference-needs-review', `${e.from.table.system}/${dotted(e.from.table.schema, e.from.table.table)}`, `inferred reference ${e.from.table.table}.${e.from.columns.join('+')} → ${e.to.table.table}.${e.to.columns.join('+')} (confidence ${e.confidence.toFixed(2)}) waits for review`);
  }
  violations.sort((a, b) => (a.severity === b.severity ? a.rule.localeCompare(b.rule) || a.subject.localeCompare(b.subject) : a.severity === 'error' ? -1 : 1));
  const errors = violations.filter((v) => v.severity === 'error').length;
  const warnings = violations.length - errors;
  return { ok: errors === 0 && (!options.strict || warnings === 0), errors, warnings, violations };
}

type Add = (rule: CheckRuleId, subject: string, message: string, file?: string) => void;

const dotted = (schema: string, table: string) => (schema ? `${schema}.${table}` : table);
const systemFile = (system: string) => `systems/${system}.yaml`;
const activityFile = (key: string) => `activities/${key}.yaml`;

function checkFields(state: MapState, taxonomy: Taxonomy, add: Add) {
  for (const field of state.fields) {
    const where = `${field.system}/${dotted(field.schema, field.table)}.${field.column}`;
    if (field.category && !taxonomy.has(field.category)) add('field-unknown-category', where, `${where}: category ${field.category} is not in the taxonomy`, systemFile(field.system));
    if (!field.category && (field.entity || field.identity)) add('field-no-category', where, `${where} holds personal data (${field.entity ?? field.identity}) but has no data category`, systemFile(field.system));
  }
}

function checkCoverage(state: MapState, add: Add) {
  const seen = new Set<string>();
  for (const field of state.fields) {
    if (!field.category || !field.category.startsWith('user')) continue;
    const key = `${field.system}\u0000${field.category}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const covered = state.activities.some((a) => (a.systems.length === 0 || a.systems.includes(field.system)) && a.dataCategories.some((c) => categoryCoveredBy(field.category!, c)));
    if (!covered) add('category-no-activity', `${field.system}:${field.category}`, `${field.system} holds ${field.category} (e.g. ${dotted(field.schema, field.table)}.${field.column}) but no processing activity covers it`);
  }
}

function checkActivity(activity: Activity, state: MapState, taxonomy: Taxonomy, add: Add, homeCountry: string | undefined) {
  const subject = `activity:${activity.key}`;
  const file = activityFile(activity.key);
  const known = new Set(jurisdictions().map((j) => j.id));
  for (const [list, label] of [[activity.dataCategories, 'category'], [activity.dataUses, 'data use'], [activity.dataSubjects, 'data subject']] as const) {
    for (const key of list) if (!taxonomy.has(key)) add('activity-unknown-key', subject, `${activity.key}: ${label} ${key} is not in the taxonomy`, file);
  }
  if (activity.legalBases.length === 0) add('activity-no-legal-basis', subject, `${activity.key} has no legal basis`, file);
  for (const basis of activity.legalBases) {
    if (!known.has(basis.jurisdiction)) add('activity-invalid-legal-basis', subject, `${activity.key}: unknown jurisdiction ${basis.jurisdiction} (known: ${[...known].join(', ')})`, file);
    else if (!isValidLegalBasis(basis.jurisdiction, basis.basis)) add('activity-invalid-legal-basis', subject, `${activity.key}: ${basis.basis} is not a ${basis.jurisdiction} legal basis`, file);
    else if (basis.specialCondition && !isValidLegalBasis(basis.jurisdiction, basis.specialCondition, { special: true })) add('activity-invalid-legal-basis', subject, `${activity.key}: ${basis.specialCondition} is not a ${basis.jurisdiction} special-category condition`, file);
  }
  if (!activity.retention) add('activity-no-retention', subject, `${activity.key} has no retention rule`, file);
  checkSpecial(activity, state, taxonomy, add);
  checkTransfers(activity, state, add, homeCountry);
  if (activity.reviewRequired) add('activity-review-required', subject, `${activity.key} needs review: ${activity.reviewReasons.slice(0, 3).join('; ')}${activity.reviewReasons.length > 3 ? ' …' : ''}`, file);
}

/** Special categories the activity processes: declared on it, or held by its systems under categories it covers. */
function specialCategories(activity: Activity, state: MapState, taxonomy: Taxonomy): string[] {
  const held = state.fields
    .filter((f) => f.category && (activity.systems.length === 0 || activity.systems.includes(f.system)) && activity.dataCategories.some((c) => categoryCoveredBy(f.category!, c)))
    .map((f) => f.category!);
  return [...new Set([...activity.dataCategories, ...held])].filter((c) => taxonomy.has(c) && taxonomy.isSpecial(c)).sort();
}

function checkSpecial(activity: Activity, state: MapState, taxonomy: Taxonomy, add: Add) {
  const special = specialCategories(activity, state, taxonomy);
  if (!special.length) return;
  const subject = `activity:${activity.key}`;
  const file = activityFile(activity.key);
  const laws = loadLegalBases().jurisdictions;
  for (const basis of activity.legalBases) {
    const specialHere = special.filter((c) => taxonomy.isSpecialUnder(c, basis.jurisdiction));
    const needsCondition = specialHere.length > 0 && laws[basis.jurisdiction]?.special_conditions !== undefined;
    if (needsCondition && !basis.specialCondition) add('special-no-condition', subject, `${activity.key} processes ${specialHere.join(', ')}, special under ${basis.jurisdiction}, but its ${basis.jurisdiction} basis names no special-category condition`, file);
  }
  const status = activity.dpia.status;
  if (status === 'in_progress') add('dpia-in-progress', subject, `${activity.key}: DPIA in progress for ${special.join(', ')}`, file);
  else if (status !== 'completed' && status !== 'not_required') add('special-no-dpia', subject, `${activity.key} processes ${special.join(', ')} and its DPIA is ${status.replace(/_/g, ' ')}`, file);
}

function checkTransfers(activity: Activity, state: MapState, add: Add, homeCountry: string | undefined) {
  const subject = `activity:${activity.key}`;
  const file = activityFile(activity.key);
  for (const transfer of activity.transfers) {
    const ids = safeMechanisms(transfer.jurisdiction);
    if (!transfer.mechanism) {
      const needed = !homeCountry || safeRequires(transfer.jurisdiction, homeCountry, transfer.destination);
      if (needed) add('transfer-no-mechanism', subject, `${activity.key}: transfer to ${transfer.destination}${transfer.recipient ? ` (${transfer.recipient})` : ''} names no ${transfer.jurisdiction} transfer mechanism`, file);
    } else if (ids && !ids.has(transfer.mechanism)) {
      add('transfer-no-mechanism', subject, `${activity.key}: ${transfer.mechanism} is not a ${transfer.jurisdiction} transfer mechanism (known: ${[...ids].join(', ')})`, file);
    }
  }
  if (!homeCountry) return;
  const declared = new Set(activity.transfers.map((t) => t.destination));
  for (const name of activity.systems) {
    const country = state.systems.find((s) => s.name === name)?.hostingCountry;
    if (!country || country === homeCountry || declared.has(country)) continue;
    const jurisdictionsOfActivity = [...new Set(activity.legalBases.map((b) => b.jurisdiction))];
    if (jurisdictionsOfActivity.some((j) => safeRequires(j, homeCountry, country))) {
      add('transfer-undeclared', subject, `${activity.key} uses ${name}, hosted in ${country}, but declares no transfer to ${country}`, file);
    }
  }
}

function safeMechanisms(jurisdiction: string): Set<string> | null {
  try {
    return new Set(transferMechanisms(jurisdiction).map((m) => m.id));
  } catch {
    return null;
  }
}

function safeRequires(jurisdiction: string, from: string, to: string): boolean {
  try {
    return requiresTransferMechanism(jurisdiction, from, to);
  } catch {
    return false;
  }
}

/** SARIF 2.1.0, the format code-scanning tools (GitHub, GitLab, Azure DevOps) read. */
export function toSarif(result: CheckResult, options: { version: string; manifestDir?: string }) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'custos check',
            version: options.version,
            informationUri: 'https://github.com/custos-pims/custos',
            rules: CHECK_RULES.map((r) => ({ id: r.id, shortDescription: { text: r.title }, help: { text: r.help }, defaultConfiguration: { level: r.severity } })),
          },
        },
        results: result.violations.map((v) => ({
          ruleId: v.rule,
          level: v.severity,
          message: { text: v.message },
          locations: [
            v.file
              ? { physicalLocation: { artifactLocation: { uri: options.manifestDir ? `${options.manifestDir.replace(/\/$/, '')}/${v.file}` : v.file } }, logicalLocations: [{ fullyQualifiedName: v.subject }] }
              : { logicalLocations: [{ fullyQualifiedName: v.subject }] },
          ],
        })),
      },
    ],
  };
}
