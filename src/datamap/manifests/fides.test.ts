import { describe, expect, it } from 'vitest';
import { CustosError } from '../../lib/errors.js';
import { activity, sampleState } from './fixtures.test-support.js';
import { desiredToState, exportFidesDatasets, exportFidesSystems, importFidesDatasets, importFidesSystems, planChanges } from './index.js';

const LIBRARY_DATASET = `
dataset:
  - fides_key: library_db
    name: Library lending database
    fides_meta:
      namespace: {database_name: library, schema: lending}
    collections:
      - name: members
        fields:
          - name: member_no
            data_categories: [user.unique_id]
            fides_meta: {primary_key: true, data_type: integer}
          - name: contact_mail
            data_categories: [user.provided.identifiable.contact.email]
            fides_meta: {identity: email, data_type: string}
          - name: preferences
            fides_meta: {data_type: object}
            fields:
              - name: sms_number
                data_categories: [user.contact, user.contact.phone_number]
                fides_meta: {data_type: string, identity: phone_number}
              - name: genres
                data_categories: [user.behavior]
                fides_meta: {data_type: "string[]"}
      - name: loans
        data_categories: [user.behavior.purchase_history]
        fields:
          - name: loan_id
            data_categories: [system.operations]
            fides_meta: {primary_key: true}
          - name: borrower
            data_categories: [user.unique_id]
            fidesops_meta:
              data_type: integer
              references:
                - {dataset: library_db, field: members.member_no, direction: from}
          - name: title
          - name: branch_code
            fidesops_meta:
              references:
                - {dataset: branches_db, field: branches.code}
          - name: reader_card
            fides_meta:
              references:
                - {dataset: library_db, field: members.member_no, direction: to}
`;

describe('importFidesDatasets', () => {
  const { desired, warnings } = importFidesDatasets(LIBRARY_DATASET, { system: 'library' });
  const system = desired.systems[0]!;
  const members = system.tables.find((t) => t.name === 'members')!;
  const loans = system.tables.find((t) => t.name === 'loans')!;

  it('reads collections as tables in the namespace schema, with identities and primary keys', () => {
    expect(system.name).toBe('library');
    expect(system.details).toEqual({});
    expect(system.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['lending.loans', 'lending.members']);
    expect(members.primaryKey).toEqual(['member_no']);
    expect(members.fields.find((f) => f.name === 'contact_mail')).toEqual({ name: 'contact_mail', dataType: 'string', dataCategory: 'user.contact.email', identity: 'email' });
  });

  it('flattens nested fields to dotted names and keeps the most specific category', () => {
    expect(members.fields.map((f) => f.name)).toEqual(['contact_mail', 'member_no', 'preferences', 'preferences.genres', 'preferences.sms_number']);
    expect(members.fields.find((f) => f.name === 'preferences')).toEqual({ name: 'preferences', dataType: 'object' });
    expect(members.fields.find((f) => f.name === 'preferences.sms_number')).toMatchObject({ dataCategory: 'user.contact.phone_number', identity: 'phone_number' });
  });

  it('reads fidesops_meta like fides_meta, and lets fields inherit their collection’s category', () => {
    expect(loans.fields.find((f) => f.name === 'borrower')).toEqual({ name: 'borrower', dataType: 'integer', dataCategory: 'user.unique_id' });
    expect(loans.fields.find((f) => f.name === 'title')).toEqual({ name: 'title', dataCategory: 'user.behavior.purchase_history' });
    expect(loans.primaryKey).toEqual(['loan_id']);
  });

  it('turns references into edges, swapping the ends for direction from', () => {
    const ends = system.references.map((r) => `${r.from.table}.${r.from.columns[0]} -> ${r.to.table}.${r.to.columns[0]}`);
    expect(ends.sort()).toEqual(['loans.reader_card -> members.member_no', 'members.member_no -> loans.borrower']);
    expect(system.references.every((r) => r.from.system === 'library' && r.from.schema === 'lending' && r.to.schema === 'lending')).toBe(true);
    expect(warnings).toEqual([expect.stringContaining('loans.branch_code: reference to branches_db.branches.code skipped: dataset branches_db is not in this file')]);
  });

  it('resolves other datasets through the datasets option and defaults the schema', () => {
    const plain = LIBRARY_DATASET.replace('      namespace: {database_name: library, schema: lending}\n', '      namespace: {database_name: library}\n');
    const result = importFidesDatasets(plain, { system: 'library', schema: '', datasets: { branches_db: { system: 'branches', schema: 'public' } } });
    expect(result.warnings).toEqual([]);
    expect(result.desired.systems[0]!.tables.every((t) => t.schema === '')).toBe(true);
    expect(result.desired.systems[0]!.references).toContainEqual({ from: { system: 'library', schema: '', table: 'loans', columns: ['branch_code'] }, to: { system: 'branches', schema: 'public', table: 'branches', columns: ['code'] } });
  });

  it('refuses files that are not Fides datasets, naming the path and line', () => {
    try {
      importFidesDatasets('dataset:\n  - fides_key: x\n    collections:\n      - fields: []\n', { system: 's', file: 'x.yml' });
      expect.unreachable();
    } catch (err) {
      expect((err as CustosError).details).toEqual([{ field: 'x.yml: dataset[0].collections[0].name', message: 'Required (line 4)' }]);
    }
  });

  it('exports Fides datasets that re-import to the same desired state', () => {
    const yaml = exportFidesDatasets(desiredToState(desired), 'library');
    expect(yaml).toContain('fides_key: library');
    expect(yaml).toContain('namespace:\n        schema: lending');
    expect(yaml).toMatch(/- name: preferences\n\s+fides_meta:\n\s+data_type: object\n\s+fields:\n\s+- name: genres/);
    expect(yaml).toContain('identity: phone_number');
    expect(yaml).not.toContain('direction');
    expect(importFidesDatasets(yaml, { system: 'library' }).desired).toEqual(desired);
  });

  it('plans the import against the map: only tables and fields, no system details', () => {
    const changes = planChanges({ ...desiredToState(desired), tables: [], fields: [] }, desired);
    expect(new Set(changes.map((c) => c.kind))).toEqual(new Set(['table', 'field']));
  });
});

