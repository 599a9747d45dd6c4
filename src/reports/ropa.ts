/**
 * Records of processing activities: the controller's record (GDPR Art. 30(1)) and the processor's
 * record (Art. 30(2)).
 */
import type { ReportModel } from './report.types.js';
import { names, officerLine, partyLines, type ReportDocument, type TableSection } from './document.js';
import { assessmentLine, dataCategoryLine, legalBasisLine, measuresCell, organisationFields, recipientLine, retentionLine, transferLine } from './format.js';

export function buildRopa(model: ReportModel): ReportDocument {
  const { organisation: org, activities } = model;
  const main: TableSection = {
    kind: 'table',
    title: 'Processing activities',
    sheet: 'Activities',
    main: true,
    empty: 'No processing activities are recorded in the data map.',
    columns: [
      { header: 'Activity ID', width: 8, pdf: false },
      { header: 'Activity', width: 12 },
      { header: 'Description', width: 14, pdf: false },
      { header: 'Owner', width: 8, pdf: false },
      { header: 'Purposes of the processing', ref: 'Art. 30(1)(b)', width: 14 },
      { header: 'Legal basis per jurisdiction', ref: 'Art. 6', width: 14 },
      { header: 'Categories of data subjects', ref: 'Art. 30(1)(c)', width: 10 },
      { header: 'Categories of personal data', ref: 'Art. 30(1)(c)', width: 13 },
      { header: 'Special categories and Art. 9 condition', ref: 'Art. 9(2)', width: 12 },
      { header: 'Categories of recipients, incl. third countries or international organisations', ref: 'Art. 30(1)(d)', width: 16 },
      { header: 'Transfers to third countries or international organisations and safeguards', ref: 'Art. 30(1)(e)', width: 16 },
      { header: 'Envisaged time limits for erasure', ref: 'Art. 30(1)(f)', width: 13 },
      { header: 'Technical and organisational security measures', ref: 'Art. 30(1)(g)', width: 15 },
      { header: 'Joint controllers', ref: 'Art. 26', width: 8 },
      { header: 'Systems involved', width: 10 },
      { header: 'DPIA status', ref: 'Art. 35', width: 10 },
    ],
    rows: activities.map((activity) => [
      activity.id,
      activity.name,
      activity.description ?? '',
      activity.owner ?? '',
      names(activity.purposes),
      activity.legalBases.map((basis) => legalBasisLine(basis)),
      names(activity.dataSubjects),
      activity.dataCategories.map(dataCategoryLine),
      (activity.specialCategories ?? []).map((use) => `${use.category.name}: ${use.condition.name}${use.article ? ` (${use.article})` : ''}`),
      activity.recipients.map(recipientLine),
      activity.transfers.length ? activity.transfers.map(transferLine) : 'None',
      activity.retention.map(retentionLine),
      measuresCell(activity.securityMeasures, org),
      (activity.jointControllers ?? []).map((party) => partyLines(party).join(', ')),
      names(activity.systems),
      assessmentLine(activity.dpia),
    ]),
  };
  const transfers: TableSection = {
    kind: 'table',
    title: 'Transfers to third countries and international organisations',
    sheet: 'Transfers',
    empty: 'No transfers are recorded.',
    columns: [
      { header: 'Activity', width: 12 },
      { header: 'Recipient', width: 14 },
      { header: 'Third country or international organisation', width: 10 },
      { header: 'Regulated by', width: 8 },
      { header: 'Transfer mechanism', ref: 'Art. 45/46/49', width: 14 },
      { header: 'Legal reference', width: 10 },
      { header: 'Suitable safeguards documented', ref: 'Art. 49(1) subpara. 2', width: 14 },
      { header: 'Copy of safeguards available at', width: 12 },
      { header: 'Data categories transferred', width: 14 },
    ],
    rows: activities.flatMap((activity) =>
      activity.transfers.map((transfer) => [
        activity.name,
        transfer.recipient,
        `${transfer.country.name}${transfer.internationalOrganisation ? ' (international organisation)' : ''}`,
        transfer.jurisdiction.name,
        transfer.mechanism.name,
        transfer.legalReference ?? '',
        transfer.safeguardsDocumented ?? '',
        transfer.copyAvailableAt ?? '',
        transfer.dataCategories ?? [],
      ]),
    ),
  };
  const systems: TableSection = {
    kind: 'table',
    title: 'Systems',
    sheet: 'Systems',
    empty: 'No systems are recorded.',
    columns: [
      { header: 'System', width: 12 },
      { header: 'Kind', width: 10 },
      { header: 'Owner', width: 10 },
      { header: 'Vendor', width: 10 },
      { header: 'Hosting provider', width: 10 },
      { header: 'Hosting country', width: 8 },
      { header: 'Region', width: 8 },
      { header: 'Sensitivity level', width: 6 },
      { header: 'Activities', width: 16 },
    ],
    rows: model.systems.map((system) => [
      system.name,
      system.kind ?? '',
      system.owner ?? '',
      system.vendor ?? '',
      system.hosting?.provider ?? '',
      system.hosting?.country?.name ?? '',
      system.hosting?.region ?? '',
      system.level ?? '',
      (system.activities ?? []).map((id) => activities.find((activity) => activity.id === id)?.name ?? id),
    ]),
  };
  return {
    kind: 'ropa',
    title: 'Record of processing activities',
    subtitle: 'Controller record under GDPR Art. 30(1)',
    organisation: org.name,
    generatedAt: model.generatedAt,
    sections: [organisationFields('Controller (Art. 30(1)(a))', org, 'Controller'), main, transfers, systems],
  };
}

