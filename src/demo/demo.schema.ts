/**
 * The demo company's schema, declared once as data. Both SQL dialects (PostgreSQL/PGlite and
 * MySQL/MariaDB) are emitted from these definitions, and the ground-truth list of personal columns
 * is read off the same definitions, so the DDL, the generator and the discovery ground truth cannot
 * drift apart.
 */

export type Dialect = 'postgres' | 'mysql';

/** Logical column types; each dialect maps them to its own native type. */
export type ColumnType =
  | 'id' // surrogate primary key, auto-incrementing, but the generator supplies explicit values
  | 'int'
  | 'smallint'
  | 'text'
  | { varchar: number }
  | { char: number }
  | 'date'
  | 'timestamp'
  | 'money'
  | 'boolean'
  | 'json'
  | 'ip';

/**
 * What kind of personal data a column holds. Used as ground truth by discovery tests, so the names
 * are deliberately plain and stable.
 */
export type PersonalKind =
  | 'person_name'
  | 'email'
  | 'phone'
  | 'date_of_birth'
  | 'gender'
  | 'national_id'
  | 'street_address'
  | 'city'
  | 'postal_code'
  | 'ip_address'
  | 'payment_card'
  | 'payment_token'
  | 'iban'
  | 'free_text'
  | 'online_identifier'
  | 'device_identifier'
  | 'user_agent'
  | 'json_document'
  | 'salary';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  nullable?: boolean;
  /** Foreign key to `<table>.id`. Every such column also gets an index. */
  references?: DemoTableName;
  unique?: boolean;
  personal?: PersonalKind;
}

export interface TableDef {
  name: DemoTableName;
  columns: ColumnDef[];
  primaryKey: string[];
  /** Secondary indexes beyond the automatic ones on foreign-key columns. */
  indexes?: string[][];
}

export type DemoTableName =
  | 'employees'
  | 'customers'
  | 'addresses'
  | 'products'
  | 'orders'
  | 'order_items'
  | 'payments'
  | 'support_tickets'
  | 'marketing_events';

/**
 * Every demo table carries this comment. It is how provisioning recognises its own tables: a table
 * with a demo name but without the marker belongs to someone else and is never dropped.
 */
export const DEMO_TABLE_MARKER = 'custos-demo: generated sample data, no real people';

const col = (name: string, type: ColumnType, extra: Omit<ColumnDef, 'name' | 'type'> = {}): ColumnDef => ({
  name,
  type,
  ...extra,
});
const idCol = col('id', 'id');

