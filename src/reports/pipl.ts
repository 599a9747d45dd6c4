/**
 * PIPL processing record: what a personal information processor in China records per activity.
 * PIPL has no single article listing record contents like GDPR Art. 30; the columns follow what the
 * law requires a processor to know and keep: notice items (Art. 17: purpose, method, categories,
 * retention), the lawful basis (Art. 13), sensitive personal information (Art. 28-30), entrusted
 * processing and provision to other processors (Art. 21, 23), cross-border provision and its
 * Art. 38 mechanism with Art. 39 separate consent, internal management and security measures
 * (Art. 51), and the personal information protection impact assessment with the processing record
 * (Art. 55, kept for at least three years under Art. 56).
 */
import type { ActivityReport, ReportModel } from './report.types.js';
import { findJurisdiction, sameJurisdiction } from './jurisdictions.js';
import { dataCategoryLine, legalBasisLine, assessmentLine, measuresCell, retentionLine, recipientLine } from './format.js';
import { officerLine, partyLines, yesNo, type FieldsSection, type ReportDocument, type TableSection } from './document.js';

const PIPL = 'cn';

function piplTransfers(activity: ActivityReport) {
  return activity.transfers.filter((transfer) => sameJurisdiction(transfer.jurisdiction, PIPL));
}

/** Activities PIPL applies to: a PIPL legal basis or a transfer regulated by PIPL. */
export function piplActivities(model: ReportModel): ActivityReport[] {
  return model.activities.filter((activity) => activity.legalBases.some((basis) => sameJurisdiction(basis.jurisdiction, PIPL)) || piplTransfers(activity).length > 0);
}

/** The Art. 55 circumstances that call for an impact assessment before processing. */
export function pipiaTriggers(activity: ActivityReport): string[] {
  const triggers: string[] = [];
  if (activity.dataCategories.some((category) => category.sensitive) || (activity.specialCategories ?? []).length) triggers.push('Sensitive personal information (Art. 55(1))');
  if (activity.automatedDecisionMaking?.used) triggers.push('Automated decision-making (Art. 55(2))');
  if (activity.recipients.some((recipient) => recipient.role !== 'internal')) triggers.push('Entrusted processing or provision to others (Art. 55(3))');
  if (piplTransfers(activity).length) triggers.push('Provision outside the PRC (Art. 55(4))');
  return triggers;
}

