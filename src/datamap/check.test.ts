/** The CI gate's rules on hand-built maps: each rule fires on its case and not on the fixed one. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_RULES, checkMap, toSarif } from './check.js';
import type { Activity, MapField, MapState } from './datamap.types.js';
import { affectedActivities, compareTable } from './drift.js';

const SYSTEM = { id: 's1', name: 'shop', description: '', kind: 'database', engine: 'postgres', connection: '', scannable: true, owner: null, department: null, hostingRegion: null, hostingCountry: 'DE', role: 'controller' as const, securityMeasures: [], reviewRequired: false };

function field(table: string, column: string, category: string | null, extra: Partial<MapField> = {}): MapField {
  return { id: `${table}.${column}`, systemId: 's1', system: 'shop', schema: 'public', table, column, dataType: 'text', entity: category ? 'X' : null, category, level: 'L3', confidence: 0.9, provenance: 'scanner', identity: null, freeText: false, ...extra };
}

function activity(extra: Partial<Activity> = {}): Activity {
  return {
    id: 'a1', key: 'orders', name: 'Orders', description: '', role: 'controller', controller: null,
    dataUses: ['essential.service'], dataCategories: ['user.contact'], dataSubjects: ['customer'],
    legalBases: [{ jurisdiction: 'GDPR', basis: 'contract' }], retention: { period: 'P6Y', trigger: 'order' },
    recipients: [], transfers: [], systems: ['shop'], dpia: { status: 'not_assessed' },
    reviewRequired: false, reviewReasons: [], origin: 'code', createdAt: '', updatedAt: '', ...extra,
  };
}

function state(fields: MapField[], activities: Activity[], extra: Partial<MapState> = {}): MapState {
  const tables = [...new Set(fields.map((f) => f.table))].map((t) => ({ systemId: 's1', system: 'shop', schema: 'public', table: t, kind: 'table', rowEstimate: 10, primaryKey: ['id'], columns: [{ name: 'id', dataType: 'int', kind: 'number' }, ...fields.filter((f) => f.table === t).map((f) => ({ name: f.column, dataType: 'text', kind: 'text' }))], origin: 'scanner' as const }));
  return { organisation: { name: 'Shop GmbH', role: 'controller', country: 'DE' }, systems: [SYSTEM], tables, fields, references: [], activities, taxonomy: [], ...extra };
}

const rules = (s: MapState) => checkMap(s).violations.map((v) => v.rule);
const EMAIL = field('customers', 'email', 'user.contact.email', { entity: 'EMAIL_ADDRESS', identity: 'email' });

describe('custos check', () => {
  it('passes a covered map, and fails each gap with its rule', () => {
    expect(checkMap(state([EMAIL], [activity()])).ok).toBe(true);
    expect(rules(state([EMAIL], []))).toContain('category-no-activity');
    expect(rules(state([EMAIL], [activity({ legalBases: [] })]))).toContain('activity-no-legal-basis');
    expect(rules(state([EMAIL], [activity({ retention: null })]))).toContain('activity-no-retention');
    expect(rules(state([EMAIL], [activity({ legalBases: [{ jurisdiction: 'GDPR', basis: 'whim' }] })]))).toContain('activity-invalid-legal-basis');
    expect(rules(state([EMAIL, field('customers', 'notes', null, { entity: 'PERSON' })], [activity()]))).toContain('field-no-category');
    expect(rules(state([EMAIL, field('customers', 'x', 'user.made_up')], [activity()]))).toContain('field-unknown-category');
  });

  it('asks special-category data for an Art. 9 condition and a completed DPIA, per jurisdiction', () => {
    const health = field('customers', 'diagnosis', 'user.health_and_medical');
    const covering = activity({ dataCategories: ['user.contact', 'user.health_and_medical'] });
    expect(rules(state([EMAIL, health], [covering]))).toEqual(expect.arrayContaining(['special-no-condition', 'special-no-dpia']));
    const fixed = activity({ dataCategories: ['user.contact', 'user.health_and_medical'], legalBases: [{ jurisdiction: 'GDPR', basis: 'contract', specialCondition: 'explicit_consent' }], dpia: { status: 'completed', reference: 'DPIA-7' } });
    expect(checkMap(state([EMAIL, health], [fixed])).ok).toBe(true);
    // Financial data is sensitive under PIPL Art. 28, not special under GDPR Art. 9: no GDPR condition needed.
    const card = field('payments', 'card', 'user.financial.credit_card');
    const payments = activity({ dataCategories: ['user.contact', 'user.financial'], dpia: { status: 'completed' } });
    expect(rules(state([EMAIL, card], [payments]))).not.toContain('special-no-condition');
  });

  it('requires a mechanism for a transfer outside the EEA unless the destination is adequate', () => {
    const toUs = activity({ transfers: [{ destination: 'US', jurisdiction: 'GDPR' }] });
    expect(rules(state([EMAIL], [toUs]))).toContain('transfer-no-mechanism');
    expect(checkMap(state([EMAIL], [activity({ transfers: [{ destination: 'US', jurisdiction: 'GDPR', mechanism: 'scc' }] })])).ok).toBe(true);
    expect(checkMap(state([EMAIL], [activity({ transfers: [{ destination: 'JP', jurisdiction: 'GDPR' }] })])).ok).toBe(true);
    expect(checkMap(state([EMAIL], [activity({ transfers: [{ destination: 'FR', jurisdiction: 'GDPR' }] })])).ok).toBe(true);
    const hostedInUs = state([EMAIL], [activity()], { systems: [{ ...SYSTEM, hostingCountry: 'US' }] });
    expect(rules(hostedInUs)).toContain('transfer-undeclared');
  });

  it('flags a personal table no identity reaches, and not once a reference leads to it', () => {
    const notes = field('notes', 'body', 'user.contact.email', { freeText: true });
    const orphan = state([EMAIL, notes], [activity()]);
    expect(checkMap(orphan).violations.find((v) => v.rule === 'table-unreachable')!.subject).toBe('shop/public.notes');
    const linked = { ...orphan, tables: orphan.tables.map((t) => (t.table === 'notes' ? { ...t, columns: [...t.columns, { name: 'customer_id', dataType: 'int', kind: 'number' }] } : t)) };
    linked.references = [{ id: 'r1', from: { system: 'shop', schema: 'public', table: 'notes', columns: ['customer_id'] }, to: { system: 'shop', schema: 'public', table: 'customers', columns: ['id'] }, origin: 'declared', confidence: 1, status: 'active', evidence: {}, note: null }];
    expect(checkMap(linked).ok).toBe(true);
  });

  it('writes SARIF 2.1.0 with every rule and a file location for manifest-fixable violations', () => {
    const sarif = toSarif(checkMap(state([EMAIL], [activity({ retention: null })])), { version: '0.1.0', manifestDir: 'privacy' });
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(CHECK_RULES.map((r) => r.id));
    expect(sarif.runs[0]!.results[0]).toMatchObject({ ruleId: 'activity-no-retention', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'privacy/activities/orders.yaml' } } }] });
  });

  it('documents every rule in docs/check-rules.md (regenerate with UPDATE_DOCS=1)', () => {
    const expected = [
      '# `custos check` rules',
      '',
      'Generated from `src/datamap/check.ts` by `src/datamap/check.test.ts`; the test fails when this file is out of date',
      '(regenerate with `UPDATE_DOCS=1 npx vitest run src/datamap/check.test.ts`). Errors fail the gate; warnings fail it with `--strict`.',
      '',
      '| Rule | Severity | What it means | How to fix it |',
      '| --- | --- | --- | --- |',
      ...CHECK_RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.title} | ${r.help} |`),
      '',
    ].join('\n');
    const file = 'docs/check-rules.md';
    if (process.env.UPDATE_DOCS === '1' || !existsSync(file)) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});

describe('drift', () => {
  const finding = (columns: { column: string; category: string | null }[]) => ({
    schema: 'public', table: 'orders', kind: 'table' as const, rowEstimate: 1, sampledRows: 1, fingerprint: 'f', level: null, primaryKey: [], foreignKeys: [],
    columns: columns.map((c) => ({ column: c.column, dataType: 'text', kind: 'text' as const, entity: c.category ? 'X' : null, category: c.category, level: null, confidence: 1, evidence: { sampled: 1, nonNull: 1, matched: 1, freeText: false, nameHint: null, detectors: [], others: [] }, examples: [] })),
  });

  it('names a new table, a new column, a new category and a changed category, and leaves decided columns alone', () => {
    expect(compareTable({ known: false, previous: [], systemCategories: new Set(), finding: finding([]) }).map((d) => d.kind)).toEqual(['new_table']);
    const items = compareTable({
      known: true,
      previous: [{ column: 'email', category: 'user.contact.email', decided: false }, { column: 'kept', category: 'user.name', decided: true }],
      systemCategories: new Set(['user.contact.email', 'user.name']),
      finding: finding([{ column: 'email', category: 'user.contact.email' }, { column: 'phone', category: 'user.contact.phone_number' }, { column: 'mail2', category: 'user.contact.email' }, { column: 'kept', category: 'user.contact.url' }]),
    });
    expect(items.map((d) => `${d.kind}:${d.column}`)).toEqual(['new_category:phone', 'new_personal_column:mail2']);
    expect(compareTable({ known: true, previous: [{ column: 'a', category: 'user.name', decided: false }], systemCategories: new Set(['user.name']), finding: finding([{ column: 'a', category: 'user.contact.email' }]) })[0]).toMatchObject({ kind: 'category_changed', previousCategory: 'user.name' });
  });

  it('puts up for review the activities covering the category, else every activity on the system', () => {
    const activities = [{ key: 'contact', systems: ['shop'], dataCategories: ['user.contact'] }, { key: 'billing', systems: ['shop'], dataCategories: ['user.financial'] }, { key: 'elsewhere', systems: ['crm'], dataCategories: ['user'] }];
    expect(affectedActivities(activities, 'shop', 'user.contact.phone_number')).toEqual(['contact']);
    expect(affectedActivities(activities, 'shop', 'user.biometric')).toEqual(['contact', 'billing']);
  });
});
