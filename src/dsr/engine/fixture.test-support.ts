/** The engine's fixture schema for PostgreSQL and MariaDB, and the MapState describing it. */
import type { MapField, MapState, MapTable, Reference } from '../../datamap/datamap.types.js';

type Col = [name: string, kind: string, pg: string, my: string, category?: string, identity?: string, entity?: string];

interface FixtureTable {
  name: string;
  pk: string[];
  cols: Col[];
  /** Constraints after the columns (foreign keys), same text for both engines. */
  extra?: string[];
}

const T = (name: string, pk: string[], cols: Col[], extra: string[] = []): FixtureTable => ({ name, pk, cols, extra });

export const TABLES: FixtureTable[] = [
  T('customers', ['id'], [
    ['id', 'number', 'int', 'int'],
    ['email', 'text', 'varchar(120) not null unique', 'varchar(120) not null unique', 'user.contact.email', 'email'],
    ['name', 'text', 'text not null', 'varchar(200) not null', 'user.name'],
    ['phone', 'text', 'varchar(40)', 'varchar(40)', 'user.contact.phone_number', 'phone_number'],
    ['profile', 'json', 'jsonb', 'json', 'user.contact.email', undefined, 'EMAIL_ADDRESS'],
  ]),
  T('orders', ['id'], [['id', 'number', 'int', 'int'], ['customer_id', 'number', 'int not null', 'int not null'], ['total', 'number', 'numeric(10,2) not null', 'decimal(10,2) not null']], ['foreign key (customer_id) references customers (id)']),
  T('order_items', ['order_id', 'line_no'], [['order_id', 'number', 'int not null', 'int not null'], ['line_no', 'number', 'int not null', 'int not null'], ['sku', 'text', 'text not null', 'varchar(20) not null']], ['foreign key (order_id) references orders (id)']),
  T('payments', ['id'], [['id', 'number', 'int', 'int'], ['order_id', 'number', 'int not null', 'int not null'], ['card_holder', 'text', 'text', 'varchar(100)', 'user.name']], ['foreign key (order_id) references orders (id) on delete restrict']),
  T('addresses', ['customer_id', 'addr_no'], [['customer_id', 'number', 'int not null', 'int not null'], ['addr_no', 'number', 'int not null', 'int not null'], ['street', 'text', 'text not null', 'varchar(200) not null', 'user.contact.address.street']], ['foreign key (customer_id) references customers (id)']),
  T('deliveries', ['id'], [['id', 'number', 'int', 'int'], ['customer_id', 'number', 'int not null', 'int not null'], ['addr_no', 'number', 'int not null', 'int not null'], ['note', 'text', 'text', 'varchar(200)', 'user.content']], ['foreign key (customer_id, addr_no) references addresses (customer_id, addr_no) on delete restrict']),
  T('employees', ['id'], [['id', 'number', 'int', 'int'], ['email', 'text', 'text', 'varchar(120)', 'user.contact.email', 'email'], ['name', 'text', 'text', 'varchar(100)', 'user.name'], ['manager_id', 'number', 'int', 'int']], ['foreign key (manager_id) references employees (id)']),
  T('a', ['id'], [['id', 'number', 'int', 'int'], ['email', 'text', 'text', 'varchar(120)', 'user.contact.email', 'email'], ['b_id', 'number', 'int', 'int']]),
  T('b', ['id'], [['id', 'number', 'int', 'int'], ['a_id', 'number', 'int not null', 'int not null'], ['secret', 'text', 'text', 'varchar(100)', 'user.content']], ['foreign key (a_id) references a (id)']),
  T('notes', ['id'], [['id', 'number', 'int', 'int'], ['customer_ref', 'number', 'int', 'int'], ['body', 'text', 'text', 'varchar(200)', 'user.content']]),
  T('invoices', ['id'], [['id', 'number', 'int', 'int'], ['customer_id', 'number', 'int not null', 'int not null'], ['amount', 'number', 'numeric(10,2) not null', 'decimal(10,2) not null', 'user.financial'], ['number', 'text', 'text', 'varchar(20)']], ['foreign key (customer_id) references customers (id) on delete restrict']),
  T('shared_orders', ['id'], [['id', 'number', 'int', 'int'], ['customer_a', 'number', 'int not null', 'int not null'], ['customer_b', 'number', 'int not null', 'int not null'], ['title', 'text', 'text', 'varchar(100)']], ['foreign key (customer_a) references customers (id)', 'foreign key (customer_b) references customers (id)']),
  T('events', [], [['customer_id', 'number', 'int', 'int'], ['kind', 'text', 'text', 'varchar(20)'], ['at', 'temporal', 'date', 'date']], ['foreign key (customer_id) references customers (id)']),
  T('audit', ['id'], [['id', 'number', 'int', 'int'], ['payload', 'json', 'jsonb', 'json', 'user.contact.email', undefined, 'EMAIL_ADDRESS']]),
];