describe('exportFidesDatasets from a scanned map', () => {
  it('maps database types to Fides types and keeps cross-system references', () => {
    const state = sampleState();
    const yaml = exportFidesDatasets(state, 'crm');
    expect(yaml).toContain('data_type: string');
    expect(yaml).toContain('references:\n');
    expect(yaml).toContain('dataset: shop_public');
    expect(yaml).toContain('field: customers.email');
    const shop = exportFidesDatasets(state, 'shop');
    expect(shop).toContain('fides_key: shop_audit');
    expect(shop).toContain('fides_key: shop_public');
    expect(shop).not.toMatch(/data_type: (bigint|numeric|text|jsonb|inet)/);
  });
});

const SYSTEMS = `
system:
  - fides_key: booking_app
    name: Booking app
    description: Room booking web application
    system_type: Application
    administrating_department: Facilities
    responsibility: [Controller]
    data_security_practices: SSO and encrypted backups
    legal_basis_for_transfers: [SCCs]
    egress:
      - {fides_key: mailer, type: system}
    privacy_declarations:
      - name: Room bookings
        data_use: essential.service
        data_categories: [user.name, user.provided.identifiable.contact.email]
        data_subjects: [employee]
        legal_basis_for_processing: Contract
        retention_period: 2 years after the booking
      - name: Accessibility needs
        data_use: essential.service
        data_categories: [user.health_and_medical]
        data_subjects: [employee, visitor]
        legal_basis_for_processing: Legal obligations
        special_category_legal_basis: Employment, social security and social protection
  - fides_key: mailer
    system_type: Third Party Service
    responsibility: [Processor]
    privacy_declarations:
      - name: Room bookings
        data_use: essential.service.notifications.email
        data_categories: [user.contact.email]
        data_subjects: [employee]
        legal_basis_for_processing: Contract
        data_shared_with_third_parties: true
        third_parties: Mail relay Ltd, Archive Inc
`;

describe('importFidesSystems', () => {
  const result = importFidesSystems(SYSTEMS);

  it('reads system details', () => {
    expect(result.systems.map((s) => [s.name, s.details])).toEqual([
      ['booking_app', { description: 'Room booking web application', kind: 'application', department: 'Facilities', role: 'controller', securityMeasures: ['SSO and encrypted backups'] }],
      ['mailer', { kind: 'vendor_service', role: 'processor' }],
    ]);
    expect(result.warnings).toEqual([expect.stringContaining('booking_app: egress/ingress'), expect.stringContaining('booking_app: legal_basis_for_transfers (SCCs) not imported')]);
  });

  it('turns privacy declarations into activities, merging same-named ones across systems', () => {
    const [accessibility, bookings] = result.activities;
    expect(bookings).toMatchObject({
      key: 'room_bookings',
      name: 'Room bookings',
      dataUses: ['essential.service', 'essential.service.notifications.email'],
      dataCategories: ['user.name', 'user.contact.email'],
      legalBases: [{ jurisdiction: 'GDPR', basis: 'contract' }],
      retention: { description: '2 years after the booking', trigger: 'collection' },
      recipients: [{ name: 'Mail relay Ltd', type: 'third_party' }, { name: 'Archive Inc', type: 'third_party' }],
      systems: ['booking_app', 'mailer'],
    });
    expect(accessibility).toMatchObject({ key: 'accessibility_needs', dataSubjects: ['employee', 'visitor'], legalBases: [{ jurisdiction: 'GDPR', basis: 'legal_obligation', specialCondition: 'employment_social_security' }] });
  });

  it('exports systems as Fides manifests that import back to the same activities’ essentials', () => {
    const state = sampleState();
    state.activities.push(activity('health_checks', { name: 'Health checks', dataCategories: ['user.health_and_medical'], legalBases: [{ jurisdiction: 'GDPR', basis: 'legal_obligation', specialCondition: 'health_social_care' }] }));
    const yaml = exportFidesSystems(state);
    expect(yaml).toContain('responsibility: [Processor]');
    expect(yaml).toContain('special_category_legal_basis: Health or social care (with a basis in law)');
    const back = importFidesSystems(yaml);
    const health = back.activities.find((a) => a.key === 'health_checks')!;
    expect(health.legalBases).toEqual([{ jurisdiction: 'GDPR', basis: 'legal_obligation', specialCondition: 'health_social_care' }]);
    expect(back.activities.find((a) => a.key === 'marketing')).toMatchObject({ systems: ['crm', 'shop'], dataUses: ['marketing.communications.email'], retention: { description: 'until consent is withdrawn' } });
  });
});
