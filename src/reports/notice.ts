/**
 * Privacy notice DRAFT for one jurisdiction, written from the data map: what is collected and why,
 * the legal basis there, retention, recipients, transfers, the rights that law grants and whom to
 * contact. It is marked as a draft for counsel, and it ends with the gaps counsel must close.
 */
import { CustosError } from '../lib/errors.js';
import type { ActivityReport, ReportModel, Transfer } from './report.types.js';
import { findJurisdiction, sameJurisdiction, JURISDICTIONS, type JurisdictionProfile } from './jurisdictions.js';
import { isoTimestamp, names, officerLine, partyLines, type FieldsSection, type ReportDocument, type Section } from './document.js';
import { legalBasisLine, retentionLine } from './format.js';

/** Jurisdiction keys named anywhere in the model's legal bases and transfers. */
export function modelJurisdictions(model: ReportModel): string[] {
  const keys = model.activities.flatMap((activity) => [...activity.legalBases.map((basis) => basis.jurisdiction.key), ...activity.transfers.map((transfer) => transfer.jurisdiction.key)]);
  return [...new Set(keys)];
}

function resolveJurisdiction(model: ReportModel, requested: string | undefined): { key: string; profile?: JurisdictionProfile } {
  const key = requested ?? model.jurisdiction ?? (modelJurisdictions(model).length === 1 ? modelJurisdictions(model)[0] : undefined);
  if (!key) {
    const known = JURISDICTIONS.map((profile) => profile.id).join(', ');
    throw new CustosError('VALIDATION_FAILED', `A privacy notice is written for one jurisdiction: pass options.jurisdiction (the model names ${modelJurisdictions(model).join(', ') || 'none'}; rights are known for ${known})`, {
      details: [{ field: 'jurisdiction', message: 'required for the notice report' }],
    });
  }
  return { key, profile: findJurisdiction(key) };
}

const mentions = (text: string, word: string) => text.toLowerCase().includes(word);

