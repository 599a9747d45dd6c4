/** Data inventory: one row per system, dataset, table or field, with where its classification came from. */
import type { ReportModel } from './report.types.js';
import type { ReportDocument, TableSection } from './document.js';
import { percent } from './format.js';

const PROVENANCE_NAMES = { scanner: 'Scanner', human: 'Human review', code: 'Code annotation' } as const;

export function buildInventory(model: ReportModel): ReportDocument {
  const systems = new Map(model.systems.map((system) => [system.id, system]));
  const rows: TableSection = {
    kind: 'table',
    title: 'Data inventory',
    sheet: 'Inventory',
    main: true,
    empty: 'The inventory is empty: no system has been scanned or described yet.',
    columns: [
      { header: 'System', width: 12 },
      { header: 'Dataset', width: 10 },
      { header: 'Table', width: 10 },
      { header: 'Field', width: 10 },
      { header: 'Category', width: 12 },
      { header: 'Category key', width: 12 },
      { header: 'Level', width: 5 },
      { header: 'Provenance', width: 8 },
      { header: 'Confidence', width: 6 },
      { header: 'Identity kind', width: 10 },
      { header: 'Hosting country', width: 9 },
      { header: 'Hosting region', width: 9 },
    ],
    rows: model.inventory.map((row) => {
      const hosting = systems.get(row.systemId)?.hosting;
      return [
        row.system,
        row.dataset ?? '',
        row.table ?? '',
        row.field ?? '',
        row.category?.name ?? '',
        row.category?.key ?? '',
        row.level ?? '',
        PROVENANCE_NAMES[row.provenance],
        percent(row.confidence),
        row.identityKind?.name ?? '',
        (row.hostingCountry ?? hosting?.country)?.name ?? '',
        row.hostingRegion ?? hosting?.region ?? '',
      ];
    }),
  };
  return {
    kind: 'inventory',
    title: 'Data inventory',
    subtitle: `${model.inventory.length} entries across ${new Set(model.inventory.map((row) => row.systemId)).size} systems`,
    organisation: model.organisation.name,
    generatedAt: model.generatedAt,
    sections: [rows],
  };
}
