import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { CustosError } from '../lib/errors.js';
import { exampleShopModel } from './example-model.js';
import { renderReport, reportFormats, REPORT_KINDS, type ReportModel } from './index.js';
import { guardFormula } from './render/csv.js';
import { escapeMarkdown } from './render/markdown.js';

const model = exampleShopModel();
const activityNames = model.activities.map((activity) => activity.name);
const ART30_1 = ['Art. 30(1)(b)', 'Art. 30(1)(c)', 'Art. 30(1)(d)', 'Art. 30(1)(e)', 'Art. 30(1)(f)', 'Art. 30(1)(g)'];

const work = mkdtempSync(join(tmpdir(), 'custos-reports-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

function pdfText(body: Buffer, name: string): string {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, body);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** A copy of the model whose first activity carries hostile text. */
function hostileModel(): ReportModel {
  const copy = exampleShopModel();
  copy.activities[0]!.name = '<script>alert("x")</script> & co';
  copy.activities[1]!.name = '=HYPERLINK("http://evil.example","click")';
  copy.activities[2]!.description = '+SUM(A1:A2)';
  copy.activities[3]!.owner = '@cmd|calc';
  copy.inventory[0]!.field = '\tTAB';
  copy.inventory[1]!.field = '-2+3';
  return copy;
}

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)));
    rows.push(values);
  });
  return rows;
}

describe('reportFormats / renderReport errors', () => {
  it('lists formats per report', () => {
    expect(reportFormats('ropa')).toEqual(['xlsx', 'csv', 'pdf', 'html', 'md']);
    expect(reportFormats('notice')).toEqual(['md', 'html', 'pdf']);
    expect(reportFormats('inventory')).toEqual(['xlsx', 'csv', 'html']);
  });

  it('throws a VALIDATION_FAILED CustosError for an unknown kind or unsupported format', async () => {
    expect(() => reportFormats('dpia')).toThrow(CustosError);
    await expect(renderReport('dpia', 'pdf', model)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(renderReport('inventory', 'pdf', model)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'format' }] });
    await expect(renderReport('ropa', 'docx', model)).rejects.toThrow(/Unknown format "docx"/);
  });

  it('asks for a jurisdiction when the notice cannot tell which one', async () => {
    await expect(renderReport('notice', 'md', model)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'jurisdiction' }] });
  });

  it('renders every kind in every format it offers', async () => {
    for (const kind of REPORT_KINDS) {
      for (const format of reportFormats(kind)) {
        const out = await renderReport(kind, format, model, { jurisdiction: 'eu' });
        expect(out.extension).toBe(format);
        expect(out.body.length).toBeGreaterThan(100);
        expect(out.contentType).toMatch(/^(application|text)\//);
      }
    }
  });
});

