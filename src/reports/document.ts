/**
 * The format-neutral document every report builds: title, a few sections of fields, text or tables.
 * Each renderer (xlsx, csv, pdf, html, md) lays out this one structure, so a report is written once.
 */
import type { Party, DataProtectionOfficer, ReportKind } from './report.types.js';

/** A cell holds one value, a number (kept numeric in XLSX) or a list, which renderers print one item a line. */
export type Cell = string | number | readonly string[];

export interface Column {
  header: string;
  /** Legal reference printed with the header, e.g. "Art. 30(1)(b)". */
  ref?: string;
  /** Relative width used by PDF and XLSX layout. */
  width: number;
  /** False for machine-oriented columns (ids, keys) that the PDF leaves out to keep its table readable. */
  pdf?: boolean;
}

export interface TableSection {
  kind: 'table';
  title: string;
  /** Worksheet name (at most 31 characters). */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
  /** The table a single-file format (CSV) exports. */
  main?: boolean;
  /** Printed instead of the table when it has no rows. */
  empty?: string;
  note?: string;
}

export interface FieldsSection {
  kind: 'fields';
  title: string;
  fields: [string, Cell][];
}

export interface TextSection {
  kind: 'text';
  title: string;
  paragraphs?: string[];
  bullets?: string[];
}

export type Section = TableSection | FieldsSection | TextSection;

export interface ReportDocument {
  kind: ReportKind;
  title: string;
  subtitle?: string;
  organisation: string;
  generatedAt: Date;
  /** Shown prominently at the top (and in the PDF header) of drafts. */
  banner?: string;
  sections: Section[];
}

export function headerText(column: Column): string {
  return column.ref ? `${column.header} (${column.ref})` : column.header;
}

export function cellLines(cell: Cell): string[] {
  if (typeof cell === 'number') return [String(cell)];
  return typeof cell === 'string' ? (cell === '' ? [] : [cell]) : [...cell];
}

export function cellText(cell: Cell, separator = '\n'): string {
  return cellLines(cell).join(separator);
}

export function names(items: readonly { name: string }[] | undefined): string[] {
  return (items ?? []).map((item) => item.name);
}

export function partyLines(party: Party | undefined): string[] {
  if (!party) return [];
  return [party.name, party.address, party.email, party.phone, party.country?.name].filter((line): line is string => Boolean(line));
}

export function officerLine(officer: DataProtectionOfficer | undefined): string {
  return officer ? [officer.name, officer.email, officer.phone].filter(Boolean).join(', ') : '';
}

export function yesNo(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'Yes' : 'No';
}

export function isoTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The main table of a document: the one marked `main`, else the first table. */
export function mainTable(doc: ReportDocument): TableSection | undefined {
  const tables = doc.sections.filter((section): section is TableSection => section.kind === 'table');
  return tables.find((table) => table.main) ?? tables[0];
}
