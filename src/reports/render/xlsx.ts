/**
 * XLSX: a "Summary" sheet with the title, fields and text sections, then one sheet per table with a
 * styled, frozen, filterable header row. Values are written as plain strings or numbers, never as
 * formulas. Sheets print A4 landscape, one page wide, header row repeated, organisation, page
 * number and generation time in the footer.
 */
import ExcelJS from 'exceljs';
import { cellLines, headerText, isoTimestamp, type Cell, type ReportDocument, type TableSection } from '../document.js';
import { isCjk } from './pdf-fonts.js';

const BRAND = 'FF1F4E79';
const STRIPE = 'FFF4F7FB';

function value(cell: Cell): string | number {
  return typeof cell === 'number' ? cell : cellLines(cell).join('\n');
}

/** Header/footer text: `&` starts a code there, so it is doubled. */
function footerText(text: string): string {
  return text.replace(/&/g, '&&');
}

/**
 * Row height for wrapped text. Spreadsheet programs do not grow rows written by a library, so the
 * height is estimated from the text length per column width (CJK characters count twice).
 */
function fitHeight(row: ExcelJS.Row, widths: number[]): void {
  let lines = 1;
  row.eachCell((cell, col) => {
    const width = Math.max(4, (widths[col - 1] ?? 10) - 1);
    const text = typeof cell.value === 'string' ? cell.value : String(cell.value ?? '');
    const count = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].reduce((n, ch) => n + (isCjk(ch) ? 2 : 1), 0) / width)), 0);
    lines = Math.max(lines, count);
  });
  row.height = Math.min(409, lines * 15 + 2);
}

function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 28)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function setupPrint(sheet: ExcelJS.Worksheet, doc: ReportDocument, repeatHeader: boolean): void {
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } };
  if (repeatHeader) sheet.pageSetup.printTitlesRow = '1:1';
  sheet.headerFooter = { oddFooter: `&L${footerText(doc.organisation)}&CPage &P of &N&RGenerated ${footerText(isoTimestamp(doc.generatedAt))}` };
}

function addTable(workbook: ExcelJS.Workbook, doc: ReportDocument, table: TableSection, taken: Set<string>): void {
  const sheet = workbook.addWorksheet(sheetName(table.sheet, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = table.columns.map((column) => Math.min(40, Math.max(10, column.width * 1.8)));
  sheet.columns = table.columns.map((column, index) => ({ header: headerText(column), width: widths[index] }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { wrapText: true, vertical: 'top' };
  fitHeight(header, widths);
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: BRAND } };
  });
  table.rows.forEach((row, index) => {
    const added = sheet.addRow(row.map(value));
    added.alignment = { wrapText: true, vertical: 'top' };
    fitHeight(added, widths);
    if (index % 2 === 1) {
      for (let col = 1; col <= table.columns.length; col++) added.getCell(col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STRIPE } };
    }
  });
  if (table.rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  else sheet.addRow([table.empty ?? 'No entries.']).font = { italic: true };
  setupPrint(sheet, doc, true);
}

export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custos';
  workbook.created = doc.generatedAt;
  workbook.modified = doc.generatedAt;
  workbook.title = doc.title;
  workbook.company = doc.organisation;
  const taken = new Set<string>();
  const summary = workbook.addWorksheet(sheetName('Summary', taken));
  summary.columns = [{ width: 42 }, { width: 100 }];
  summary.addRow([doc.title]).font = { bold: true, size: 16, color: { argb: BRAND } };
  if (doc.subtitle) summary.addRow([doc.subtitle]).font = { italic: true };
  summary.addRow(['Organisation', doc.organisation]);
  summary.addRow(['Generated', isoTimestamp(doc.generatedAt)]);
  if (doc.banner) summary.addRow(['Status', doc.banner]).font = { bold: true, color: { argb: 'FF9C4A00' } };
  for (const section of doc.sections) {
    if (section.kind === 'table') {
      summary.addRow([]);
      summary.addRow([section.title, `See sheet "${section.sheet}" (${section.rows.length} ${section.rows.length === 1 ? 'row' : 'rows'})`]).getCell(1).font = { bold: true };
      continue;
    }
    summary.addRow([]);
    summary.addRow([section.title]).font = { bold: true, size: 12, color: { argb: BRAND } };
    if (section.kind === 'fields') for (const [label, cell] of section.fields) summary.addRow([label, value(cell)]).getCell(1).font = { bold: true };
    else for (const text of [...(section.paragraphs ?? []), ...(section.bullets ?? []).map((item) => `• ${item}`)]) summary.addRow(['', text]);
  }
  summary.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
    fitHeight(row, [42, 100]);
  });
  summary.getRow(1).height = 24;
  setupPrint(summary, doc, false);
  for (const section of doc.sections) if (section.kind === 'table') addTable(workbook, doc, section, taken);
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
