/**
 * Generates the demo company's rows in memory, deterministically from a seed. Every customer is
 * generated from its own derived seed, so adding people does not reshuffle everyone else's data.
 * Rows are first built as linked records and only numbered at the end, so that ids run in
 * chronological order (as an auto-increment column would in a real shop) and foreign keys are set
 * from object links rather than from hand-tracked counters.
 */
import { Faker, base, de, en, en_US } from '@faker-js/faker';
import { generateCardNumber, maskCardNumber, type CardBrand } from './demo.ids.js';
import { DEMO_REFERENCE_DATE, createDemoLocales, intSource, type DemoLocale, type Sex } from './demo.locales.js';
import type { DemoTableName } from './demo.schema.js';
import { TICKET_TEMPLATES, fillTemplate, placeholdersOf, type TicketLanguage, type TicketTemplate } from './demo.text.js';

export type SqlValue = string | number | boolean | null | Date;
export type Row = Record<string, SqlValue>;
export type DemoRows = Record<DemoTableName, Row[]>;

export const DEFAULT_DEMO_SEED = 20_250_630;
export const DEFAULT_DEMO_PEOPLE = 3000;

/** A reserved .example domain: nothing generated here can ever reach a real mailbox. */
const COMPANY_DOMAIN = 'kestrel-goods.example';
const SHOP_OPENED = new Date('2019-03-01T00:00:00.000Z');
const DAY_MS = 86_400_000;

/** Distinct seed streams, so e.g. products never share random numbers with customers. */
const STREAM = { locale: 1, customer: 2, products: 3, visitors: 4, employees: 5 } as const;

interface CustomerRec {
  row: Row;
  createdAt: Date;
  addresses: Row[];
  orders: OrderRec[];
}
interface OrderRec {
  row: Row;
  customer: CustomerRec;
  address: Row;
  placedAt: Date;
  items: Row[];
  payment: Row;
}
interface TicketRec {
  row: Row;
  customer: CustomerRec;
  order: OrderRec | null;
  createdAt: Date;
  template: TicketTemplate;
  values: Record<string, string>;
}
interface EventRec {
  row: Row;
  customer: CustomerRec | null;
  occurredAt: Date;
}
interface Product {
  id: number;
  sku: string;
  name: string;
  priceCents: number;
  active: boolean;
  row: Row;
}

interface Context {
  seed: number;
  products: Product[];
  activeProducts: Product[];
  supportAgentIds: number[];
  usedEmails: Set<string>;
  customers: CustomerRec[];
  tickets: TicketRec[];
  events: EventRec[];
}

export function generateDemoData(people: number, seed: number): DemoRows {
  const helper = new Faker({ locale: [en, base] });
  const employees = generateEmployees(seed);
  const products = generateProducts(seed);
  const ctx: Context = {
    seed,
    products,
    activeProducts: products.filter((p) => p.active),
    supportAgentIds: employees.filter((e) => e.department === 'Customer Service').map((e) => e.id as number),
    usedEmails: new Set(employees.map((e) => e.work_email as string)),
    customers: [],
    tickets: [],
    events: [],
  };
  const locales = createDemoLocales();
  for (let i = 0; i < people; i++) {
    helper.seed([seed, STREAM.locale, i]);
    const locale = helper.helpers.weightedArrayElement(locales.map((l) => ({ value: l, weight: l.weight })));
    locale.faker.seed([seed, STREAM.customer, i]);
    buildCustomer(ctx, locale, i);
  }
  buildAnonymousVisitors(ctx, locales[0] as DemoLocale, Math.round(people * 0.3));
  return materialise(ctx, employees);
}

// ---------------------------------------------------------------------------------------------
// Employees and products: the company itself.

