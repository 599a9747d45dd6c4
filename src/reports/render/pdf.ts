/**
 * PDF: A4 (landscape when a table is wide) with a title block, sections, and tables whose text
 * wraps within each cell, whose header row repeats on every page and whose rows are never split
 * (a row taller than a page is cut with an ellipsis). Every page has the report title and
 * organisation at the top, and the organisation, generation time and "Page n of m" at the bottom.
 * Line breaking and font choice are done here rather than by pdfkit, so that one line can mix
 * Latin and CJK runs drawn with different fonts (see pdf-fonts.ts).
 */
import PDFDocument from 'pdfkit';
import { cellLines, headerText, isoTimestamp, type Cell, type FieldsSection, type ReportDocument, type Section, type TableSection, type TextSection } from '../document.js';
import type { RenderOptions } from '../report.types.js';
import { isCjk, planFonts, toWinAnsi, type FontPlan } from './pdf-fonts.js';

const COLOR = { brand: '#1f4e79', text: '#1d2430', muted: '#4a5568', border: '#cbd5e0', stripe: '#f4f7fb', bannerBg: '#fffbeb', bannerBorder: '#b7791f', bannerText: '#744210', white: '#ffffff' };
const MARGIN = { top: 48, bottom: 44, left: 36, right: 36 };
const PAD = 3;

interface Style {
  size: number;
  bold?: boolean;
  color?: string;
}

interface Line {
  text: string;
  width: number;
}

type Doc = InstanceType<typeof PDFDocument>;

