import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ENTITIES } from '../discovery/detect/entities.js';
import { CATEGORY_ALIASES, createTaxonomy, loadDefaultEntries, loadDefaultTaxonomy, normaliseCategoryKey, parseTaxonomyFile, type TaxonomyEntry } from './taxonomy.js';

const taxonomy = loadDefaultTaxonomy();

function ext(key: string, parent: string | null, kind: TaxonomyEntry['kind'] = 'data_category'): TaxonomyEntry {
  return { key, parent, name: `Custom ${key}`, description: 'Added by the organisation', kind, isDefault: false };
}

describe('default taxonomy', () => {
  it('has every fideslang 2.0 key: 85 categories, 56 uses, 15 subjects', () => {
    expect(taxonomy.list('data_category')).toHaveLength(85);
    expect(taxonomy.list('data_use')).toHaveLength(56);
    expect(taxonomy.list('data_subject')).toHaveLength(15);
    expect(taxonomy.list('data_category').filter((e) => e.parent === null).map((e) => e.key)).toEqual(['system', 'user']);
    expect(loadDefaultEntries().every((e) => e.isDefault)).toBe(true);
  });

  it('has unique keys, and every parent exists and is of the same kind', () => {
    const keys = loadDefaultEntries().map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of loadDefaultEntries()) {
      if (entry.parent === null) continue;
      expect({ key: entry.key, parentKind: taxonomy.get(entry.parent)?.kind }).toEqual({ key: entry.key, parentKind: entry.kind });
    }
    expect(taxonomy.list('data_subject').every((e) => e.parent === null && !e.key.includes('.'))).toBe(true);
  });

  it('covers every category the detectors and the column scanner report', () => {
    const columns = parseYaml(readFileSync(new URL('../discovery/scan/column-entities.yaml', import.meta.url), 'utf8')) as { entities: { category: string }[] };
    const used = new Set([...ENTITIES.map((e) => e.category), ...columns.entities.map((e) => e.category)]);
    expect(used.size).toBeGreaterThan(10);
    for (const category of used) expect({ category, known: taxonomy.has(category) }).toEqual({ category, known: true });
  });

  it('has a name and description on every entry and a citation on every special one', () => {
    for (const entry of loadDefaultEntries()) {
      expect(entry.name.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(0);
      if (entry.special) expect(entry.citation).toMatch(/Art\./);
    }
  });

  it('walks ancestors and treats a parent as covering its descendants', () => {
    expect(taxonomy.ancestors('user.contact.email')).toEqual(['user.contact.email', 'user.contact', 'user']);
    expect(taxonomy.ancestors('user')).toEqual(['user']);
    expect(taxonomy.isCoveredBy('user.contact.email', 'user.contact')).toBe(true);
    expect(taxonomy.isCoveredBy('user.contact.email', 'user')).toBe(true);
    expect(taxonomy.isCoveredBy('user.contact', 'user.contact')).toBe(true);
    expect(taxonomy.isCoveredBy('user.contact', 'user.contact.email')).toBe(false);
    expect(taxonomy.isCoveredBy('user.contactless', 'user.contact')).toBe(false);
    expect(taxonomy.isCoveredBy('marketing.advertising.third_party.targeted', 'marketing')).toBe(true);
  });

  it('lists direct children', () => {
    expect(taxonomy.children('user.name').map((e) => e.key)).toEqual(['user.name.first', 'user.name.last']);
    expect(taxonomy.children('system').map((e) => e.key)).toEqual(['system.authentication', 'system.operations']);
    expect(taxonomy.children('user.contact.email')).toEqual([]);
  });

  it('flags GDPR Art. 9 and PIPL Art. 28 categories as special, with descendants inheriting', () => {
    for (const key of [
      'user.biometric.fingerprint',
      'user.health_and_medical',
      'user.health_and_medical.genetic',
      'user.demographic.race_ethnicity',
      'user.demographic.political_opinion',
      'user.demographic.religious_belief',
      'user.demographic.sexual_orientation',
      'user.financial.bank_account',
      'user.location.precise',
      'user.childrens',
      'user.government_id.passport_number',
      'user.criminal_history',
    ]) {
      expect({ key, special: taxonomy.isSpecial(key) }).toEqual({ key, special: true });
    }
    for (const key of ['user', 'user.contact.email', 'user.demographic.gender', 'user.location.imprecise', 'user.device.ip_address', 'system.operations']) {
      expect({ key, special: taxonomy.isSpecial(key) }).toEqual({ key, special: false });
    }
  });
});