const DEPARTMENTS = [
  { name: 'Executive', size: 2, head: 'Chief Executive Officer', titles: ['Chief Operating Officer'], pay: [150, 190] },
  {
    name: 'Customer Service',
    size: 16,
    head: 'Head of Customer Service',
    titles: ['Customer Service Agent', 'Senior Customer Service Agent', 'Customer Service Team Lead'],
    pay: [34, 48],
  },
  { name: 'Logistics', size: 12, head: 'Head of Logistics', titles: ['Warehouse Associate', 'Shipping Coordinator', 'Inventory Planner'], pay: [32, 50] },
  { name: 'Engineering', size: 12, head: 'Head of Engineering', titles: ['Software Engineer', 'Senior Software Engineer', 'Data Engineer', 'Site Reliability Engineer'], pay: [60, 98] },
  { name: 'Marketing', size: 7, head: 'Head of Marketing', titles: ['Performance Marketing Manager', 'Content Manager', 'CRM Manager'], pay: [48, 72] },
  { name: 'Finance', size: 5, head: 'Head of Finance', titles: ['Accountant', 'Payments Analyst'], pay: [50, 75] },
  { name: 'People & Culture', size: 3, head: 'Head of People', titles: ['HR Generalist', 'Recruiter'], pay: [45, 64] },
  { name: 'Legal & Privacy', size: 3, head: 'General Counsel', titles: ['Data Protection Officer', 'Legal Counsel'], pay: [65, 98] },
] as const;

/**
 * Sixty staff at the Berlin head office. Rows come out in id order with every manager before
 * their reports, which MySQL needs because it checks the self-reference row by row.
 */
function generateEmployees(seed: number): Row[] {
  const fakers = { de: employeeFaker(de), en: employeeFaker(en_US) };
  const rows: Row[] = [];
  const used = new Set<string>();
  let ceoId: number | null = null;
  for (const dept of DEPARTMENTS) {
    let headId: number | null = null;
    for (let k = 0; k < dept.size; k++) {
      const id = rows.length + 1;
      fakers.de.seed([seed, STREAM.employees, id]);
      fakers.en.seed([seed, STREAM.employees, id]);
      // Mostly German staff, some international hires; both are paid into German accounts.
      const f = fakers.de.datatype.boolean(0.75) ? fakers.de : fakers.en;
      const isHead = k === 0;
      const firstName = f.person.firstName();
      const lastName = f.person.lastName();
      const [low, high] = isHead ? [dept.pay[1], dept.pay[1] + 45] : dept.pay;
      rows.push({
        id,
        first_name: firstName,
        last_name: lastName,
        work_email: uniqueLocalPart(used, `${asciiName(firstName)}.${asciiName(lastName)}`) + `@${COMPANY_DOMAIN}`,
        phone: f.phone.number({ style: 'international' }),
        job_title: isHead ? dept.head : f.helpers.arrayElement(dept.titles),
        department: dept.name,
        salary: cents(f.number.int({ min: low * 10, max: high * 10 }) * 10_000),
        iban: fakers.de.finance.iban({ countryCode: 'DE', formatted: false }),
        hire_date: dateOnly(
          id === 1 ? SHOP_OPENED : f.date.between({ from: SHOP_OPENED, to: isHead ? '2021-12-31' : addDays(DEMO_REFERENCE_DATE, -30) }),
        ),
        manager_id: isHead ? ceoId : headId,
      });
      if (isHead) headId = id;
      ceoId ??= id;
    }
  }
  return rows;
}

function employeeFaker(locale: typeof de): Faker {
  const faker = new Faker({ locale: [locale, en, base] });
  faker.setDefaultRefDate(DEMO_REFERENCE_DATE);
  return faker;
}

const CATEGORIES = [
  ['Home & Kitchen', 'HOM'],
  ['Outdoor', 'OUT'],
  ['Electronics', 'ELE'],
  ['Apparel', 'APP'],
  ['Toys & Games', 'TOY'],
  ['Beauty', 'BEA'],
  ['Stationery', 'STA'],
  ['Sports', 'SPO'],
] as const;
const PRODUCT_NOTES = [
  'Ships within two business days.',
  'Two-year warranty included.',
  'Packed in recycled cardboard.',
  'Machine washable at 30 degrees.',
  'Available while stocks last.',
  'Assembly takes about ten minutes.',
];

