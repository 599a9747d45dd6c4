/** A small hand-built map and an in-memory ManifestTarget, for the manifest tests. */
import type { Activity, MapField, MapState, MapSystem, MapTable, Reference } from '../datamap.types.js';
import type { ManifestTarget } from './types.js';

export function system(name: string, extra: Partial<MapSystem> = {}): MapSystem {
  return {
    id: `00000000-0000-4000-8000-${name.padStart(12, '0').slice(-12)}`,
    name,
    description: '',
    kind: 'database',
    engine: 'postgres',
    connection: 'postgres://db.internal/shop',
    scannable: true,
    owner: null,
    department: null,
    hostingRegion: null,
    hostingCountry: null,
    role: 'controller',
    securityMeasures: [],
    reviewRequired: false,
    ...extra,
  };
}

export function table(sys: string, schema: string, name: string, columns: [string, string][], extra: Partial<MapTable> = {}): MapTable {
  return { systemId: `id-${sys}`, system: sys, schema, table: name, kind: 'table', rowEstimate: 1200, primaryKey: [], columns: columns.map(([n, t]) => ({ name: n, dataType: t, kind: 'text' })), origin: 'scanner', ...extra };
}

export function field(sys: string, schema: string, tableName: string, column: string, extra: Partial<MapField> = {}): MapField {
  return {
    id: `f-${tableName}-${column}`,
    systemId: `id-${sys}`,
    system: sys,
    schema,
    table: tableName,
    column,
    dataType: 'text',
    entity: null,
    category: null,
    level: 'confidential',
    confidence: 0.93,
    provenance: 'scanner',
    identity: null,
    freeText: false,
    ...extra,
  };
}

export function reference(from: [string, string, string, string[]], to: [string, string, string, string[]], extra: Partial<Reference> = {}): Reference {
  return {
    id: `r-${from[2]}-${to[2]}`,
    from: { system: from[0], schema: from[1], table: from[2], columns: from[3] },
    to: { system: to[0], schema: to[1], table: to[2], columns: to[3] },
    origin: 'introspected',
    confidence: 1,
    status: 'active',
    evidence: { constraint: 'fk' },
    note: null,
    ...extra,
  };
}

export function activity(key: string, extra: Partial<Activity> = {}): Activity {
  return {
    id: `a-${key}`,
    key,
    name: key.replace(/_/g, ' '),
    description: '',
    role: 'controller',
    controller: null,
    dataUses: ['essential.service'],
    dataCategories: ['user.contact.email'],
    dataSubjects: ['customer'],
    legalBases: [{ jurisdiction: 'GDPR', basis: 'contract' }],
    retention: { period: 'P6Y', trigger: 'contract_end' },
    recipients: [],
    transfers: [],
    systems: ['shop'],
    dpia: { status: 'not_assessed' },
    reviewRequired: false,
    reviewReasons: [],
    origin: 'console',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    ...extra,
  };
}

/** Two systems, a cross-system reference, a rejected and a weak inferred one, two activities. */
export function sampleState(): MapState {
  return {
    organisation: { name: 'Example Shop GmbH', country: 'DE', dpo: { name: 'Dana Protector', email: 'dpo@example.test' }, role: 'controller' },
    systems: [
      system('shop', { description: 'Online shop database', owner: 'Platform team', hostingCountry: 'DE', hostingRegion: 'eu-central-1', securityMeasures: ['encryption at rest', 'TLS'] }),
      system('crm', { kind: 'vendor_service', role: 'processor', engine: 'none', connection: '', scannable: false }),
    ],
    tables: [
      table('shop', 'public', 'orders', [['id', 'bigint'], ['customer_id', 'bigint'], ['total', 'numeric']], { primaryKey: ['id'] }),
      table('shop', 'public', 'customers', [['id', 'bigint'], ['email', 'text'], ['full_name', 'text'], ['notes', 'jsonb']], { primaryKey: ['id'] }),
      table('shop', 'audit', 'logins', [['customer_id', 'bigint'], ['ip', 'inet']]),
      table('crm', 'main', 'contacts', [['contact_id', 'varchar(40)'], ['mail', 'varchar(200)']], { origin: 'code', primaryKey: ['contact_id'] }),
    ],
    fields: [
      field('shop', 'public', 'customers', 'email', { category: 'user.contact.email', identity: 'email', provenance: 'human' }),
      field('shop', 'public', 'customers', 'full_name', { category: 'user.name' }),
      field('shop', 'public', 'customers', 'notes', { category: null }),
      field('shop', 'audit', 'logins', 'ip', { category: 'user.device.ip_address' }),
      field('crm', 'main', 'contacts', 'mail', { category: 'user.contact.email', identity: 'email', provenance: 'code', dataType: 'varchar(200)' }),
    ],
    references: [
      reference(['shop', 'public', 'orders', ['customer_id']], ['shop', 'public', 'customers', ['id']]),
      reference(['shop', 'audit', 'logins', ['customer_id']], ['shop', 'public', 'customers', ['id']], { origin: 'declared', note: 'no FK in the audit schema' }),
      reference(['crm', 'main', 'contacts', ['mail']], ['shop', 'public', 'customers', ['email']], { origin: 'inferred', confidence: 0.97 }),
      reference(['shop', 'public', 'orders', ['total']], ['shop', 'public', 'customers', ['id']], { origin: 'inferred', status: 'rejected', confidence: 0.4 }),
      reference(['shop', 'public', 'orders', ['id']], ['shop', 'audit', 'logins', ['customer_id']], { origin: 'inferred', confidence: 0.6 }),
    ],
    activities: [
      activity('order_fulfilment', { legalBases: [{ jurisdiction: 'GDPR', basis: 'contract', note: 'Art. 6(1)(b)' }], recipients: [{ name: 'Parcel Co', type: 'processor', country: 'DE' }] }),
      activity('marketing', {
        dataUses: ['marketing.communications.email'],
        legalBases: [{ jurisdiction: 'GDPR', basis: 'consent' }],
        retention: { trigger: 'consent_withdrawn', description: 'until consent is withdrawn' },
        systems: ['crm', 'shop'],
        origin: 'code',
      }),
    ],
    taxonomy: [
      { kind: 'data_use', key: 'marketing.loyalty', parent: 'marketing', name: 'Loyalty programme', description: 'Points and rewards' },
      { kind: 'data_category', key: 'user.loyalty_id', parent: 'user', name: 'Loyalty id', description: '' },
    ],
  };
}

