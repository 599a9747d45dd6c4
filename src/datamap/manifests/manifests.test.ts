import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustosError } from '../../lib/errors.js';
import { ActivityInputSchema, OrganisationSchema, SystemDetailsSchema } from '../datamap.schemas.js';
import { camelKeys } from './convert.js';
import { activity, emptyState, field, memoryTarget, reference, sampleState, table } from './fixtures.test-support.js';
import { applyChanges, desiredToState, formatPlan, parseManifests, planChanges, readManifests, renderManifests, toCamelKey, toSnakeKey, writeManifests } from './index.js';

function validationError(fn: () => unknown): CustosError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CustosError);
    expect((err as CustosError).code).toBe('VALIDATION_FAILED');
    return err as CustosError;
  }
  throw new Error('expected a validation error');
}

const lines = (err: CustosError) => err.details.map((d) => `${d.field}: ${d.message}`);

describe('renderManifests', () => {
  it('is deterministic and sorted whatever the order of the state', () => {
    const state = sampleState();
    const shuffled = { ...state, systems: [...state.systems].reverse(), tables: [...state.tables].reverse(), fields: [...state.fields].reverse(), references: [...state.references].reverse(), activities: [...state.activities].reverse() };
    const a = renderManifests(state);
    const b = renderManifests(shuffled);
    expect([...a.keys()]).toEqual(['activities/marketing.yaml', 'activities/order_fulfilment.yaml', 'organisation.yaml', 'systems/crm.yaml', 'systems/shop.yaml', 'taxonomy.yaml']);
    expect([...b.entries()]).toEqual([...a.entries()]);
    const shop = a.get('systems/shop.yaml')!;
    expect(shop.indexOf('schema: audit')).toBeLessThan(shop.indexOf('schema: public'));
    expect(shop.indexOf('name: customers')).toBeLessThan(shop.indexOf('name: orders'));
    expect(shop.indexOf('name: email')).toBeLessThan(shop.indexOf('name: full_name'));
  });

  it('writes no ids, connections, timestamps, levels, confidence or provenance', () => {
    const all = [...renderManifests(sampleState()).values()].join('\n');
    for (const word of ['00000000-', 'postgres://', 'createdAt', 'created_at', '2026-01', 'confidence', 'confidential', 'provenance', 'review_required', 'origin', 'engine', 'row_estimate', '1200']) expect(all).not.toContain(word);
  });

  it('exports active references (introspected, declared, confident inferred) but not rejected or weak inferred ones', () => {
    const files = renderManifests(sampleState());
    const shop = files.get('systems/shop.yaml')!;
    expect(shop).toContain('note: no FK in the audit schema');
    expect(shop).not.toContain('columns: [total]');
    expect(shop.match(/- from:/g)).toHaveLength(2);
    expect(files.get('systems/crm.yaml')).toContain('system: shop');
  });

  it('lists every column as a field, with category and identity only where the map has them', () => {
    const shop = renderManifests(sampleState()).get('systems/shop.yaml')!;
    expect(shop).toContain('          - name: notes\n            data_type: jsonb\n');
    expect(shop).toContain('          - name: email\n            data_type: text\n            data_category: user.contact.email\n            identity: email\n');
  });

  it('export → read → desired state → export gives the same bytes', () => {
    const first = renderManifests(sampleState());
    const desired = parseManifests(first);
    const again = renderManifests(desiredToState(desired));
    expect([...again.entries()]).toEqual([...first.entries()]);
  });

  it('export → apply to an empty store → export gives the same bytes', async () => {
    const first = renderManifests(sampleState());
    const store = emptyState();
    const changes = planChanges(store, parseManifests(first), {});
    await applyChanges(changes, memoryTarget(store));
    expect([...renderManifests(store).entries()]).toEqual([...first.entries()]);
  });
});

describe('snake_case in YAML, camelCase in the schemas', () => {
  it('maps every schema key both ways', () => {
    const keys = [...Object.keys(ActivityInputSchema.shape), ...Object.keys(SystemDetailsSchema.shape), ...Object.keys(OrganisationSchema.shape), 'specialCondition', 'completedAt', 'primaryKey', 'dataType', 'dataCategory'];
    for (const key of keys) {
      expect(toSnakeKey(key)).toMatch(/^[a-z0-9_]+$/);
      expect(toCamelKey(toSnakeKey(key))).toBe(key);
    }
    expect(toSnakeKey('legalBases')).toBe('legal_bases');
  });

  it('refuses keys that are not snake_case', () => {
    const bad: string[] = [];
    expect(camelKeys({ legal_bases: [{ special_condition: 'x' }], dataUses: [] }, (p) => bad.push(p.join('.')))).toEqual({ legalBases: [{ specialCondition: 'x' }] });
    expect(bad).toEqual(['dataUses']);
  });
});

