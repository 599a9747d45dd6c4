/**
 * Markdown: fields and text as lists, narrow tables (up to four columns) as pipe tables and wide
 * ones as one block per row, so the ROPA summary stays readable. Markdown and inline HTML
 * characters in values are escaped, so a value cannot inject markup when the file is rendered.
 */
import { cellLines, headerText, isoTimestamp, type Cell, type ReportDocument, type Section } from '../document.js';

export function escapeMarkdown(value: string): string {
  return value
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ')
    .replace(/^(\s*)([#+-]|\d+\.)(?=\s|$)/, '$1\\$2');
}

function inline(value: Cell, separator: string): string {
  return cellLines(value).map(escapeMarkdown).join(separator) || '—';
}

function section(part: Section): string {
  // A heading's text is not a list item: only the markup characters need escaping there.
  const title = `## ${escapeMarkdown(part.title).replace(/^\\(\d+\.)/, '$1')}`;
  if (part.kind === 'fields') return [title, '', ...part.fields.map(([label, value]) => `- **${escapeMarkdown(label)}:** ${inline(value, '; ')}`)].join('\n');
  if (part.kind === 'text') return [title, '', ...(part.paragraphs ?? []).flatMap((text) => [escapeMarkdown(text), '']), ...(part.bullets ?? []).map((text) => `- ${escapeMarkdown(text)}`)].join('\n').trimEnd();
  if (!part.rows.length) return [title, '', `_${escapeMarkdown(part.empty ?? 'No entries.')}_`].join('\n');
  const columns = part.columns.filter((column) => column.pdf !== false);
  const visible = part.columns.map((column) => column.pdf !== false);
  const rows = part.rows.map((row) => row.filter((_, index) => visible[index]));
  if (columns.length <= 4) {
    return [title, '', `| ${columns.map((column) => escapeMarkdown(headerText(column))).join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.map((value) => inline(value, '<br>')).join(' | ')} |`)].join('\n');
  }
  const blocks = rows.map((row) => {
    const [first, ...rest] = row;
    const lines = rest.map((value, index) => `- **${escapeMarkdown(headerText(columns[index + 1]!))}:** ${inline(value, '; ')}`);
    return [`### ${inline(first ?? '', ' ')}`, '', ...lines].join('\n');
  });
  return [title, '', ...blocks.flatMap((block) => [block, ''])].join('\n').trimEnd();
}

export function renderMarkdown(doc: ReportDocument): Buffer {
  const head = [`# ${escapeMarkdown(doc.title)}`, ''];
  if (doc.subtitle) head.push(`_${escapeMarkdown(doc.subtitle)}_`, '');
  head.push(`${escapeMarkdown(doc.organisation)} · generated ${escapeMarkdown(isoTimestamp(doc.generatedAt))}`, '');
  if (doc.banner) head.push(`> **${escapeMarkdown(doc.banner)}**`, '');
  const body = doc.sections.map(section).join('\n\n');
  return Buffer.from(`${head.join('\n')}\n${body}\n`, 'utf8');
}