describe('extensions', () => {
  it('accepts a child of a default key and a grandchild of that extension', () => {
    const custom = createTaxonomy([ext('user.contact.email.work', 'user.contact.email'), ext('user.contact.email.work.alias', 'user.contact.email.work')]);
    expect(custom.get('user.contact.email.work')).toMatchObject({ isDefault: false, kind: 'data_category' });
    expect(custom.ancestors('user.contact.email.work.alias')).toHaveLength(5);
    expect(custom.isCoveredBy('user.contact.email.work.alias', 'user.contact')).toBe(true);
    expect(custom.children('user.contact.email').map((e) => e.key)).toEqual(['user.contact.email.work']);
    // the default taxonomy is not changed by building an extended one
    expect(taxonomy.has('user.contact.email.work')).toBe(false);
  });

  it('inherits special from a default ancestor', () => {
    const custom = createTaxonomy([ext('user.health_and_medical.vaccination', 'user.health_and_medical')]);
    expect(custom.isSpecial('user.health_and_medical.vaccination')).toBe(true);
  });

  it('rejects bad keys, wrong or missing parents and redefined defaults, with clear messages', () => {
    expect(taxonomy.validateExtension(ext('user.contact.email', 'user.contact'))).toEqual(['key "user.contact.email" is a default data_category and cannot be redefined']);
    expect(taxonomy.validateExtension(ext('user.nope.child', 'user.nope'))).toEqual(['parent "user.nope" does not exist']);
    expect(taxonomy.validateExtension(ext('user.contact.pager', 'user'))).toEqual(['parent must be "user.contact" (the key minus its last segment), not "user"']);
    expect(taxonomy.validateExtension(ext('user.Contact-Info', 'user'))[0]).toMatch(/lower-case letters, digits and underscores/);
    expect(taxonomy.validateExtension(ext('user..x', 'user'))[0]).toMatch(/segments/);
    expect(taxonomy.validateExtension(ext('marketing.loyalty', 'marketing', 'data_category'))).toEqual(['parent "marketing" is a data_use, not a data_category']);
    expect(taxonomy.validateExtension({ ...ext('user.loyalty', 'user'), isDefault: true })).toContain('an extension must have isDefault: false');
    expect(taxonomy.validateExtension(ext('contractor', null, 'data_subject'))).toEqual([]);
    expect(taxonomy.validateExtension(ext('customer.vip', 'customer', 'data_subject'))).toEqual(['data subjects are flat: the key must be one segment and parent must be null']);
    expect(taxonomy.validateExtension(ext('marketing.loyalty', 'marketing', 'data_use'))).toEqual([]);
  });

  it('throws VALIDATION_FAILED naming the extension and its problem', () => {
    expect(() => createTaxonomy([ext('user.contact.pager', 'user.contact'), ext('user.contact.pager', 'user.contact')])).toThrow(/extensions\.1 \(user\.contact\.pager\): key "user\.contact\.pager" is already defined/);
  });
});

describe('taxonomy files', () => {
  it('rejects a special entry without a citation, a wrong kind and bad YAML', () => {
    expect(() => parseTaxonomyFile('version: 1\nkind: data_category\nentries:\n  - { key: user.x, name: X, description: Y, special: true }', 'data_category')).toThrow(/entries\.0\.citation/);
    expect(() => parseTaxonomyFile('version: 1\nkind: data_use\nentries:\n  - { key: x, name: X, description: Y }', 'data_category')).toThrow(/expected data_category/);
    expect(() => parseTaxonomyFile('version: [', 'data_use')).toThrow(/not valid YAML/);
  });
});

describe('fideslang aliases', () => {
  it('maps v1 and renamed keys to default keys, and leaves other keys alone', () => {
    const cases: [string, string][] = [
      ['user.provided.identifiable.contact.email', 'user.contact.email'],
      ['user.derived.identifiable.device.ip_address', 'user.device.ip_address'],
      ['account.contact.street', 'user.contact.address.street'],
      ['user.biometrics.fingerprint', 'user.biometric.fingerprint'],
      ['user.contact.email', 'user.contact.email'],
      ['custom.key', 'custom.key'],
      ['constructor', 'constructor'],
    ];
    for (const [from, to] of cases) expect({ from, to: normaliseCategoryKey(from) }).toEqual({ from, to });
  });

  it('points every alias at a default category', () => {
    for (const [from, to] of Object.entries(CATEGORY_ALIASES)) {
      expect({ from, known: taxonomy.get(to)?.kind === 'data_category', aliasIsDefault: taxonomy.has(from) }).toEqual({ from, known: true, aliasIsDefault: false });
    }
  });
});