/** In dependency order: every table only references tables listed before it. */
export const DEMO_TABLES: readonly TableDef[] = [
  {
    name: 'employees',
    primaryKey: ['id'],
    columns: [
      idCol,
      col('first_name', { varchar: 100 }, { personal: 'person_name' }),
      col('last_name', { varchar: 100 }, { personal: 'person_name' }),
      col('work_email', { varchar: 255 }, { unique: true, personal: 'email' }),
      col('phone', { varchar: 40 }, { personal: 'phone' }),
      col('job_title', { varchar: 120 }),
      col('department', { varchar: 80 }),
      col('salary', 'money', { personal: 'salary' }),
      col('iban', { varchar: 34 }, { personal: 'iban' }),
      col('hire_date', 'date'),
      col('manager_id', 'int', { nullable: true, references: 'employees' }),
    ],
  },
  {
    name: 'customers',
    primaryKey: ['id'],
    indexes: [['last_name', 'first_name']],
    columns: [
      idCol,
      col('first_name', { varchar: 100 }, { personal: 'person_name' }),
      col('last_name', { varchar: 100 }, { personal: 'person_name' }),
      col('email', { varchar: 255 }, { unique: true, personal: 'email' }),
      col('phone', { varchar: 40 }, { nullable: true, personal: 'phone' }),
      col('date_of_birth', 'date', { nullable: true, personal: 'date_of_birth' }),
      col('gender', { varchar: 20 }, { nullable: true, personal: 'gender' }),
      col('national_id', { varchar: 32 }, { nullable: true, personal: 'national_id' }),
      col('national_id_type', { varchar: 16 }, { nullable: true }),
      col('country', { char: 2 }),
      col('preferred_language', { varchar: 10 }),
      col('marketing_opt_in', 'boolean'),
      col('created_at', 'timestamp'),
    ],
  },
  {
    name: 'addresses',
    primaryKey: ['id'],
    columns: [
      idCol,
      col('customer_id', 'int', { references: 'customers' }),
      col('kind', { varchar: 16 }),
      col('street', { varchar: 200 }, { personal: 'street_address' }),
      col('street2', { varchar: 100 }, { nullable: true, personal: 'street_address' }),
      col('city', { varchar: 100 }, { personal: 'city' }),
      col('postal_code', { varchar: 20 }, { personal: 'postal_code' }),
      col('region', { varchar: 100 }, { nullable: true }),
      col('country', { char: 2 }),
    ],
  },
  {
    name: 'products',
    primaryKey: ['id'],
    columns: [
      idCol,
      col('sku', { varchar: 32 }, { unique: true }),
      col('name', { varchar: 200 }),
      col('category', { varchar: 80 }),
      col('description', 'text'),
      col('price', 'money'),
      col('currency', { char: 3 }),
      col('active', 'boolean'),
    ],
  },
  {
    name: 'orders',
    primaryKey: ['id'],
    indexes: [['placed_at']],
    columns: [
      idCol,
      col('order_number', { varchar: 20 }, { unique: true }),
      col('customer_id', 'int', { references: 'customers' }),
      col('shipping_address_id', 'int', { references: 'addresses' }),
      col('status', { varchar: 16 }),
      col('currency', { char: 3 }),
      col('subtotal', 'money'),
      col('shipping_fee', 'money'),
      col('tax', 'money'),
      col('total', 'money'),
      col('placed_at', 'timestamp'),
      col('ip_address', 'ip', { nullable: true, personal: 'ip_address' }),
    ],
  },
  {
    name: 'order_items',
    primaryKey: ['order_id', 'line_no'],
    columns: [
      col('order_id', 'int', { references: 'orders' }),
      col('line_no', 'smallint'),
      col('product_id', 'int', { references: 'products' }),
      col('quantity', 'int'),
      col('unit_price', 'money'),
    ],
  },
  {
    name: 'payments',
    primaryKey: ['id'],
    columns: [
      idCol,
      col('order_id', 'int', { references: 'orders', unique: true }),
      col('method', { varchar: 16 }),
      col('status', { varchar: 16 }),
      col('card_brand', { varchar: 16 }, { nullable: true }),
      col('card_last4', { char: 4 }, { nullable: true, personal: 'payment_card' }),
      col('masked_pan', { varchar: 19 }, { nullable: true, personal: 'payment_card' }),
      col('card_token', { varchar: 40 }, { nullable: true, personal: 'payment_token' }),
      col('iban', { varchar: 34 }, { nullable: true, personal: 'iban' }),
      col('amount', 'money'),
      col('currency', { char: 3 }),
      col('paid_at', 'timestamp', { nullable: true }),
    ],
  },
  {
    name: 'support_tickets',
    primaryKey: ['id'],
    columns: [
      idCol,
      col('customer_id', 'int', { references: 'customers' }),
      col('order_id', 'int', { nullable: true, references: 'orders' }),
      col('assigned_employee_id', 'int', { nullable: true, references: 'employees' }),
      col('channel', { varchar: 16 }),
      col('status', { varchar: 16 }),
      col('subject', { varchar: 200 }, { personal: 'free_text' }),
      col('body', 'text', { personal: 'free_text' }),
      col('created_at', 'timestamp'),
      col('updated_at', 'timestamp'),
    ],
  },
  {
    name: 'marketing_events',
    primaryKey: ['id'],
    indexes: [['anonymous_id'], ['occurred_at']],
    columns: [
      idCol,
      col('customer_id', 'int', { nullable: true, references: 'customers' }),
      col('anonymous_id', { varchar: 36 }, { personal: 'online_identifier' }),
      col('device_id', { varchar: 36 }, { nullable: true, personal: 'device_identifier' }),
      col('event_type', { varchar: 32 }),
      col('utm_source', { varchar: 64 }, { nullable: true }),
      col('utm_medium', { varchar: 64 }, { nullable: true }),
      col('utm_campaign', { varchar: 64 }, { nullable: true }),
      col('user_agent', 'text', { personal: 'user_agent' }),
      col('ip_address', 'ip', { nullable: true, personal: 'ip_address' }),
      col('occurred_at', 'timestamp'),
      col('properties', 'json', { personal: 'json_document' }),
    ],
  },
];