/**
 * The catalogue is deliberately free of personal data: descriptions are composed from product
 * vocabulary only (Faker's stock product descriptions mention first names), and SKUs are short
 * letter-prefixed codes that cannot be mistaken for phone numbers or identifiers.
 */
function generateProducts(seed: number): Product[] {
  const f = new Faker({ locale: [en, base] });
  f.seed([seed, STREAM.products]);
  return Array.from({ length: 150 }, (_, i): Product => {
    const [category, code] = f.helpers.arrayElement(CATEGORIES);
    const adjective = f.commerce.productAdjective();
    const material = f.commerce.productMaterial();
    const noun = f.commerce.product();
    const priceCents = f.number.int({ min: 3, max: 300 }) * 100 - f.helpers.arrayElement([1, 5, 51]);
    const active = f.datatype.boolean(0.92);
    const sku = `${code}-${String(i + 1).padStart(5, '0')}`;
    const name = `${adjective} ${material} ${noun}`;
    const description = `${adjective} ${noun.toLowerCase()} made of ${material.toLowerCase()}. ${f.helpers.arrayElement(PRODUCT_NOTES)}`;
    return {
      id: i + 1,
      sku,
      name,
      priceCents,
      active,
      row: { id: i + 1, sku, name, category, description, price: cents(priceCents), currency: 'EUR', active },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Customers and everything hanging off them.

function buildCustomer(ctx: Context, locale: DemoLocale, index: number): void {
  const f = locale.faker;
  const sex = f.person.sexType() as Sex;
  const gender = f.helpers.weightedArrayElement<string | null>([
    { value: sex, weight: 88 },
    { value: 'diverse', weight: 3 },
    { value: null, weight: 9 },
  ]);
  const { firstName, lastName } = locale.name(sex);
  const birthDate = dateOnly(f.date.birthdate({ mode: 'age', min: 18, max: 85 }));
  // The id encodes the registered sex and birth date (CN, SG), so it is derived from them.
  const nationalId = f.datatype.boolean(locale.nationalIdRate) ? locale.nationalId(birthDate, sex) : null;
  const createdAt = f.date.between({ from: SHOP_OPENED, to: addDays(DEMO_REFERENCE_DATE, -2) });
  const email = uniqueEmail(ctx.usedEmails, f.internet.exampleEmail({ firstName, lastName }), index);
  const phone = f.datatype.boolean(0.92) ? locale.phone() : null;
  const optIn = f.datatype.boolean(0.45);
  const customer: CustomerRec = {
    createdAt,
    addresses: [],
    orders: [],
    row: {
      id: 0,
      first_name: firstName,
      last_name: lastName,
      email,
      phone,
      date_of_birth: nationalId || f.datatype.boolean(0.85) ? birthDate : null,
      gender,
      national_id: nationalId,
      national_id_type: nationalId ? locale.nationalIdType : null,
      country: locale.country,
      preferred_language: f.helpers.weightedArrayElement(locale.languages),
      marketing_opt_in: optIn,
      created_at: createdAt,
    },
  };
  ctx.customers.push(customer);

  const addressCount = f.datatype.boolean(0.4) ? 2 : 1;
  for (let a = 0; a < addressCount; a++) {
    const address = locale.address();
    customer.addresses.push({
      id: 0,
      customer_id: 0,
      kind: a === 0 ? 'billing' : 'shipping',
      street: address.street,
      street2: address.street2,
      city: address.city,
      postal_code: address.postalCode,
      region: address.region,
      country: locale.country,
    });
  }

  const wallet = new Wallet(locale);
  const homeIp = publicIpv4(f);
  const orderCount = f.helpers.weightedArrayElement([0, 1, 2, 3, 4, 5, 6].map((n, i) => ({ value: n, weight: [15, 20, 18, 15, 12, 10, 10][i] as number })));
  const times = Array.from({ length: orderCount }, () =>
    f.date.between({ from: createdAt, to: addDays(DEMO_REFERENCE_DATE, -1 / 24) }),
  ).sort((a, b) => a.getTime() - b.getTime());
  for (const placedAt of times) customer.orders.push(buildOrder(ctx, locale, customer, placedAt, homeIp, wallet));

  if (f.datatype.boolean(0.2)) {
    const ticketCount = f.helpers.weightedArrayElement([
      { value: 1, weight: 75 },
      { value: 2, weight: 20 },
      { value: 3, weight: 5 },
    ]);
    for (let t = 0; t < ticketCount; t++) ctx.tickets.push(buildTicket(ctx, locale, customer));
  }
  buildCustomerEvents(ctx, locale, customer, homeIp);
}

/** Orders of one customer reuse one or two cards and one bank account, as real customers do. */
class Wallet {
  private cards: { brand: CardBrand; pan: string; token: string }[] = [];
  private iban: string | null = null;
  constructor(private readonly locale: DemoLocale) {}

  card(): { brand: CardBrand; pan: string; token: string } {
    const f = this.locale.faker;
    if (this.cards.length === 0 || (this.cards.length === 1 && f.datatype.boolean(0.15))) {
      const brand = f.helpers.weightedArrayElement(this.locale.cardBrands);
      this.cards.push({ brand, pan: generateCardNumber(intSource(f), brand), token: `tok_${f.string.alphanumeric(24)}` });
    }
    return f.helpers.arrayElement(this.cards);
  }

  bankAccount(): string {
    this.iban ??= this.locale.faker.finance.iban({ countryCode: this.locale.country, formatted: false });
    return this.iban;
  }
}

function buildOrder(ctx: Context, locale: DemoLocale, customer: CustomerRec, placedAt: Date, homeIp: string, wallet: Wallet): OrderRec {
  const f = locale.faker;
  const lineCount = f.helpers.weightedArrayElement([
    { value: 1, weight: 40 },
    { value: 2, weight: 30 },
    { value: 3, weight: 18 },
    { value: 4, weight: 12 },
  ]);
  const items: Row[] = [];
  let subtotal = 0;
  for (let line = 1; line <= lineCount; line++) {
    const product = f.helpers.arrayElement(ctx.activeProducts);
    const quantity = f.helpers.weightedArrayElement([
      { value: 1, weight: 75 },
      { value: 2, weight: 18 },
      { value: 3, weight: 7 },
    ]);
    const unit = Math.round(product.priceCents * locale.eurRate);
    subtotal += unit * quantity;
    items.push({ order_id: 0, line_no: line, product_id: product.id, quantity, unit_price: cents(unit) });
  }
  const shipping = subtotal >= 5000 * locale.eurRate ? 0 : Math.round(495 * locale.eurRate);
  const tax = Math.round(subtotal * locale.taxRate);
  const status = orderStatus(f, placedAt);
  const address = customer.addresses.find((a) => a.kind === 'shipping') ?? (customer.addresses[0] as Row);
  const ip = f.helpers.weightedArrayElement<string | null>([
    { value: homeIp, weight: 55 },
    { value: publicIpv4(f), weight: 25 },
    { value: f.internet.ipv6(), weight: 12 },
    { value: null, weight: 8 }, // telephone orders
  ]);
  const total = subtotal + shipping + tax;
  return {
    customer,
    address,
    placedAt,
    items,
    payment: buildPayment(locale, wallet, status, total, placedAt),
    row: {
      id: 0,
      order_number: '',
      customer_id: 0,
      shipping_address_id: 0,
      status,
      currency: locale.currency,
      subtotal: cents(subtotal),
      shipping_fee: cents(shipping),
      tax: cents(tax),
      total: cents(total),
      placed_at: placedAt,
      ip_address: ip,
    },
  };
}

function orderStatus(f: Faker, placedAt: Date): string {
  const ageDays = (DEMO_REFERENCE_DATE.getTime() - placedAt.getTime()) / DAY_MS;
  const options =
    ageDays < 2
      ? { pending: 40, paid: 60 }
      : ageDays < 7
        ? { shipped: 70, paid: 20, cancelled: 10 }
        : { delivered: 88, cancelled: 5, refunded: 7 };
  return f.helpers.weightedArrayElement(Object.entries(options).map(([value, weight]) => ({ value, weight })));
}

function buildPayment(locale: DemoLocale, wallet: Wallet, orderStatus: string, total: number, placedAt: Date): Row {
  const f = locale.faker;
  const methods =
    locale.country === 'DE'
      ? { sepa_debit: 45, card: 40, paypal: 15 }
      : { card: 85, paypal: 15 };
  const method = f.helpers.weightedArrayElement(Object.entries(methods).map(([value, weight]) => ({ value, weight })));
  const status = { pending: 'authorized', cancelled: 'voided', refunded: 'refunded' }[orderStatus] ?? 'captured';
  const card = method === 'card' ? wallet.card() : null;
  const settled = status === 'captured' || status === 'refunded';
  return {
    id: 0,
    order_id: 0,
    method,
    status,
    card_brand: card?.brand ?? null,
    card_last4: card ? card.pan.slice(-4) : null,
    masked_pan: card ? maskCardNumber(card.pan) : null,
    card_token: card?.token ?? null,
    iban: method === 'sepa_debit' ? wallet.bankAccount() : null,
    amount: cents(total),
    currency: locale.currency,
    paid_at: settled ? new Date(placedAt.getTime() + f.number.int({ min: 5, max: 900 }) * 1000) : null,
  };
}

function buildTicket(ctx: Context, locale: DemoLocale, customer: CustomerRec): TicketRec {
  const f = locale.faker;
  const c = customer.row;
  const language: TicketLanguage = f.helpers.weightedArrayElement(locale.ticketLanguages);
  const usable = TICKET_TEMPLATES[language].filter((t) => {
    const needs = placeholdersOf(t);
    return (!needs.has('order') || customer.orders.length > 0) && (!needs.has('nationalId') || c.national_id !== null);
  });
  const template = f.helpers.arrayElement(usable);
  const mentionsOrder = placeholdersOf(template).has('order');
  const order = mentionsOrder || (customer.orders.length > 0 && f.datatype.boolean(0.3)) ? f.helpers.arrayElement(customer.orders) : null;
  const from = order ? order.placedAt : customer.createdAt;
  const createdAt = f.date.between({ from, to: DEMO_REFERENCE_DATE });
  const ageDays = (DEMO_REFERENCE_DATE.getTime() - createdAt.getTime()) / DAY_MS;
  const status = ageDays < 7 ? f.helpers.arrayElement(['open', 'pending']) : f.helpers.arrayElement(['solved', 'closed']);
  const newAddress = locale.address();
  const productId = order ? (f.helpers.arrayElement(order.items).product_id as number) : f.helpers.arrayElement(ctx.activeProducts).id;
  const values: Record<string, string> = {
    first: c.first_name as string,
    last: c.last_name as string,
    email: c.email as string,
    altEmail: f.internet.exampleEmail({ firstName: c.first_name as string, lastName: c.last_name as string }),
    phone: (c.phone as string | null) ?? locale.phone(),
    product: ctx.products[productId - 1]?.name ?? '',
    street: newAddress.street,
    city: newAddress.city,
    postal: newAddress.postalCode,
    dob: formatBirthDate((c.date_of_birth as string | null) ?? dateOnly(f.date.birthdate()), language),
    nationalId: (c.national_id as string | null) ?? '',
  };
  return {
    customer,
    order,
    createdAt,
    template,
    values,
    row: {
      id: 0,
      customer_id: 0,
      order_id: null,
      assigned_employee_id: status === 'open' && f.datatype.boolean(0.5) ? null : f.helpers.arrayElement(ctx.supportAgentIds),
      channel: f.helpers.weightedArrayElement([
        { value: 'email', weight: 50 },
        { value: 'web_form', weight: 30 },
        { value: 'chat', weight: 15 },
        { value: 'phone', weight: 5 },
      ]),
      status,
      subject: '',
      body: '',
      created_at: createdAt,
      updated_at: minDate(DEMO_REFERENCE_DATE, new Date(createdAt.getTime() + f.number.int({ min: 0, max: 10 * 24 * 60 }) * 60_000)),
    },
  };
}

function formatBirthDate(iso: string, language: TicketLanguage): string {
  const [y, m, d] = iso.split('-');
  if (language === 'de') return `${d}.${m}.${y}`;
  if (language === 'pt') return `${d}/${m}/${y}`;
  if (language === 'zh') return `${y}年${Number(m)}月${Number(d)}日`;
  return `${m}/${d}/${y}`;
}

// ---------------------------------------------------------------------------------------------
// Web and e-mail tracking: pseudonymous identifiers that link back to people.

const UTM_CAMPAIGNS = [
  { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'brand_search' },
  { utm_source: 'facebook', utm_medium: 'social', utm_campaign: 'summer_sale_2024' },
  { utm_source: 'instagram', utm_medium: 'social', utm_campaign: 'spring_launch_2025' },
  { utm_source: 'tiktok', utm_medium: 'paid_social', utm_campaign: 'black_friday_2024' },
  { utm_source: 'bing', utm_medium: 'cpc', utm_campaign: 'generic_outdoor' },
];
const NEWSLETTER_UTM = { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'weekly_digest' };
const SEARCH_TERMS = ['rain jacket', 'gift for dad', 'kids toys', 'steel bottle', 'yoga mat', 'desk lamp', 'running shoes', 'notebook'];
const PATHS = ['/', '/sale', '/new-in', '/gift-cards', '/help/shipping', '/help/returns', '/account'];
type EventType =
  | 'page_view'
  | 'product_view'
  | 'search'
  | 'add_to_cart'
  | 'checkout_started'
  | 'purchase'
  | 'newsletter_signup'
  | 'email_open'
  | 'email_click';

/**
 * About five events per customer. Events before sign-up carry no customer_id but the same cookie
 * id: exactly the pseudonymous data a data-subject request has to find through the cookie.
 */
function buildCustomerEvents(ctx: Context, locale: DemoLocale, customer: CustomerRec, homeIp: string): void {
  const f = locale.faker;
  const cookies = [f.string.uuid(), ...(f.datatype.boolean(0.35) ? [f.string.uuid()] : [])];
  // Mobile-app users also have an advertising id (IDFA/AAID style).
  const deviceId = f.datatype.boolean(0.3) ? f.string.uuid().toUpperCase() : null;
  const agents = [browserUserAgent(f), browserUserAgent(f)];
  const optIn = customer.row.marketing_opt_in === true;
  const count = f.number.int({ min: 0, max: 10 });
  for (let e = 0; e < count; e++) {
    const occurredAt = f.date.between({ from: addDays(customer.createdAt, -45), to: DEMO_REFERENCE_DATE });
    const signedUp = occurredAt >= customer.createdAt;
    const type = eventType(f, signedUp, optIn);
    ctx.events.push({
      customer: signedUp ? customer : null,
      occurredAt,
      row: eventRow(ctx, f, {
        type,
        anonymousId: f.helpers.arrayElement(cookies),
        deviceId: deviceId && f.datatype.boolean(0.5) ? deviceId : null,
        userAgent: f.helpers.arrayElement(agents),
        ip: f.datatype.boolean(0.7) ? homeIp : publicIpv4(f),
        email: customer.row.email as string,
        currency: locale.currency,
        occurredAt,
      }),
    });
  }
}

/** Visitors who never bought anything; a few still leave an e-mail address via the newsletter form. */
function buildAnonymousVisitors(ctx: Context, locale: DemoLocale, visitors: number): void {
  const f = locale.faker;
  for (let v = 0; v < visitors; v++) {
    f.seed([ctx.seed, STREAM.visitors, v]);
    const anonymousId = f.string.uuid();
    const userAgent = browserUserAgent(f);
    const ip = publicIpv4(f);
    const email = f.internet.exampleEmail();
    const count = f.number.int({ min: 1, max: 4 });
    for (let e = 0; e < count; e++) {
      const occurredAt = f.date.between({ from: '2023-01-01T00:00:00.000Z', to: DEMO_REFERENCE_DATE });
      const type: EventType = f.datatype.boolean(0.08) ? 'newsletter_signup' : eventType(f, false, false);
      ctx.events.push({
        customer: null,
        occurredAt,
        row: eventRow(ctx, f, { type, anonymousId, deviceId: null, userAgent, ip, email, currency: locale.currency, occurredAt }),
      });
    }
  }
}

function eventType(f: Faker, signedUp: boolean, optIn: boolean): EventType {
  const options: { value: EventType; weight: number }[] = [
    { value: 'page_view', weight: 40 },
    { value: 'product_view', weight: 22 },
    { value: 'search', weight: 8 },
    { value: 'add_to_cart', weight: 10 },
  ];
  if (signedUp) options.push({ value: 'checkout_started', weight: 5 }, { value: 'purchase', weight: 4 });
  if (signedUp && optIn) {
    options.push({ value: 'newsletter_signup', weight: 2 }, { value: 'email_open', weight: 6 }, { value: 'email_click', weight: 4 });
  }
  return f.helpers.weightedArrayElement(options);
}

interface EventInput {
  type: EventType;
  anonymousId: string;
  deviceId: string | null;
  userAgent: string;
  ip: string;
  email: string;
  currency: string;
  occurredAt: Date;
}

function eventRow(ctx: Context, f: Faker, e: EventInput): Row {
  const isEmail = e.type === 'email_open' || e.type === 'email_click';
  const utm = isEmail ? NEWSLETTER_UTM : f.datatype.boolean(0.4) ? f.helpers.arrayElement(UTM_CAMPAIGNS) : null;
  return {
    id: 0,
    customer_id: null,
    anonymous_id: e.anonymousId,
    device_id: e.deviceId,
    event_type: e.type,
    utm_source: utm?.utm_source ?? null,
    utm_medium: utm?.utm_medium ?? null,
    utm_campaign: utm?.utm_campaign ?? null,
    user_agent: e.userAgent,
    ip_address: e.ip,
    occurred_at: e.occurredAt,
    properties: JSON.stringify(eventProperties(ctx, f, e)),
  };
}

function eventProperties(ctx: Context, f: Faker, e: EventInput): Record<string, unknown> {
  const product = f.helpers.arrayElement(ctx.activeProducts);
  switch (e.type) {
    case 'page_view':
      return { path: f.helpers.arrayElement(PATHS), referrer: f.helpers.arrayElement(['https://www.google.com/', null, 'android-app://com.google.android.gm']) };
    case 'product_view':
      return { sku: product.sku, path: `/p/${product.sku.toLowerCase()}` };
    case 'search':
      return { query: f.helpers.arrayElement(SEARCH_TERMS), results: f.number.int({ min: 0, max: 48 }) };
    case 'add_to_cart':
      return { sku: product.sku, quantity: f.number.int({ min: 1, max: 3 }) };
    case 'checkout_started':
      // Checkout forms capture the e-mail address first, for abandoned-cart mails.
      return { email: e.email, cart_value: cents(product.priceCents), currency: e.currency };
    case 'purchase':
      return { value: cents(product.priceCents * f.number.int({ min: 1, max: 3 })), currency: e.currency, items: f.number.int({ min: 1, max: 4 }) };
    case 'newsletter_signup':
      return { email: e.email, form: f.helpers.arrayElement(['footer', 'popup', 'checkout']), consent_text: 'v3' };
    case 'email_open':
      return { email: e.email, campaign_id: `cmp_${f.number.int({ min: 100, max: 999 })}` };
    case 'email_click':
      return { email: e.email, campaign_id: `cmp_${f.number.int({ min: 100, max: 999 })}`, link: f.helpers.arrayElement(PATHS) };
  }
}

// ---------------------------------------------------------------------------------------------
// Numbering and linking.

function materialise(ctx: Context, employees: Row[]): DemoRows {
  const customers = byTime(ctx.customers, (c) => c.createdAt);
  customers.forEach((c, i) => (c.row.id = i + 1));
  const addresses = customers.flatMap((c) => c.addresses);
  addresses.forEach((a, i) => (a.id = i + 1));
  for (const c of customers) for (const a of c.addresses) a.customer_id = c.row.id as number;

  const orders = byTime(
    customers.flatMap((c) => c.orders),
    (o) => o.placedAt,
  );
  orders.forEach((o, i) => {
    const id = i + 1;
    Object.assign(o.row, {
      id,
      order_number: `KG-${o.placedAt.getUTCFullYear()}-${String(id).padStart(6, '0')}`,
      customer_id: o.customer.row.id,
      shipping_address_id: o.address.id,
    });
    for (const item of o.items) item.order_id = id;
    Object.assign(o.payment, { id, order_id: id });
  });

  const tickets = byTime(ctx.tickets, (t) => t.createdAt);
  tickets.forEach((t, i) => {
    const values = { ...t.values, order: t.order ? (t.order.row.order_number as string) : '' };
    Object.assign(t.row, {
      id: i + 1,
      customer_id: t.customer.row.id,
      order_id: t.order ? t.order.row.id : null,
      subject: fillTemplate(t.template.subject, values),
      body: fillTemplate(t.template.body, values),
    });
  });

  const events = byTime(ctx.events, (e) => e.occurredAt);
  events.forEach((e, i) => {
    e.row.id = i + 1;
    e.row.customer_id = e.customer ? (e.customer.row.id as number) : null;
  });

  return {
    employees,
    customers: customers.map((c) => c.row),
    addresses,
    products: ctx.products.map((p) => p.row),
    orders: orders.map((o) => o.row),
    order_items: orders.flatMap((o) => o.items),
    payments: orders.map((o) => o.payment),
    support_tickets: tickets.map((t) => t.row),
    marketing_events: events.map((e) => e.row),
  };
}

/** Stable sort by time: ties keep generation order, so numbering stays deterministic. */
function byTime<T>(items: T[], time: (item: T) => Date): T[] {
  return [...items].sort((a, b) => time(a).getTime() - time(b).getTime());
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** Customers connect from public unicast addresses, not from private, multicast or reserved ranges. */
function publicIpv4(f: Faker): string {
  for (;;) {
    const ip = f.internet.ipv4();
    const [a = 0, b = 0] = ip.split('.').map(Number);
    const reserved = a === 0 || a === 10 || a === 127 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
    if (!reserved) return ip;
  }
}

/** Faker's user agents include crawlers; people shopping use browsers. */
function browserUserAgent(f: Faker): string {
  for (;;) {
    const agent = f.internet.userAgent();
    if (agent.startsWith('Mozilla/') && !/bot|crawl|spider/i.test(agent)) return agent;
  }
}

function cents(value: number): string {
  return (value / 100).toFixed(2);
}

function dateOnly(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function minDate(a: Date, b: Date): Date {
  return a < b ? a : b;
}

/** Work addresses are ASCII: umlauts are spelled out the German way, other accents dropped. */
function asciiName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

function uniqueLocalPart(used: Set<string>, local: string): string {
  let candidate = local;
  for (let n = 2; used.has(candidate); n++) candidate = `${local}${n}`;
  used.add(candidate);
  return candidate;
}

/** Customer e-mails are unique in the schema; a collision gets the customer's index appended. */
function uniqueEmail(used: Set<string>, email: string, index: number): string {
  let candidate = email.toLowerCase();
  if (used.has(candidate)) {
    const at = candidate.indexOf('@');
    candidate = `${candidate.slice(0, at)}.${index}${candidate.slice(at)}`;
  }
  used.add(candidate);
  return candidate;
}