describe('ropa', () => {
  it('XLSX has one row per activity and every Art. 30(1) column', async () => {
    const out = await renderReport('ropa', 'xlsx', model);
    const workbook = await readWorkbook(out.body);
    const sheet = workbook.getWorksheet('Activities')!;
    const [header, ...rows] = sheetRows(sheet);
    for (const ref of ART30_1) expect(header!.some((cell) => cell.includes(ref)), ref).toBe(true);
    for (const label of ['Purposes', 'Categories of data subjects', 'Categories of personal data', 'Categories of recipients', 'Transfers to third countries', 'time limits for erasure', 'security measures', 'Legal basis per jurisdiction', 'Systems involved', 'Special categories', 'DPIA status']) {
      expect(header!.some((cell) => cell.includes(label)), label).toBe(true);
    }
    const activityColumn = header!.indexOf('Activity');
    expect(rows.map((row) => row[activityColumn])).toEqual(activityNames);
    const support = rows.find((row) => row[activityColumn] === 'Customer support')!;
    const text = support.join('\n');
    expect(text).toContain('Explicit consent (Art. 9(2)(a))');
    expect(text).toContain('杭州云客服科技有限公司');
    const orders = rows.find((row) => row[activityColumn] === 'Order processing and delivery')!.join('\n');
    expect(orders).toContain('China PIPL: Necessary to conclude or perform a contract (Art. 13(1)(2))');
    expect(orders).toContain('PIPL Art. 38(1)(3)');
    const summary = sheetRows(workbook.getWorksheet('Summary')!).flat().join('\n');
    expect(summary).toContain('Müller & Zhang Handels GmbH');
    expect(summary).toContain('Dr. Agnieszka Łukasiewicz, dpo@shop.example');
    const transfers = sheetRows(workbook.getWorksheet('Transfers')!);
    expect(transfers.slice(1).map((row) => row[2])).toEqual(['United States', 'Germany', 'United Kingdom', 'China']);
    expect(sheet.headerFooter.oddFooter).toContain('Müller && Zhang Handels GmbH');
  });

  it('CSV parses back with every activity, the Art. 30(1) columns and the formula guard', async () => {
    const out = await renderReport('ropa', 'csv', hostileModel());
    expect(out.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parse(out.body, { bom: true, relax_column_count: false }) as string[][];
    for (const ref of ART30_1) expect(header!.some((cell) => cell.includes(ref)), ref).toBe(true);
    expect(rows).toHaveLength(4);
    const names = rows.map((row) => row[header!.indexOf('Activity')]);
    expect(names[0]).toBe('<script>alert("x")</script> & co');
    expect(names[1]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[2]![header!.indexOf('Description')]).toBe(`'+SUM(A1:A2)`);
    expect(rows[3]![header!.indexOf('Owner')]).toBe(`'@cmd|calc`);
    expect(rows[3]![header!.indexOf('Categories of personal data (Art. 30(1)(c))')]).toContain('Health data (accessibility needs, returns of medical aids) [special category, sensitive PI]');
    expect(out.body.toString('utf8')).toContain('\r\n');
  });

  it('HTML lists every activity and escapes markup', async () => {
    const html = (await renderReport('ropa', 'html', hostileModel())).body.toString('utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    for (const name of activityNames.slice(2)) expect(html).toContain(name);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page { size: A4 landscape');
    expect(html).not.toMatch(/<link |src=|@import/);
    const plain = (await renderReport('ropa', 'html', model)).body.toString('utf8');
    for (const name of activityNames) expect(plain).toContain(name);
    for (const ref of ART30_1) expect(plain).toContain(ref);
  });

  it('PDF is a PDF naming every activity, with page numbers and the organisation', async () => {
    const out = await renderReport('ropa', 'pdf', model);
    expect(out.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = out.body.toString('latin1');
    expect(raw.match(/\/Type \/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    if (!hasPdftotext) return;
    const text = pdfText(out.body, 'ropa').replace(/\s+/g, ' ');
    for (const name of ['Fraud prevention', 'Customer support', 'Newsletter and', 'Order processing']) expect(text).toContain(name);
    expect(text).toMatch(/Page 1 of \d/);
    expect(text).toContain('Müller & Zhang Handels GmbH');
    expect(text).toContain('Generated 2025-03-14 09:30 UTC');
    expect(text).toContain('Łukasiewicz');
  });

  it('Markdown summary has a block per activity and escapes markup', async () => {
    const md = (await renderReport('ropa', 'md', hostileModel())).body.toString('utf8');
    expect(md).toContain('### &lt;script&gt;alert("x")&lt;/script&gt; & co');
    expect(md).toContain('### Customer support');
    expect(md).not.toContain('<script>');
    expect(escapeMarkdown('a|b *c* [d](e)')).toBe('a\\|b \\*c\\* \\[d\\](e)');
  });
});

describe('processor-ropa', () => {
  it('records each controller served and the processing on its behalf', async () => {
    const workbook = await readWorkbook((await renderReport('processor-ropa', 'xlsx', model)).body);
    const controllers = sheetRows(workbook.getWorksheet('Controllers')!);
    expect(controllers[1]![0]).toBe('Café Crème SARL');
    expect(controllers[1]![3]).toBe('Hélène Dupré, dpo@cafe-creme.example');
    const [header, row] = sheetRows(workbook.getWorksheet('Processing')!);
    for (const ref of ['Art. 30(2)(a)', 'Art. 30(2)(b)', 'Art. 30(2)(c)', 'Art. 30(2)(d)']) expect(header!.some((cell) => cell.includes(ref)), ref).toBe(true);
    expect(row).toContain('Order fulfilment and returns for a marketplace merchant');
  });

  it('says so when the organisation processes for no one', async () => {
    const html = (await renderReport('processor-ropa', 'html', { ...model, controllersServed: [] })).body.toString('utf8');
    expect(html).toContain('No processing on behalf of a controller is recorded.');
  });
});

describe('pipl', () => {
  it('covers the activities under PIPL with sensitive PI, Art. 38 mechanism and Art. 55 triggers', async () => {
    const [header, ...rows] = parse((await renderReport('pipl', 'csv', model)).body, { bom: true }) as string[][];
    const byName = new Map(rows.map((row) => [row[header!.indexOf('Processing activity')]!, row]));
    expect([...byName.keys()]).toEqual(['Newsletter and personalised marketing', 'Order processing and delivery', 'Customer support']);
    const col = (ref: string) => header!.findIndex((cell) => cell.includes(ref));
    const orders = byName.get('Order processing and delivery')!;
    expect(orders[col('Art. 38-39')]).toContain('CAC standard contract');
    expect(orders[col('Art. 38-39')]).toContain('(PIPL Art. 38(1)(3)); separate consent (Art. 39)');
    expect(orders[col('Art. 55)')]).toContain('Provision outside the PRC (Art. 55(4))');
    const support = byName.get('Customer support')!;
    expect(support[col('Art. 28-30')]).toContain('Health data (accessibility needs, returns of medical aids): Needed to arrange accessible delivery');
    expect(support[col('Art. 28-30')]).toContain('separate consent obtained');
    expect(support[col('Art. 13')]).toBe('Necessary to conclude or perform a contract (Art. 13(1)(2))');
    expect(header!.some((cell) => cell.includes('Art. 17(1)(2), Art. 19'))).toBe(true);
  });

  it('PDF embeds a CJK font when one is installed, else says it fell back', async () => {
    const out = await renderReport('pipl', 'pdf', model);
    expect(out.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!hasPdftotext) return;
    const text = pdfText(out.body, 'pipl');
    if (/CJK/.test(out.body.toString('latin1'))) {
      expect(text).toContain('张伟');
      expect(text).toContain('上海穆张贸易有限公司');
    } else {
      expect(text).toContain('Font note');
    }
  });

  it('falls back to Helvetica with a note when no font file exists', async () => {
    const out = await renderReport('pipl', 'pdf', model, { fonts: { latin: '/nonexistent/a.ttf', latinBold: '/nonexistent/b.ttf', cjk: '/nonexistent/c.ttc', cjkBold: '/nonexistent/d.ttc' } });
    expect(out.body.toString('latin1')).toContain('/BaseFont /Helvetica');
    if (!hasPdftotext) return;
    const text = pdfText(out.body, 'pipl-fallback').replace(/\s+/g, ' ');
    expect(text).toContain('Font note');
    expect(text).toContain('Müller & Zhang');
    expect(text).toContain('?? (Zhang Wei)');
  });
});

describe('notice', () => {
  it('is marked as a draft and lists the GDPR rights, bases and transfers', async () => {
    const md = (await renderReport('notice', 'md', model, { jurisdiction: 'eu' })).body.toString('utf8');
    expect(md).toMatch(/^# Privacy notice/);
    expect(md).toContain('DRAFT generated by Custos from the data map');
    expect(md).toContain('not legal advice');
    expect(md).toContain('| Fraud prevention: Preventing payment fraud |');
    expect(md).toContain('Legitimate interests (Art. 6(1)(f))');
    expect(md).toContain('Withdraw consent at any time, without affecting processing before withdrawal (GDPR Art. 7(3))');
    expect(md).toContain('Object at any time to direct marketing (GDPR Art. 21(2))');
    expect(md).toContain('MailWave Inc. in United States: Standard contractual clauses');
    expect(md).toContain('Dr. Agnieszka Łukasiewicz');
    expect(md).not.toContain('PIPL Art. 38');
  });

  it('for China lists PIPL rights, Art. 39 details, and flags gaps for counsel', async () => {
    const copy = exampleShopModel();
    copy.activities[2]!.legalBases.push({ jurisdiction: { key: 'cn', name: 'China PIPL' }, basis: { key: 'pipl.legitimate_interests', name: 'Legitimate interests' } });
    const html = (await renderReport('notice', 'html', copy, { jurisdiction: 'pipl' })).body.toString('utf8');
    expect(html).toContain('class="banner"');
    expect(html).toContain('Consult and copy your personal information (PIPL Art. 45(1))');
    expect(html).toContain('Provision of personal information outside the PRC');
    expect(html).toContain('Müller &amp; Zhang Handels GmbH (Berlin headquarters), Germany; contact: privacy@shop.example');
    expect(html).toContain('张伟 (Zhang Wei)');
    expect(html).toContain('relies on legitimate interests, which PIPL Art. 13 does not provide');
    expect(html).not.toContain('MailWave Inc. in United States');
  });

  it('PDF carries the draft banner', async () => {
    const out = await renderReport('notice', 'pdf', model, { jurisdiction: 'uk' });
    expect(out.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!hasPdftotext) return;
    const text = pdfText(out.body, 'notice').replace(/\s+/g, ' ');
    expect(text).toContain('DRAFT generated by Custos');
    expect(text).toContain('UK GDPR Art. 15');
  });
});

describe('inventory', () => {
  it('XLSX keeps one row per entry with provenance, confidence and hosting', async () => {
    const workbook = await readWorkbook((await renderReport('inventory', 'xlsx', model)).body);
    const sheet = workbook.getWorksheet('Inventory')!;
    const [header, ...rows] = sheetRows(sheet);
    expect(header).toEqual(['System', 'Dataset', 'Table', 'Field', 'Category', 'Category key', 'Level', 'Provenance', 'Confidence', 'Identity kind', 'Hosting country', 'Hosting region']);
    expect(rows).toHaveLength(model.inventory.length);
    expect(sheet.getRow(3).getCell(9).value).toBe(0.97);
    const health = rows.find((row) => row[3] === 'health_note')!;
    expect(health).toEqual(['客服工单系统 (Support ticketing)', 'tickets', 'ticket', 'health_note', 'Health data (accessibility needs, returns of medical aids)', 'health.accessibility', 'L4', 'Human review', '1', 'Linked to a person', 'China', 'cn-hangzhou (restricted schema)']);
  });

  it('CSV guards formulas and HTML escapes', async () => {
    const rows = parse((await renderReport('inventory', 'csv', hostileModel())).body, { bom: true }) as string[][];
    expect(rows[1]![3]).toBe(`'\tTAB`);
    expect(rows[2]![3]).toBe(`'-2+3`);
    expect(guardFormula('\rX')).toBe(`'\rX`);
    expect(guardFormula('plain')).toBe('plain');
    const html = (await renderReport('inventory', 'html', model)).body.toString('utf8');
    expect(html).toContain('<td>card_token</td>');
  });
});