describe('parseManifests', () => {
  const marketing = ['activity:', '  key: marketing', '  name: Newsletter', '  legal_bases:', '    - jurisdiction: GDPR', '      note: consent via signup form', ''].join('\n');

  it('names file, YAML path and line of each problem, across all files', () => {
    const err = validationError(() =>
      parseManifests(new Map([
        ['activities/marketing.yaml', marketing],
        ['systems/shop.yaml', 'system:\n  name: shop\n  hosting_country: Germany\n'],
      ])),
    );
    expect(lines(err)).toEqual([
      'activities/marketing.yaml: activity.legal_bases[0].basis: Required (line 5)',
      'systems/shop.yaml: system.hosting_country: an ISO 3166-1 alpha-2 country code such as DE or US (line 3)',
    ]);
    expect(err.message).toContain('2 problems in the privacy manifests');
  });

  it('rejects unknown keys, at the top and nested, and camelCase keys', () => {
    const err = validationError(() =>
      parseManifests(new Map([
        ['activities/a.yaml', 'activity:\n  key: a\n  name: A\n  legal_basis: consent\n'],
        ['systems/shop.yaml', 'system:\n  name: shop\ndatasets:\n  - schema: public\n    tables:\n      - name: t\n        fields:\n          - name: c\n            category: user.name\nreference: []\n'],
        ['organisation.yaml', 'organisation:\n  name: X\n  dpoName: Y\n'],
      ])),
    );
    expect(lines(err)).toEqual([
      'activities/a.yaml: activity.legal_basis: unknown key (line 4)',
      'organisation.yaml: organisation.dpoName: unknown key (manifest keys are snake_case) (line 3)',
      'systems/shop.yaml: datasets[0].tables[0].fields[0].category: unknown key (line 9)',
      'systems/shop.yaml: reference: unknown key (line 10)',
    ]);
  });

  it('requires file names to match keys and refuses duplicates', () => {
    const err = validationError(() =>
      parseManifests(new Map([
        ['activities/newsletter.yaml', 'activity:\n  key: marketing\n  name: M\n'],
        ['systems/shop.yaml', 'system:\n  name: shop\n'],
        ['systems/shop2.yaml', 'system:\n  name: shop\n'],
      ])),
    );
    expect(lines(err)).toEqual([
      'activities/newsletter.yaml: activity.key: the file for marketing must be named activities/marketing.yaml (line 2)',
      'systems/shop2.yaml: system.name: shop is already described in systems/shop.yaml (line 2)',
    ]);
  });

  it('reports YAML syntax errors with their line, and files that are not manifests', () => {
    const err = validationError(() => parseManifests(new Map([['taxonomy.yaml', 'data_uses:\n  - key: a\n   name: b\n'], ['policy.yaml', 'x: 1\n']])));
    expect(err.details[0]!.field).toBe('policy.yaml');
    expect(err.details[1]!.field).toBe('taxonomy.yaml');
    expect(err.details[1]!.message).toMatch(/^not valid YAML: .*\(line 3\)$/);
  });

  it('checks tables: duplicate fields, primary keys that are not fields, references from another system', () => {
    const text = [
      'system: {name: shop}',
      'datasets:',
      '  - schema: public',
      '    tables:',
      '      - name: t',
      '        primary_key: [id]',
      '        fields: [{name: a}, {name: a}]',
      'references:',
      '  - from: {system: crm, schema: public, table: t, columns: [a]}',
      '    to: {schema: public, table: u, columns: [a, b]}',
    ].join('\n');
    const err = validationError(() => parseManifests(new Map([['systems/shop.yaml', text]])));
    expect(lines(err)).toEqual([
      'systems/shop.yaml: references[0].from.system: a reference starts in the system of its file; write it in that system’s file (line 9)',
      'systems/shop.yaml: datasets[0].tables[0].fields[1].name: field a is listed twice (line 7)',
      'systems/shop.yaml: datasets[0].tables[0].primary_key[0]: id is not a field of the table (line 6)',
      'systems/shop.yaml: references[0]: from.columns and to.columns must have the same number of columns (line 9)',
    ].sort((a, b) => Number(/line (\d+)/.exec(a)![1]) - Number(/line (\d+)/.exec(b)![1])));
  });

  it('reads references with both ends defaulting to the file’s system, and taxonomy kinds from their lists', () => {
    const desired = parseManifests(new Map([
      ['systems/shop.yaml', 'system: {name: shop, owner: null}\nreferences:\n  - from: {schema: public, table: orders, columns: [customer_id]}\n    to: {schema: public, table: customers, columns: [id]}\n'],
      ['taxonomy.yaml', 'data_subjects:\n  - {key: member, name: Member}\n'],
    ]));
    expect(desired.systems[0]!.details).toEqual({ owner: null });
    expect(desired.systems[0]!.references[0]).toEqual({ from: { system: 'shop', schema: 'public', table: 'orders', columns: ['customer_id'] }, to: { system: 'shop', schema: 'public', table: 'customers', columns: ['id'] } });
    expect(desired.taxonomy).toEqual([{ kind: 'data_subject', key: 'member', parent: null, name: 'Member', description: '' }]);
    expect(desired.organisation).toBeUndefined();
  });
});