export function buildNotice(model: ReportModel, requested?: string): ReportDocument {
  const { organisation: org } = model;
  const { key, profile } = resolveJurisdiction(model, requested);
  const lawName = profile?.law ?? key;
  const usesBases = profile?.id !== 'us-ca';
  const inScope = (activity: ActivityReport) => activity.legalBases.some((basis) => sameJurisdiction(basis.jurisdiction, key));
  const scoped = model.activities.filter(inScope);
  const activities = scoped.length && usesBases ? scoped : model.activities;
  const open: string[] = [];
  if (!profile) open.push(`No rights catalogue is known for jurisdiction "${key}": counsel must write the rights section.`);
  if (usesBases && !scoped.length) open.push(`No activity records a legal basis under ${lawName}: every activity is listed and each basis must be supplied.`);

  const who: FieldsSection = { kind: 'fields', title: 'Who we are', fields: [['Controller', [org.name, org.address ?? ''].filter(Boolean)]] };
  if (org.contact) who.fields.push(['Contact', org.contact]);
  if (org.dpo) who.fields.push(['Data protection officer', officerLine(org.dpo)]);
  if (org.representative && (profile?.id === 'eu' || profile?.id === 'uk')) who.fields.push([`Representative (${profile.id === 'uk' ? 'UK GDPR' : 'GDPR'} Art. 27)`, partyLines(org.representative)]);
  if (profile?.id === 'cn' && org.piplPersonInCharge) who.fields.push(['Person in charge of personal information protection (PIPL Art. 52)', officerLine(org.piplPersonInCharge)]);
  if (profile?.id === 'cn' && org.piplRepresentative) who.fields.push(['Representative in China (PIPL Art. 53)', partyLines(org.piplRepresentative)]);
  if (profile?.id === 'cn' && !org.piplPersonInCharge) open.push('No person in charge of personal information protection is recorded (PIPL Art. 52).');

  const basisCell = (activity: ActivityReport) => {
    const bases = activity.legalBases.filter((basis) => sameJurisdiction(basis.jurisdiction, key));
    if (!bases.length) open.push(`"${activity.name}" has no legal basis under ${lawName}.`);
    if (profile?.id === 'cn' && bases.some((basis) => mentions(basis.basis.key, 'legitimate'))) open.push(`"${activity.name}" relies on legitimate interests, which PIPL Art. 13 does not provide.`);
    return bases.length ? bases.map((basis) => legalBasisLine(basis, false)) : 'To be confirmed by counsel';
  };
  const collect: Section = {
    kind: 'table',
    title: 'What we collect and why',
    sheet: 'Purposes',
    main: true,
    empty: 'The data map records no processing activity.',
    columns: [
      { header: 'Purpose', width: 14 },
      { header: 'Personal data', width: 16 },
      ...(usesBases ? [{ header: 'Legal basis', width: 14 }] : []),
      { header: 'How long we keep it', width: 14 },
    ],
    rows: activities.map((activity) => {
      if (!activity.retention.length) open.push(`"${activity.name}" has no retention period.`);
      return [
        [activity.name, names(activity.purposes).filter((purpose) => purpose !== activity.name).join('; ')].filter(Boolean).join(': '),
        names(activity.dataCategories),
        ...(usesBases ? [basisCell(activity)] : []),
        activity.retention.length ? activity.retention.map(retentionLine) : 'To be confirmed',
      ];
    }),
  };
  const sections: Section[] = [who, collect];

  const special = activities.flatMap((activity) => (activity.specialCategories ?? []).filter((use) => !use.jurisdiction || sameJurisdiction(use.jurisdiction, key)).map((use) => ({ activity, use })));
  if (special.length && profile) {
    sections.push({
      kind: 'text',
      title: `${profile.specialTerm[0]!.toUpperCase()}${profile.specialTerm.slice(1)}`,
      paragraphs: profile.id === 'cn' ? ['We process the following sensitive personal information only for a specific purpose, where sufficiently necessary and with strict protective measures. We explain the necessity and the effect on your rights and interests, and ask for your separate consent where required (PIPL Art. 28-30).'] : [],
      bullets: special.map(({ activity, use }) => {
        const basis = profile.id === 'cn' ? (use.necessity ?? 'necessity to be described') : `${use.condition.name}${use.article ? ` (${use.article})` : ''}`;
        return `${use.category.name} (${activity.name}): ${basis}`;
      }),
    });
  }

  const recipients = [...new Set(activities.flatMap((activity) => activity.recipients.filter((recipient) => recipient.role !== 'internal').map((recipient) => `${recipient.category.name}: ${recipient.name}${recipient.country ? ` (${recipient.country.name})` : ''}`)))];
  sections.push({ kind: 'text', title: 'Who receives your data', bullets: recipients.length ? recipients : ['No recipients outside our organisation are recorded.'] });

  const transfers = activities.flatMap((activity) => activity.transfers.filter((transfer) => !profile || profile.id === 'us-ca' || sameJurisdiction(transfer.jurisdiction, key)).map((transfer) => ({ activity, transfer })));
  const transferText = (activity: ActivityReport, transfer: Transfer) => {
    const ref = transfer.legalReference ? ` (${transfer.legalReference})` : '';
    if (profile?.id === 'cn') {
      if (transfer.separateConsent !== true) open.push(`Provision abroad to ${transfer.recipient} has no separate consent recorded (PIPL Art. 39).`);
      const parts = [`${transfer.recipient}, ${transfer.country.name}`, transfer.recipientContact ? `contact: ${transfer.recipientContact}` : '', `purpose: ${names(activity.purposes).join(', ')}`, activity.methods?.length ? `method: ${activity.methods.join(', ')}` : '', transfer.dataCategories?.length ? `categories: ${transfer.dataCategories.join(', ')}` : '', `safeguard: ${transfer.mechanism.name}${ref}`, transfer.rightsProcedure ? `to exercise your rights against the recipient: ${transfer.rightsProcedure}` : ''];
      if (!transfer.rightsProcedure) open.push(`Provision abroad to ${transfer.recipient}: describe how individuals exercise their rights against the recipient (PIPL Art. 39).`);
      return parts.filter(Boolean).join('; ');
    }
    const copy = transfer.copyAvailableAt ? `; a copy of the safeguards is available at ${transfer.copyAvailableAt}` : '';
    return `${transfer.recipient} in ${transfer.country.name}: ${transfer.mechanism.name}${ref}${copy}`;
  };
  sections.push({
    kind: 'text',
    title: profile?.id === 'cn' ? 'Provision of personal information outside the PRC' : 'International transfers',
    bullets: transfers.length ? transfers.map(({ activity, transfer }) => transferText(activity, transfer)) : ['No transfers are recorded.'],
  });

  const automated = activities.filter((activity) => activity.automatedDecisionMaking?.used);
  if (automated.length) {
    sections.push({ kind: 'text', title: 'Automated decision-making', bullets: automated.map((activity) => `${activity.name}: ${activity.automatedDecisionMaking?.logic ?? 'logic to be described'}`) });
  }

  const conditions = {
    consent: activities.some((activity) => activity.legalBases.some((basis) => sameJurisdiction(basis.jurisdiction, key) && mentions(basis.basis.key, 'consent'))),
    marketing: activities.some((activity) => activity.purposes.some((purpose) => mentions(purpose.key, 'marketing') || mentions(purpose.name, 'marketing'))),
    automated: automated.length > 0,
  };
  const rights = (profile?.rights ?? []).filter((right) => !right.when || conditions[right.when]).map((right) => `${right.name} (${right.ref})`);
  const contact = [org.contact, org.dpo ? `our data protection officer, ${officerLine(org.dpo)}` : ''].filter(Boolean).join(' or ');
  sections.push({
    kind: 'text',
    title: 'Your rights',
    paragraphs: [`Under ${lawName} you have the right to:`],
    bullets: rights.length ? rights : ['[Rights under this jurisdiction to be written by counsel]'],
  });
  sections.push({ kind: 'text', title: 'Contact and complaints', paragraphs: [contact ? `To exercise your rights or ask a question, contact ${contact}.` : 'Contact details to be added.', ...(profile ? [profile.complaint] : [])] });
  if (!contact) open.push('No contact details for privacy requests are recorded.');
  sections.forEach((section, index) => {
    section.title = `${index + 1}. ${section.title}`;
  });
  sections.push({ kind: 'text', title: 'Open points for counsel (remove before publication)', bullets: open.length ? [...new Set(open)] : ['None found by the generator; counsel still reviews every statement.'] });

  return {
    kind: 'notice',
    title: `Privacy notice — ${org.name}`,
    subtitle: `DRAFT for ${lawName}`,
    organisation: org.name,
    generatedAt: model.generatedAt,
    banner: `DRAFT generated by Custos from the data map on ${isoTimestamp(model.generatedAt)}, for review by counsel. This is not legal advice and must not be published before legal review.`,
    sections,
  };
}