/** Foreign keys the database declares, plus the cycle's second half and the notes link (declared only). */
export const REFERENCES: [string, string[], string, string[], 'introspected' | 'declared'][] = [
  ['orders', ['customer_id'], 'customers', ['id'], 'introspected'],
  ['order_items', ['order_id'], 'orders', ['id'], 'introspected'],
  ['payments', ['order_id'], 'orders', ['id'], 'introspected'],
  ['addresses', ['customer_id'], 'customers', ['id'], 'introspected'],
  ['deliveries', ['customer_id', 'addr_no'], 'addresses', ['customer_id', 'addr_no'], 'introspected'],
  ['employees', ['manager_id'], 'employees', ['id'], 'introspected'],
  ['a', ['b_id'], 'b', ['id'], 'introspected'],
  ['b', ['a_id'], 'a', ['id'], 'introspected'],
  ['notes', ['customer_ref'], 'customers', ['id'], 'declared'],
  ['invoices', ['customer_id'], 'customers', ['id'], 'introspected'],
  ['shared_orders', ['customer_a'], 'customers', ['id'], 'introspected'],
  ['shared_orders', ['customer_b'], 'customers', ['id'], 'introspected'],
  ['events', ['customer_id'], 'customers', ['id'], 'introspected'],
];

export function ddl(engine: 'pg' | 'my', q: (name: string) => string, schema: string): string[] {
  const rel = (t: string) => `${q(schema)}.${q(t)}`;
  const out = TABLES.map((t) => {
    const cols = t.cols.map((c) => `${q(c[0])} ${engine === 'pg' ? c[2] : c[3]}`);
    if (t.pk.length) cols.push(`primary key (${t.pk.map(q).join(', ')})`);
    for (const fk of t.extra ?? []) cols.push(fk.replace(/references (\w+)/, (_, name: string) => `references ${rel(name)}`));
    return `create table ${rel(t.name)} (${cols.join(', ')})${engine === 'my' ? ' engine=InnoDB' : ''}`;
  });
  out.push(`alter table ${rel('a')} add foreign key (b_id) references ${rel('b')} (id)`);
  return out;
}

/** Person A (Alice) and person B (Bob); Carol reports to Alice; shared order 1 belongs to both. */
export function data(json: (v: unknown) => string): [string, unknown[][]][] {
  return [
    ['customers', [
      [1, '  Alice@Example.COM', 'Alice Smith', '+49 151 1234 5678', json({ contact: { email: 'alice@example.com' } })],
      [2, 'bob@example.com', 'Bob Jones', '030 1234567', json({ contact: { email: 'bob@example.com' } })],
      [3, 'carl@example.com', 'Carl Meyer', null, null],
    ]],
    ['orders', [[10, 1, 5], [11, 1, 7], [20, 2, 9]]],
    ['order_items', [[10, 1, 'sku-1'], [10, 2, 'sku-2'], [11, 1, 'sku-1'], [20, 1, 'sku-1']]],
    ['payments', [[100, 10, 'Alice Smith'], [200, 20, 'Bob Jones']]],
    ['addresses', [[1, 1, 'Main Street 1'], [2, 1, 'Side Road 2']]],
    ['deliveries', [[1000, 1, 1, 'leave at door'], [2000, 2, 1, 'ring twice']]],
    ['employees', [[1, 'Bob@example.com', 'Bob Jones', null], [2, 'ALICE@example.com', 'Alice Smith', 1], [3, 'carol@example.com', 'Carol King', 2]]],
    ['a', [[1, 'alice@example.com', null], [2, 'bob@example.com', null]]],
    ['b', [[1, 1, 'alpha'], [2, 2, 'beta']]],
    ['notes', [[1, 1, 'called the customer'], [2, 2, 'called Bob']]],
    ['invoices', [[1, 1, 99.5, 'INV-1'], [2, 2, 10, 'INV-2']]],
    ['shared_orders', [[1, 1, 2, 'joint'], [2, 2, 3, 'bob and carl']]],
    ['events', [[1, 'login', '2025-01-01'], [1, 'login', '2025-01-01'], [2, 'login', '2025-01-02']]],
    ['audit', [[1, json({ who: { email: 'ALICE@Example.com' }, n: 1 })], [2, json({ who: { email: 'bob@example.com' } })]]],
  ];
}

export function mapState(system: string, schema: string): MapState {
  const tables: MapTable[] = TABLES.map((t) => ({
    systemId: system,
    system,
    schema,
    table: t.name,
    kind: 'table',
    rowEstimate: null,
    primaryKey: t.pk,
    columns: t.cols.map((c) => ({ name: c[0], dataType: c[3].split(' ')[0]!, kind: c[1] })),
    origin: 'scanner',
  }));
  const fields: MapField[] = TABLES.flatMap((t) =>
    t.cols
      .filter((c) => c[4])
      .map((c) => ({
        id: `${t.name}.${c[0]}`,
        systemId: system,
        system,
        schema,
        table: t.name,
        column: c[0],
        dataType: c[3],
        entity: c[6] ?? null,
        category: c[4]!,
        level: 'L2',
        confidence: 1,
        provenance: 'human' as const,
        identity: c[5] ?? null,
        freeText: c[1] === 'json',
      })),
  );
  const references: Reference[] = REFERENCES.map(([from, fc, to, tc, origin], i) => ({
    id: `${system}-ref-${i}`,
    from: { system, schema, table: from, columns: fc },
    to: { system, schema, table: to, columns: tc },
    origin,
    confidence: 1,
    status: 'active',
    evidence: {},
    note: null,
  }));
  return { organisation: null, systems: [], tables, fields, references, activities: [], taxonomy: [] };
}

export function mergeStates(...states: MapState[]): MapState {
  return { ...states[0]!, tables: states.flatMap((s) => s.tables), fields: states.flatMap((s) => s.fields), references: states.flatMap((s) => s.references) };
}
