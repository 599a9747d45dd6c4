/**
 * CSV (RFC 4180) of a report's main table: CRLF line ends, every field quoted, quotes doubled, UTF-8
 * with a byte-order mark so spreadsheet programs read accented and CJK text correctly.
 * Cells that a spreadsheet would read as a formula (starting with = + - @, tab or carriage return)
 * get a leading single quote (OWASP CSV injection guidance).
 */
import { cellText, headerText, mainTable, type Cell, type ReportDocument } from '../document.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function field(cell: Cell): string {
  const text = typeof cell === 'number' ? String(cell) : guardFormula(cellText(cell));
  return `"${text.replace(/"/g, '""')}"`;
}

export function renderCsv(doc: ReportDocument): Buffer {
  const table = mainTable(doc);
  if (!table) return Buffer.from('\uFEFF', 'utf8');
  const lines = [table.columns.map((column) => field(headerText(column))), ...table.rows.map((row) => row.map(field))];
  return Buffer.from(`\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`, 'utf8');
}
