/** One-line renderings of model items, shared by the reports so each item reads the same everywhere. */
import type { AssessmentStatus, DataCategoryRef, LegalBasis, Organisation, Recipient, RetentionRule, Transfer } from './report.types.js';
import { officerLine, partyLines, type FieldsSection } from './document.js';

export function legalBasisLine(basis: LegalBasis, withJurisdiction = true): string {
  const article = basis.article ? ` (${basis.article})` : '';
  const note = basis.note ? ` — ${basis.note}` : '';
  return `${withJurisdiction ? `${basis.jurisdiction.name}: ` : ''}${basis.basis.name}${article}${note}`;
}

export function dataCategoryLine(category: DataCategoryRef): string {
  const marks = [category.special ? 'special category' : '', category.sensitive ? 'sensitive PI' : ''].filter(Boolean);
  return marks.length ? `${category.name} [${marks.join(', ')}]` : category.name;
}

const ROLE_NAMES: Record<Recipient['role'], string> = {
  processor: 'processor',
  controller: 'controller',
  'joint-controller': 'joint controller',
  'public-authority': 'public authority',
  internal: 'internal',
};

export function recipientLine(recipient: Recipient): string {
  const where = recipient.country ? `, ${recipient.country.name}` : '';
  const org = recipient.internationalOrganisation ? ', international organisation' : '';
  return `${recipient.category.name}: ${recipient.name} (${ROLE_NAMES[recipient.role]}${where}${org})`;
}

export function transferLine(transfer: Transfer): string {
  const org = transfer.internationalOrganisation ? ' (international organisation)' : '';
  const ref = transfer.legalReference ? ` (${transfer.legalReference})` : '';
  const documented = transfer.safeguardsDocumented ? `; safeguards: ${transfer.safeguardsDocumented}` : '';
  return `${transfer.recipient} → ${transfer.country.name}${org}: ${transfer.mechanism.name}${ref}${documented}`;
}

export function retentionLine(rule: RetentionRule): string {
  const what = rule.dataCategory ? `${rule.dataCategory}: ` : '';
  const trigger = rule.trigger ? ` ${rule.trigger}` : '';
  const basis = rule.basis ? ` (${rule.basis})` : '';
  return `${what}${rule.period}${trigger}${basis}`;
}

const STATE_NAMES: Record<AssessmentStatus['state'], string> = {
  'not-required': 'Not required',
  required: 'Required, not started',
  'in-progress': 'In progress',
  completed: 'Completed',
  unknown: 'Not assessed',
};

export function assessmentLine(status: AssessmentStatus | undefined): string {
  if (!status) return STATE_NAMES.unknown;
  const extra = [status.reference, status.date, status.note].filter(Boolean).join(', ');
  return extra ? `${STATE_NAMES[status.state]} (${extra})` : STATE_NAMES[status.state];
}

export function percent(confidence: number | undefined): string | number {
  return confidence === undefined ? '' : Math.round(confidence * 100) / 100;
}

/** The organisation block at the top of a record: who keeps it and how to reach them. */
export function organisationFields(title: string, org: Organisation, roleName: string): FieldsSection {
  const fields: FieldsSection['fields'] = [[roleName, [org.name, org.address ?? ''].filter(Boolean)]];
  if (org.contact) fields.push(['Contact details', org.contact]);
  if (org.dpo) fields.push(['Data protection officer', officerLine(org.dpo)]);
  if (org.representative) fields.push(['Representative (GDPR Art. 27)', partyLines(org.representative)]);
  if (org.securityMeasures?.length) fields.push(['Organisation-wide security measures (Art. 32(1))', org.securityMeasures]);
  return { kind: 'fields', title, fields };
}

export function measuresCell(own: readonly string[], org: Organisation): string[] {
  if (own.length) return [...own];
  return org.securityMeasures?.length ? ['Organisation-wide measures apply (see header)'] : [];
}