export function buildPipl(model: ReportModel): ReportDocument {
  const { organisation: org } = model;
  const activities = piplActivities(model);
  const header: FieldsSection = {
    kind: 'fields',
    title: 'Personal information processor',
    fields: [['Personal information processor', [org.name, org.address ?? ''].filter(Boolean)]],
  };
  if (org.contact) header.fields.push(['Contact details (Art. 17(1)(1))', org.contact]);
  if (org.piplPersonInCharge) header.fields.push(['Person in charge of personal information protection (Art. 52)', officerLine(org.piplPersonInCharge)]);
  if (org.piplRepresentative) header.fields.push(['Dedicated entity or representative in China (Art. 53)', partyLines(org.piplRepresentative)]);
  if (org.securityMeasures?.length) header.fields.push(['Internal management system and security measures (Art. 51)', org.securityMeasures]);
  header.fields.push(['Keeping of this record', 'Impact assessment reports and processing records are kept for at least three years (Art. 56(2)).']);

  const main: TableSection = {
    kind: 'table',
    title: 'Personal information processing record',
    sheet: 'Processing record',
    main: true,
    empty: `No activity in the data map names ${findJurisdiction(PIPL)!.law} as applicable law.`,
    columns: [
      { header: 'Activity ID', width: 8, pdf: false },
      { header: 'Processing activity', width: 11 },
      { header: 'Processing purpose', ref: 'Art. 17(1)(2)', width: 12 },
      { header: 'Processing method', ref: 'Art. 17(1)(2)', width: 11 },
      { header: 'Legal basis', ref: 'Art. 13', width: 12 },
      { header: 'Categories of personal information', ref: 'Art. 17(1)(2)', width: 13 },
      { header: 'Sensitive personal information, purpose and necessity, separate consent', ref: 'Art. 28-30', width: 15 },
      { header: 'Retention period', ref: 'Art. 17(1)(2), Art. 19', width: 12 },
      { header: 'Recipients (entrusted processing, provision to other processors)', ref: 'Art. 21, 23', width: 15 },
      { header: 'Cross-border provision and mechanism', ref: 'Art. 38-39', width: 16 },
      { header: 'Security measures', ref: 'Art. 51', width: 13 },
      { header: 'Impact assessment triggers', ref: 'Art. 55', width: 12 },
      { header: 'Impact assessment status', ref: 'Art. 55-56', width: 9 },
    ],
    rows: activities.map((activity) => {
      const bases = activity.legalBases.filter((basis) => sameJurisdiction(basis.jurisdiction, PIPL));
      const sensitive = [
        ...activity.dataCategories.filter((category) => category.sensitive).map((category) => category.name),
        ...(activity.specialCategories ?? []).map((use) => {
          const consent = use.separateConsent === undefined ? '' : use.separateConsent ? '; separate consent obtained' : '; no separate consent recorded';
          return `${use.category.name}${use.necessity ? `: ${use.necessity}` : ''}${consent}`;
        }),
      ];
      return [
        activity.id,
        activity.name,
        activity.purposes.map((purpose) => purpose.name),
        activity.methods ?? [],
        bases.length ? bases.map((basis) => legalBasisLine(basis, false)) : 'Not recorded: choose a basis from PIPL Art. 13',
        activity.dataCategories.map(dataCategoryLine),
        [...new Set(sensitive)],
        activity.retention.map(retentionLine),
        activity.recipients.filter((recipient) => recipient.role !== 'internal').map(recipientLine),
        piplTransfers(activity).map((transfer) => {
          const consent = transfer.separateConsent === undefined ? '' : transfer.separateConsent ? '; separate consent (Art. 39)' : '; NO separate consent recorded (Art. 39)';
          return `${transfer.recipient} → ${transfer.country.name}: ${transfer.mechanism.name}${transfer.legalReference ? ` (${transfer.legalReference})` : ''}${consent}`;
        }),
        measuresCell(activity.securityMeasures, org),
        pipiaTriggers(activity),
        assessmentLine(activity.pipia),
      ];
    }),
  };
  const crossBorder: TableSection = {
    kind: 'table',
    title: 'Provision of personal information outside the PRC (Art. 38-39)',
    sheet: 'Cross-border',
    empty: 'No provision of personal information outside the PRC is recorded.',
    columns: [
      { header: 'Processing activity', width: 12 },
      { header: 'Overseas recipient', ref: 'Art. 39', width: 14 },
      { header: 'Recipient contact', ref: 'Art. 39', width: 12 },
      { header: 'Country or region', width: 8 },
      { header: 'Mechanism', ref: 'Art. 38(1)', width: 14 },
      { header: 'Legal reference', width: 10 },
      { header: 'Separate consent', ref: 'Art. 39', width: 7 },
      { header: 'How individuals exercise rights against the recipient', ref: 'Art. 39', width: 14 },
      { header: 'Categories of personal information', width: 14 },
    ],
    rows: activities.flatMap((activity) =>
      piplTransfers(activity).map((transfer) => [
        activity.name,
        transfer.recipient,
        transfer.recipientContact ?? '',
        transfer.country.name,
        transfer.mechanism.name,
        transfer.legalReference ?? '',
        yesNo(transfer.separateConsent),
        transfer.rightsProcedure ?? '',
        transfer.dataCategories ?? [],
      ]),
    ),
  };
  return {
    kind: 'pipl',
    title: 'Personal information processing record (PIPL)',
    subtitle: "Record kept under the Personal Information Protection Law of the People's Republic of China",
    organisation: org.name,
    generatedAt: model.generatedAt,
    sections: [header, main, crossBorder],
  };
}