export function buildProcessorRopa(model: ReportModel): ReportDocument {
  const { organisation: org } = model;
  const served = model.controllersServed ?? [];
  const controllers: TableSection = {
    kind: 'table',
    title: 'Controllers on whose behalf we act (Art. 30(2)(a))',
    sheet: 'Controllers',
    empty: 'No controllers are recorded: the data map lists no processing on behalf of others.',
    columns: [
      { header: 'Controller', width: 14 },
      { header: 'Contact details', width: 18 },
      { header: "Controller's representative", ref: 'Art. 27', width: 14 },
      { header: "Controller's data protection officer", width: 14 },
    ],
    rows: served.map(({ controller }) => [controller.name, partyLines({ ...controller, name: '' }).filter(Boolean), partyLines(controller.representative), officerLine(controller.dpo)]),
  };
  const processing: TableSection = {
    kind: 'table',
    title: 'Categories of processing carried out on behalf of each controller',
    sheet: 'Processing',
    main: true,
    empty: 'No processing on behalf of a controller is recorded.',
    columns: [
      { header: 'Controller', ref: 'Art. 30(2)(a)', width: 11 },
      { header: 'Processing ID', width: 8, pdf: false },
      { header: 'Category of processing', ref: 'Art. 30(2)(b)', width: 13 },
      { header: 'Description', width: 14 },
      { header: 'Categories of data subjects', width: 10 },
      { header: 'Categories of personal data', width: 12 },
      { header: 'Sub-processors', ref: 'Art. 28(2)', width: 13 },
      { header: 'Transfers to third countries or international organisations and safeguards', ref: 'Art. 30(2)(c)', width: 16 },
      { header: 'Technical and organisational security measures', ref: 'Art. 30(2)(d)', width: 15 },
      { header: 'Systems', width: 9 },
      { header: 'Processing contract', ref: 'Art. 28(3)', width: 9 },
    ],
    rows: served.flatMap(({ controller, processing: items }) =>
      items.map((item) => [
        controller.name,
        item.id,
        item.name,
        item.description ?? '',
        names(item.dataSubjects),
        (item.dataCategories ?? []).map(dataCategoryLine),
        (item.subProcessors ?? []).map(recipientLine),
        item.transfers.length ? item.transfers.map(transferLine) : 'None',
        measuresCell(item.securityMeasures, org),
        names(item.systems),
        item.contractRef ?? '',
      ]),
    ),
  };
  return {
    kind: 'processor-ropa',
    title: 'Record of processing activities (processor)',
    subtitle: 'Processor record under GDPR Art. 30(2)',
    organisation: org.name,
    generatedAt: model.generatedAt,
    sections: [organisationFields('Processor (Art. 30(2)(a))', org, 'Processor'), controllers, processing],
  };
}