describe('readManifests and writeManifests', () => {
  it('writes, removes stale manifests only, and reads back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'custos-manifests-'));
    try {
      await mkdir(path.join(dir, 'activities'), { recursive: true });
      await writeFile(path.join(dir, 'activities', 'old.yaml'), 'activity: {key: old, name: Old}\n');
      await writeFile(path.join(dir, 'activities', 'README.md'), 'notes');
      await writeFile(path.join(dir, 'custos.yaml'), 'server: {}\n');
      const files = renderManifests(sampleState());
      const result = await writeManifests(dir, files);
      expect(result.removed).toEqual(['activities/old.yaml']);
      expect((await readdir(path.join(dir, 'activities'))).sort()).toEqual(['README.md', 'marketing.yaml', 'order_fulfilment.yaml']);
      expect(await readFile(path.join(dir, 'systems', 'shop.yaml'), 'utf8')).toBe(files.get('systems/shop.yaml'));
      const desired = await readManifests(dir);
      expect(desired.systems.map((s) => s.name)).toEqual(['crm', 'shop']);
      await writeFile(path.join(dir, 'activities', 'x.yml'), 'activity: {}\n');
      await expect(readManifests(dir)).rejects.toThrow(/activities\/x\.yml: manifests end in \.yaml/);
      await expect(writeManifests(path.join(dir, 'custos.yaml'), files)).rejects.toThrow(/is a file/);
      await expect(readManifests(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('planChanges', () => {
  it('plans creates from an empty map, in dependency order', () => {
    const changes = planChanges(emptyState(), parseManifests(renderManifests(sampleState())));
    expect(changes.every((c) => c.action === 'create')).toBe(true);
    const kinds = changes.map((c) => c.kind);
    expect(kinds.indexOf('system')).toBeLessThan(kinds.indexOf('table'));
    expect(kinds.lastIndexOf('table')).toBeLessThan(kinds.indexOf('field'));
    expect(kinds.lastIndexOf('reference')).toBeLessThan(kinds.indexOf('activity'));
    expect(formatPlan(changes)).toContain('+ activity marketing');
    expect(formatPlan(changes)).toContain('+ reference crm: main.contacts(mail) → shop: public.customers(email)');
    expect(formatPlan(changes)).toMatch(/\n\n\d+ to create, 0 to update, 0 to delete\.$/);
  });

  it('plans nothing when the map already matches, and applying twice changes nothing the second time', async () => {
    const state = sampleState();
    const desired = parseManifests(renderManifests(state));
    expect(planChanges(state, desired, { prune: true })).toEqual([]);
    expect(formatPlan([])).toBe('No changes: the map matches the manifests.');
    const store = emptyState();
    await applyChanges(planChanges(store, desired), memoryTarget(store));
    expect(planChanges(store, desired, { prune: true })).toEqual([]);
  });

  it('names the changed fields of updates', async () => {
    const state = sampleState();
    const desired = parseManifests(renderManifests(state));
    const shop = desired.systems.find((s) => s.name === 'shop')!;
    shop.details = { ...shop.details, owner: 'Data team', hostingCountry: 'FR' };
    const customers = shop.tables.find((t) => t.name === 'customers')!;
    customers.fields = customers.fields.map((f) => (f.name === 'full_name' ? { ...f, dataCategory: 'user.name.last', identity: 'account_id' } : f.name === 'email' ? { name: 'email', dataType: 'text', dataCategory: 'user.contact.email' } : f));
    customers.fields.push({ name: 'phone', dataType: 'text', dataCategory: 'user.contact.phone_number', identity: 'phone_number' });
    desired.activities[0] = { ...desired.activities[0]!, legalBases: [{ jurisdiction: 'GDPR', basis: 'legitimate_interests' }], retention: null };
    desired.organisation = { ...desired.organisation!, contact: 'privacy@example.test' };
    const changes = planChanges(state, desired);
    expect(formatPlan(changes).split('\n').slice(0, -2)).toEqual([
      '~ organisation Example Shop GmbH: contact',
      '~ system shop: owner, hosting_country',
      '~ table shop: public.customers: fields (+phone)',
      '~ field shop: public.customers.email: identity email → none',
      '~ field shop: public.customers.full_name: data_category user.name → user.name.last, identity none → account_id',
      '+ field shop: public.customers.phone: user.contact.phone_number, identity phone_number',
      '~ activity marketing: legal_bases, retention',
    ]);
    const email = changes.find((c) => c.kind === 'field' && c.action === 'update' && c.field.name === 'email');
    expect(email).toMatchObject({ changed: ['identity'], field: { category: null, identity: null } });
    const store = structuredClone(state);
    await applyChanges(changes, memoryTarget(store));
    expect(planChanges(store, desired)).toEqual([]);
  });

  it('re-declares a rejected or weak inferred reference the manifests state', () => {
    const state = sampleState();
    const desired = parseManifests(renderManifests(state));
    const shop = desired.systems.find((s) => s.name === 'shop')!;
    shop.references.push({ from: { system: 'shop', schema: 'public', table: 'orders', columns: ['total'] }, to: { system: 'shop', schema: 'public', table: 'customers', columns: ['id'] } });
    shop.references.push({ from: { system: 'shop', schema: 'public', table: 'orders', columns: ['id'] }, to: { system: 'shop', schema: 'audit', table: 'logins', columns: ['customer_id'] } });
    expect(planChanges(state, desired).map((c) => c.summary)).toEqual([
      'reference shop: public.orders(id) → audit.logins(customer_id) (was inferred, awaiting review)',
      'reference shop: public.orders(total) → public.customers(id) (was rejected)',
    ]);
  });

  describe('prune', () => {
    function stateWithExtras() {
      const state = sampleState();
      state.activities.push(activity('old_code', { origin: 'code' }), activity('console_only', { origin: 'console' }));
      state.tables.push(table('shop', 'public', 'legacy_code', [['id', 'int']], { origin: 'code' }), table('shop', 'public', 'scanned_only', [['id', 'int']]), table('other', 'public', 'x', [['id', 'int']], { origin: 'code' }));
      state.fields.push(field('shop', 'public', 'orders', 'total', { category: 'user.financial', provenance: 'code' }), field('shop', 'public', 'orders', 'id', { category: 'user.unique_id', provenance: 'scanner' }));
      state.references.push(
        reference(['shop', 'public', 'orders', ['id']], ['shop', 'public', 'scanned_only', ['id']], { origin: 'declared' }),
        reference(['shop', 'public', 'orders', ['total']], ['shop', 'public', 'scanned_only', ['id']], { origin: 'introspected' }),
        reference(['other', 'public', 'x', ['id']], ['shop', 'public', 'orders', ['id']], { origin: 'declared' }),
      );
      state.tables.find((t) => t.table === 'contacts')!.columns.push({ name: 'legacy', dataType: 'text', kind: 'text' });
      state.taxonomy.push({ kind: 'data_subject', key: 'member', parent: null, name: 'Member', description: '' });
      return state;
    }

    it('deletes nothing without prune', () => {
      const state = stateWithExtras();
      const desired = parseManifests(renderManifests(sampleState()));
      expect(planChanges(state, desired).filter((c) => c.action === 'delete')).toEqual([]);
    });

    it('deletes only what the manifests manage, in systems they describe', () => {
      const state = stateWithExtras();
      const desired = parseManifests(renderManifests(sampleState()));
      expect(formatPlan(planChanges(state, desired, { prune: true })).split('\n').slice(0, -2)).toEqual([
        '~ table crm: main.contacts: fields (-legacy)',
        '- activity old_code',
        '- reference shop: public.orders(id) → public.scanned_only(id)',
        '- field shop: public.orders.total',
        '- table shop: public.legacy_code',
        '- data subject member',
      ]);
    });
  });
});
