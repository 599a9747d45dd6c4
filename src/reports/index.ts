/**
 * Report generation: `renderReport(kind, format, model)` turns an assembled data-map model into a
 * file. Each report builds one format-neutral document (document.ts); each format renders it.
 */
import { CustosError } from '../lib/errors.js';
import type { ReportDocument } from './document.js';
import { buildInventory } from './inventory.js';
import { buildNotice } from './notice.js';
import { buildPipl } from './pipl.js';
import { renderCsv } from './render/csv.js';
import { renderHtml } from './render/html.js';
import { renderMarkdown } from './render/markdown.js';
import { REPORT_KINDS, REPORT_FORMATS, type RenderOptions, type RenderedReport, type ReportFormat, type ReportKind, type ReportModel } from './report.types.js';
import { buildProcessorRopa, buildRopa } from './ropa.js';

export * from './report.types.js';

const REPORTS: Record<ReportKind, { formats: readonly ReportFormat[]; build: (model: ReportModel, options: RenderOptions) => ReportDocument }> = {
  ropa: { formats: ['xlsx', 'csv', 'pdf', 'html', 'md'], build: buildRopa },
  'processor-ropa': { formats: ['xlsx', 'csv', 'pdf', 'html'], build: buildProcessorRopa },
  pipl: { formats: ['xlsx', 'csv', 'pdf', 'html'], build: buildPipl },
  notice: { formats: ['md', 'html', 'pdf'], build: (model, options) => buildNotice(model, options.jurisdiction) },
  inventory: { formats: ['xlsx', 'csv', 'html'], build: buildInventory },
};

const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8; header=present',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

function isKind(kind: string): kind is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(kind);
}

/** The formats a report can be rendered in; throws VALIDATION_FAILED for an unknown kind. */
export function reportFormats(kind: string): readonly ReportFormat[] {
  if (!isKind(kind)) {
    throw new CustosError('VALIDATION_FAILED', `Unknown report "${kind}"; reports are ${REPORT_KINDS.join(', ')}`, { details: [{ field: 'kind', message: `one of ${REPORT_KINDS.join(', ')}` }] });
  }
  return REPORTS[kind].formats;
}

export async function renderReport(kind: string, format: string, model: ReportModel, options: RenderOptions = {}): Promise<RenderedReport> {
  const formats = reportFormats(kind);
  if (!formats.includes(format as ReportFormat)) {
    const known = (REPORT_FORMATS as readonly string[]).includes(format);
    throw new CustosError('VALIDATION_FAILED', `${known ? `The ${kind} report is not available as ${format}` : `Unknown format "${format}"`}; ${kind} is available as ${formats.join(', ')}`, {
      details: [{ field: 'format', message: `one of ${formats.join(', ')}` }],
    });
  }
  const doc = REPORTS[kind as ReportKind].build(model, options);
  const extension = format as ReportFormat;
  const body = await render(doc, extension, options);
  return { contentType: CONTENT_TYPES[extension], extension, body };
}

async function render(doc: ReportDocument, format: ReportFormat, options: RenderOptions): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      // exceljs and pdfkit are loaded on first use: every CLI command and server start would pay for them.
      return (await import('./render/xlsx.js')).renderXlsx(doc);
    case 'csv':
      return renderCsv(doc);
    case 'pdf':
      return (await import('./render/pdf.js')).renderPdf(doc, options);
    case 'html':
      return renderHtml(doc);
    case 'md':
      return renderMarkdown(doc);
  }
}