export function demoTable(name: DemoTableName): TableDef {
  const table = DEMO_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown demo table ${name}`);
  return table;
}

/** The ground truth handed to discovery tests: every column declared as holding personal data. */
export function personalColumns(): { table: string; column: string; kind: string }[] {
  return DEMO_TABLES.flatMap((t) =>
    t.columns.filter((c) => c.personal).map((c) => ({ table: t.name, column: c.name, kind: c.personal as string })),
  );
}

/** Identifier and literal quoting come from the database driver; the emitter only composes. */
export interface SqlQuoting {
  dialect: Dialect;
  /** Quotes one identifier. */
  id(name: string): string;
  /** Quotes a string literal (only used for the constant table comment; DDL takes no parameters). */
  literal(value: string): string;
  /** Schema-qualified, quoted table name. */
  table(name: string): string;
}

type ScalarType = Exclude<ColumnType, object>;

function columnType(dialect: Dialect, type: ColumnType): string {
  if (typeof type === 'object') {
    return 'varchar' in type ? `varchar(${type.varchar})` : `char(${type.char})`;
  }
  const pg: Record<ScalarType, string> = {
    id: 'integer generated by default as identity',
    int: 'integer',
    smallint: 'smallint',
    text: 'text',
    date: 'date',
    timestamp: 'timestamptz',
    money: 'numeric(12,2)',
    boolean: 'boolean',
    json: 'jsonb',
    ip: 'inet',
  };
  const my: Record<ScalarType, string> = {
    id: 'int NOT NULL AUTO_INCREMENT',
    int: 'int',
    smallint: 'smallint',
    text: 'text',
    // Stored in UTC: the connection runs with time_zone '+00:00'.
    timestamp: 'datetime(3)',
    date: 'date',
    money: 'decimal(12,2)',
    boolean: 'boolean',
    json: 'json',
    ip: 'varchar(45)',
  };
  return (dialect === 'postgres' ? pg : my)[type];
}

/** CREATE TABLE plus its index (and, for PostgreSQL, comment) statements, in execution order. */
export function createTableStatements(table: TableDef, q: SqlQuoting): string[] {
  const lines = table.columns.map((c) => {
    const notNull = c.nullable || (c.type === 'id' && q.dialect === 'mysql') ? '' : ' NOT NULL';
    return `${q.id(c.name)} ${columnType(q.dialect, c.type)}${notNull}`;
  });
  lines.push(`PRIMARY KEY (${table.primaryKey.map(q.id).join(', ')})`);
  for (const c of table.columns) {
    if (c.unique) lines.push(`CONSTRAINT ${q.id(`${table.name}_${c.name}_key`)} UNIQUE (${q.id(c.name)})`);
  }
  for (const c of table.columns) {
    if (!c.references) continue;
    lines.push(
      `CONSTRAINT ${q.id(`${table.name}_${c.name}_fkey`)} FOREIGN KEY (${q.id(c.name)}) ` +
        `REFERENCES ${q.table(c.references)} (${q.id('id')})`,
    );
  }
  const body = lines.map((l) => `  ${l}`).join(',\n');
  const statements =
    q.dialect === 'postgres'
      ? [
          `CREATE TABLE ${q.table(table.name)} (\n${body}\n)`,
          `COMMENT ON TABLE ${q.table(table.name)} IS ${q.literal(DEMO_TABLE_MARKER)}`,
        ]
      : [
          `CREATE TABLE ${q.table(table.name)} (\n${body}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ` +
            `COLLATE=utf8mb4_unicode_ci COMMENT=${q.literal(DEMO_TABLE_MARKER)}`,
        ];
  for (const columns of indexedColumnSets(table)) {
    const name = `${table.name}_${columns.join('_')}_idx`;
    statements.push(`CREATE INDEX ${q.id(name)} ON ${q.table(table.name)} (${columns.map(q.id).join(', ')})`);
  }
  return statements;
}

/**
 * Foreign-key columns get an index (PostgreSQL does not create one by itself), except where the
 * column already leads the primary key or a unique constraint, which serves the same lookups.
 */
function indexedColumnSets(table: TableDef): string[][] {
  const covered = new Set<string>([table.primaryKey[0] as string]);
  for (const c of table.columns) if (c.unique) covered.add(c.name);
  const fkIndexes = table.columns.filter((c) => c.references && !covered.has(c.name)).map((c) => [c.name]);
  return [...fkIndexes, ...(table.indexes ?? [])];
}