/** Measures, wraps and draws text with the font that covers each character. */
class Typesetter {
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontPlan,
  ) {
    doc.registerFont('latin', fonts.latin.src, fonts.latin.family);
    doc.registerFont('latin-bold', fonts.latinBold.src, fonts.latinBold.family);
    if (fonts.cjk) doc.registerFont('cjk', fonts.cjk.src, fonts.cjk.family);
    if (fonts.cjkBold) doc.registerFont('cjk-bold', fonts.cjkBold.src, fonts.cjkBold.family);
  }

  /** Replaces what no available font can show. */
  prepare(text: string): string {
    let out = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
    if (!this.fonts.cjk) out = [...out].map((ch) => (isCjk(ch) ? '?' : ch)).join('');
    if (this.fonts.builtin) out = [...out].map((ch) => (isCjk(ch) && this.fonts.cjk ? ch : toWinAnsi(ch))).join('');
    return out;
  }

  private runs(text: string): { text: string; cjk: boolean }[] {
    const runs: { text: string; cjk: boolean }[] = [];
    for (const ch of text) {
      const cjk = this.fonts.cjk !== undefined && isCjk(ch);
      const last = runs.at(-1);
      if (last && last.cjk === cjk) last.text += ch;
      else runs.push({ text: ch, cjk });
    }
    return runs;
  }

  private font(cjk: boolean, bold: boolean | undefined): string {
    return `${cjk ? 'cjk' : 'latin'}${bold ? '-bold' : ''}`;
  }

  width(text: string, style: Style): number {
    const key = `${style.bold ? 'b' : 'r'}${style.size}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = 0;
      for (const run of this.runs(text)) width += this.doc.font(this.font(run.cjk, style.bold)).fontSize(style.size).widthOfString(run.text);
      this.widths.set(key, width);
    }
    return width;
  }

  /** Greedy line breaking at spaces, between CJK characters, and inside words longer than a line. */
  wrap(raw: string, maxWidth: number, style: Style): Line[] {
    const lines: Line[] = [];
    for (const paragraph of this.prepare(raw).split('\n')) {
      const tokens = paragraph.match(/\s+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]+/gu) ?? [];
      let current = '';
      let width = 0;
      const flush = () => {
        lines.push({ text: current.trimEnd(), width: this.width(current.trimEnd(), style) });
        current = '';
        width = 0;
      };
      for (const token of tokens) {
        const tokenWidth = this.width(token, style);
        if (/^\s+$/.test(token)) {
          if (current) {
            current += ' ';
            width += this.width(' ', style);
          }
          continue;
        }
        if (width + tokenWidth <= maxWidth) {
          current += token;
          width += tokenWidth;
          continue;
        }
        if (current.trim()) flush();
        if (tokenWidth <= maxWidth) {
          current = token;
          width = tokenWidth;
          continue;
        }
        for (const ch of token) {
          const chWidth = this.width(ch, style);
          if (width + chWidth > maxWidth && current) flush();
          current += ch;
          width += chWidth;
        }
      }
      if (current.trim() || !lines.length || paragraph === '') flush();
    }
    return lines;
  }

  lineHeight(style: Style): number {
    return style.size * 1.32;
  }

  /** Draws lines from `top`, each run in its font, on a common baseline. */
  draw(lines: Line[], x: number, top: number, style: Style, align: 'left' | 'right' | 'center' = 'left', boxWidth = 0): void {
    this.doc.fillColor(style.color ?? COLOR.text);
    lines.forEach((line, index) => {
      const baseline = top + index * this.lineHeight(style) + style.size * 0.98;
      let cursor = align === 'left' ? x : align === 'right' ? x + boxWidth - line.width : x + (boxWidth - line.width) / 2;
      for (const run of this.runs(line.text)) {
        this.doc.font(this.font(run.cjk, style.bold)).fontSize(style.size).text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic' });
        cursor += this.width(run.text, style);
      }
    });
  }
}

class PdfWriter {
  private y = MARGIN.top;
  private readonly set: Typesetter;
  private readonly left = MARGIN.left;
  private readonly contentWidth: number;

  constructor(
    private readonly doc: Doc,
    fonts: FontPlan,
    private readonly report: ReportDocument,
  ) {
    this.set = new Typesetter(doc, fonts);
    this.contentWidth = doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  private ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > MARGIN.top) this.newPage();
  }

  private text(value: string, style: Style, indent = 0): void {
    const lines = this.set.wrap(value, this.contentWidth - indent, style);
    const lineHeight = this.set.lineHeight(style);
    for (const line of lines) {
      this.ensure(lineHeight);
      this.set.draw([line], this.left + indent, this.y, style);
      this.y += lineHeight;
    }
  }

  titleBlock(note: string | undefined): void {
    this.text(this.report.title, { size: 18, bold: true, color: COLOR.brand });
    this.y += 2;
    if (this.report.subtitle) this.text(this.report.subtitle, { size: 10, color: COLOR.muted });
    this.text(`${this.report.organisation} · generated ${isoTimestamp(this.report.generatedAt)}`, { size: 9, color: COLOR.muted });
    this.y += 4;
    this.doc.moveTo(this.left, this.y).lineTo(this.left + this.contentWidth, this.y).lineWidth(2).strokeColor(COLOR.brand).stroke();
    this.y += 8;
    for (const [message, border] of [
      [this.report.banner, COLOR.bannerBorder],
      [note, COLOR.muted],
    ] as const) {
      if (!message) continue;
      const style: Style = { size: 9, bold: true, color: COLOR.bannerText };
      const lines = this.set.wrap(message, this.contentWidth - 16, style);
      const height = lines.length * this.set.lineHeight(style) + 12;
      this.doc.rect(this.left, this.y, this.contentWidth, height).lineWidth(1.2).fillAndStroke(COLOR.bannerBg, border);
      this.set.draw(lines, this.left + 8, this.y + 6, style);
      this.y += height + 8;
    }
  }

  private heading(title: string): void {
    this.ensure(60);
    this.y += 6;
    this.text(title, { size: 12, bold: true, color: COLOR.brand });
    this.y += 3;
  }

  section(part: Section): void {
    this.heading(part.title);
    if (part.kind === 'fields') this.fields(part);
    else if (part.kind === 'text') this.prose(part);
    else this.table(part);
    this.y += 6;
  }

  private prose(part: TextSection): void {
    const style: Style = { size: 9.5 };
    for (const paragraph of part.paragraphs ?? []) {
      this.text(paragraph, style);
      this.y += 4;
    }
    for (const bullet of part.bullets ?? []) {
      const lines = this.set.wrap(bullet, this.contentWidth - 14, style);
      this.ensure(this.set.lineHeight(style));
      this.set.draw(this.set.wrap('•', 10, style), this.left + 2, this.y, style);
      for (const line of lines) {
        this.ensure(this.set.lineHeight(style));
        this.set.draw([line], this.left + 14, this.y, style);
        this.y += this.set.lineHeight(style);
      }
      this.y += 2;
    }
  }

  private fields(part: FieldsSection): void {
    const widths = [this.contentWidth * 0.3, this.contentWidth * 0.7];
    for (const [label, value] of part.fields) this.row([label, value], widths, { size: 9 }, false, [true, false]);
  }

  /** The wrapped lines of each cell of a row. */
  private rowLines(cells: Cell[], widths: number[], style: Style, bolds: boolean[] = []): Line[][] {
    return cells.map((cell, index) => this.set.wrap(cellLines(cell).join('\n'), widths[index]! - 2 * PAD, { ...style, bold: bolds[index] ?? style.bold }));
  }

  private row(cells: Cell[], widths: number[], style: Style, striped: boolean, bolds: boolean[] = [], fill?: string, repeatHeader?: () => void): void {
    let lines = this.rowLines(cells, widths, style, bolds);
    const lineHeight = this.set.lineHeight(style);
    let height = Math.max(...lines.map((cell) => cell.length), 1) * lineHeight + 2 * PAD;
    if (this.y + height > this.bottom) {
      this.newPage();
      repeatHeader?.();
    }
    const room = this.bottom - this.y;
    if (height > room) {
      const keep = Math.max(1, Math.floor((room - 2 * PAD) / lineHeight));
      lines = lines.map((cell) => (cell.length > keep ? [...cell.slice(0, keep - 1), { text: `${cell[keep - 1]!.text} …`, width: cell[keep - 1]!.width }] : cell));
      height = keep * lineHeight + 2 * PAD;
    }
    let x = this.left;
    widths.forEach((width, index) => {
      const background = fill ?? (striped ? COLOR.stripe : undefined);
      if (background) this.doc.rect(x, this.y, width, height).fill(background);
      this.doc.rect(x, this.y, width, height).lineWidth(0.5).strokeColor(COLOR.border).stroke();
      this.set.draw(lines[index]!, x + PAD, this.y + PAD, { ...style, bold: bolds[index] ?? style.bold });
      x += width;
    });
    this.y += height;
  }

  private table(part: TableSection): void {
    if (!part.rows.length) {
      this.text(part.empty ?? 'No entries.', { size: 9, color: COLOR.muted });
      return;
    }
    const visible = part.columns.map((column, index) => ({ column, index })).filter(({ column }) => column.pdf !== false);
    const total = visible.reduce((sum, { column }) => sum + column.width, 0);
    const widths = visible.map(({ column }) => (column.width / total) * this.contentWidth);
    const size = visible.length > 9 ? 6.5 : visible.length > 6 ? 7.5 : 8.5;
    const headerStyle: Style = { size, bold: true, color: COLOR.white };
    const header = () => this.row(visible.map(({ column }) => headerText(column)), widths, headerStyle, false, [], COLOR.brand);
    const headerHeight = Math.max(...this.rowLines(visible.map(({ column }) => headerText(column)), widths, headerStyle).map((cell) => cell.length)) * this.set.lineHeight(headerStyle) + 2 * PAD;
    const cells = part.rows.map((row) => visible.map(({ index }) => bulleted(row[index] ?? '')));
    const firstRow = Math.max(...this.rowLines(cells[0]!, widths, { size }).map((cell) => cell.length)) * this.set.lineHeight({ size }) + 2 * PAD;
    this.ensure(headerHeight + Math.min(firstRow, this.bottom - MARGIN.top - headerHeight - 80));
    header();
    cells.forEach((row, rowIndex) => this.row(row, widths, { size }, rowIndex % 2 === 1, [visible.length > 4], undefined, header));
    if (part.note) this.text(part.note, { size: 8, color: COLOR.muted });
  }

  /** Running header and footer on every buffered page. */
  decorate(): void {
    const range = this.doc.bufferedPageRange();
    const small: Style = { size: 7.5, color: COLOR.muted };
    const generated = `Generated ${isoTimestamp(this.report.generatedAt)}`;
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const width = this.doc.page.width - MARGIN.left - MARGIN.right;
      const footerY = this.doc.page.height - MARGIN.bottom + 14;
      this.set.draw(this.set.wrap(this.report.title, width / 2, small), this.left, 20, small);
      this.set.draw(this.set.wrap(this.report.organisation, width / 2, small), this.left + width / 2, 20, small, 'right', width / 2);
      this.doc.moveTo(this.left, footerY - 4).lineTo(this.left + width, footerY - 4).lineWidth(0.5).strokeColor(COLOR.border).stroke();
      const wide = width * 0.45;
      this.set.draw([...this.set.wrap(this.report.organisation, wide, small).slice(0, 1), ...this.set.wrap(generated, wide, small)], this.left, footerY, small);
      if (this.report.banner) this.set.draw(this.set.wrap('DRAFT · for review by counsel · not legal advice', width * 0.3, small).slice(0, 2), this.left + wide, footerY, small, 'center', width * 0.3);
      this.set.draw(this.set.wrap(`Page ${i - range.start + 1} of ${range.count}`, width * 0.25, small), this.left + width * 0.75, footerY, small, 'right', width * 0.25);
    }
  }
}

/** Items of a list cell get a bullet, so wrapped items stay told apart. */
function bulleted(cell: Cell): Cell {
  const lines = cellLines(cell);
  return lines.length > 1 ? lines.map((line) => `• ${line}`) : cell;
}

function isWide(doc: ReportDocument): boolean {
  return doc.sections.some((section) => section.kind === 'table' && section.columns.filter((column) => column.pdf !== false).length > 4);
}

export function renderPdf(report: ReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  const fonts = planFonts(options.fonts);
  const doc = new PDFDocument({
    size: 'A4',
    layout: isWide(report) ? 'landscape' : 'portrait',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: report.title, Author: report.organisation, Subject: report.subtitle ?? report.title, Creator: 'Custos', Producer: 'Custos (pdfkit)', CreationDate: report.generatedAt, ModDate: report.generatedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const writer = new PdfWriter(doc, fonts, report);
  writer.titleBlock(fonts.note);
  for (const section of report.sections) writer.section(section);
  writer.decorate();
  doc.end();
  return done;
}