/** An empty map. */
export function emptyState(): MapState {
  return { organisation: null, systems: [], tables: [], fields: [], references: [], activities: [], taxonomy: [] };
}

/** A ManifestTarget over a MapState in memory: roughly what the database implementation does. */
export function memoryTarget(state: MapState): ManifestTarget & { calls: string[] } {
  const calls: string[] = [];
  const sameAt = (a: { system: string; schema: string; table: string }, b: { system: string; schema: string; table: string }) => a.system === b.system && a.schema === b.schema && a.table === b.table;
  const sameEnds = (a: Pick<Reference, 'from' | 'to'>, b: Pick<Reference, 'from' | 'to'>) => JSON.stringify([a.from, a.to]) === JSON.stringify([b.from, b.to]);
  return {
    calls,
    async setOrganisation(org) {
      calls.push('setOrganisation');
      state.organisation = org;
    },
    async upsertTaxonomy(entry) {
      calls.push(`upsertTaxonomy ${entry.key}`);
      state.taxonomy = [...state.taxonomy.filter((e) => !(e.kind === entry.kind && e.key === entry.key)), entry];
    },
    async deleteTaxonomy(entry) {
      calls.push(`deleteTaxonomy ${entry.key}`);
      state.taxonomy = state.taxonomy.filter((e) => !(e.kind === entry.kind && e.key === entry.key));
    },
    async upsertSystem(name, details) {
      calls.push(`upsertSystem ${name}`);
      let s = state.systems.find((x) => x.name === name);
      if (!s) state.systems.push((s = system(name, { engine: '', connection: '', scannable: false })));
      Object.assign(s, Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)));
    },
    async upsertTable(sys, spec) {
      calls.push(`upsertTable ${sys}.${spec.table}`);
      const existing = state.tables.find((t) => sameAt(t, { system: sys, schema: spec.schema, table: spec.table }));
      const next: MapTable = { systemId: `id-${sys}`, system: sys, schema: spec.schema, table: spec.table, kind: spec.kind, rowEstimate: spec.rowEstimate, primaryKey: spec.primaryKey, columns: spec.columns, origin: existing?.origin ?? 'code' };
      state.tables = [...state.tables.filter((t) => t !== existing), next];
    },
    async deleteTable(at) {
      calls.push(`deleteTable ${at.table}`);
      state.tables = state.tables.filter((t) => !sameAt(t, at));
    },
    async setField(at, spec) {
      calls.push(`setField ${at.table}.${spec.name}`);
      const existing = state.fields.find((f) => sameAt(f, at) && f.column === spec.name);
      if (existing) {
        if (spec.category !== null) Object.assign(existing, { category: spec.category, provenance: 'code' });
        existing.identity = spec.identity;
      } else state.fields.push(field(at.system, at.schema, at.table, spec.name, { dataType: spec.dataType, category: spec.category, identity: spec.identity, provenance: 'code', level: null, confidence: 1 }));
    },
    async deleteField(at, column) {
      calls.push(`deleteField ${at.table}.${column}`);
      state.fields = state.fields.filter((f) => !(sameAt(f, at) && f.column === column));
    },
    async declareReference(ref) {
      calls.push(`declareReference ${ref.from.table}->${ref.to.table}`);
      const existing = state.references.find((r) => sameEnds(r, ref));
      if (existing) Object.assign(existing, { origin: 'declared', status: 'active', confidence: 1, ...(ref.note !== undefined ? { note: ref.note } : {}) });
      else state.references.push({ id: `r${state.references.length}`, from: ref.from, to: ref.to, origin: 'declared', confidence: 1, status: 'active', evidence: {}, note: ref.note ?? null });
    },
    async deleteReference(ref) {
      calls.push(`deleteReference ${ref.from.table}->${ref.to.table}`);
      state.references = state.references.filter((r) => !sameEnds(r, ref));
    },
    async saveActivity(a) {
      calls.push(`saveActivity ${a.key}`);
      const rest = state.activities.filter((x) => x.key !== a.key);
      state.activities = [...rest, { ...a, id: `a-${a.key}`, controller: a.controller ?? null, retention: a.retention ?? null, reviewRequired: false, reviewReasons: [], origin: 'code', createdAt: '', updatedAt: '' }];
    },
    async deleteActivity(key) {
      calls.push(`deleteActivity ${key}`);
      state.activities = state.activities.filter((a) => a.key !== key);
    },
  };
}
