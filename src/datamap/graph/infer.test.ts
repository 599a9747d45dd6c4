import { describe, expect, it } from 'vitest';
import { edge, ref, table } from './fixtures.test-support.js';
import { buildIdentityGraph, foreignKeyStem, inferReferences, nameWords, proposeReferences, scoreReference, tableKey } from './index.js';
import type { ContainmentProbe, GraphTable, ReferenceCandidate } from './index.js';

function links(candidates: ReferenceCandidate[]): string[] {
  return candidates.map((c) => `${c.from.table.table}.${c.from.columns.join(',')}->${c.to.table.table}.${c.to.columns.join(',')}:${c.nameRule}`);
}

describe('name rules', () => {
  it('splits snake, camel and upper-case names alike', () => {
    expect(nameWords('orderLineID')).toEqual(['order', 'line', 'id']);
    expect(nameWords('OrderLineId')).toEqual(['order', 'line', 'id']);
    expect(nameWords('order_line_id')).toEqual(['order', 'line', 'id']);
    expect(foreignKeyStem('customerid')).toEqual(['customer']);
    expect(foreignKeyStem('CUSTOMER_ID')).toEqual(['customer']);
    expect(foreignKeyStem('id')).toBeNull();
    expect(foreignKeyStem('paid')).toBeNull();
    expect(foreignKeyStem('customer_uuid')).toBeNull();
  });

  it('links <x>_id, <x>Id and <x>id to a table named x, xs, xes or x-ies', () => {
    const tables = [
      table('customers', ['id', 'name*']),
      table('Categories', ['id', 'label']),
      table('addresses', ['id', 'street*']),
      table('person', ['id', 'name*']),
      table('orders', ['id', 'customer_id', 'categoryId', 'AddressID', 'personid', 'paid']),
    ];
    expect(links(proposeReferences(tables))).toEqual([
      'orders.customer_id->customers.id:fk-name',
      'orders.categoryId->Categories.id:fk-name',
      'orders.AddressID->addresses.id:fk-name',
      'orders.personid->person.id:fk-name',
    ]);
  });

  it('matches multi-word stems and, failing them, their trailing words', () => {
    const tables = [table('order_lines', ['id', 'sku']), table('customers', ['id']), table('refunds', ['id', 'orderLineId', 'billing_customer_id'])];
    expect(links(proposeReferences(tables))).toEqual(['refunds.orderLineId->order_lines.id:fk-name', 'refunds.billing_customer_id->customers.id:fk-name-suffix']);
  });

  it('links a non-generic column to the table whose single-column key has its name', () => {
    const tables = [table('customers', ['customer_uuid', 'name*'], { pk: ['customer_uuid'] }), table('orders', ['id', 'customer_uuid', 'code']), table('coupons', ['code', 'value'], { pk: ['code'] })];
    expect(links(proposeReferences(tables))).toEqual(['orders.customer_uuid->customers.customer_uuid:same-name-key']);
  });

  it('needs a single-column key of the same type kind in a probeable table of the same system', () => {
    const tables = [
      table('orders', ['order_id', 'line_no'], { pk: ['order_id', 'line_no'] }),
      table('shipments', ['id', 'order_id', 'user_id', 'client_id', 'account_id']),
      { ...table('users', ['id']), columns: [{ name: 'id', kindOfType: 'text' as const, personal: false }] },
      table('clients', ['id'], { kind: 'view' }),
      table(ref('accounts', 'public', 'other-system'), ['id']),
    ];
    expect(proposeReferences(tables)).toEqual([]);
  });

  it('prefers a parent in the child’s schema, and takes one elsewhere only when it is the only one', () => {
    const tables = [table(ref('customers', 'crm'), ['id']), table(ref('customers', 'app'), ['id']), table(ref('orders', 'app'), ['id', 'customer_id']), table(ref('tickets', 'support'), ['id', 'customer_id'])];
    const found = proposeReferences(tables);
    expect(found.map((c) => `${c.from.table.schema}.${c.from.table.table}->${c.to.table.schema}.${c.to.table.table}`)).toEqual(['app.orders->app.customers']);
  });

  it('joins tables holding the same identity kind', () => {
    const tables = [table('customers', ['id', 'email=email']), table('newsletter', ['id', 'address=email']), table('sms', ['id', 'to=phone_number'])];
    expect(proposeReferences(tables)).toEqual([{ from: { table: ref('customers'), columns: ['email'] }, to: { table: ref('newsletter'), columns: ['address'] }, nameRule: 'identity', join: 'identity' }]);
  });

  it('proposes nothing a declared or introspected edge already covers, nor links already known', () => {
    const tables = [table('customers', ['id']), table('clients', ['id']), table('orders', ['id', 'customer_id', 'client_id'])];
    const introspected = edge('orders', ['customer_id'], 'clients', ['id']);
    const rejected = edge('orders', ['client_id'], 'clients', ['id'], { origin: 'inferred', status: 'rejected', confidence: 0.95 });
    expect(links(proposeReferences(tables))).toHaveLength(2);
    expect(proposeReferences(tables, [introspected, rejected])).toEqual([]);
  });
});

describe('scoreReference', () => {
  it('is high only for near-total containment on a meaningful sample', () => {
    const rule = { nameRule: 'fk-name' as const };
    expect(scoreReference(rule, { sampled: 1000, contained: 1000 }).confidence).toBeGreaterThanOrEqual(0.99);
    expect(scoreReference(rule, { sampled: 500, contained: 497 }).confidence).toBeGreaterThanOrEqual(0.9);
    expect(scoreReference(rule, { sampled: 20, contained: 20 }).confidence).toBeLessThan(0.9);
    expect(scoreReference(rule, { sampled: 1000, contained: 940 }).confidence).toBeLessThan(0.9);
    expect(scoreReference(rule, { sampled: 0, contained: 0 })).toEqual({ confidence: 0, evidence: { nameRule: 'fk-name', sampled: 0, contained: 0, ratio: 0 } });
    expect(scoreReference({ nameRule: 'none' }, { sampled: 10_000, contained: 10_000 }).confidence).toBeLessThan(0.9);
    expect(scoreReference(rule, { sampled: 200, contained: 150 }).evidence).toEqual({ nameRule: 'fk-name', sampled: 200, contained: 150, ratio: 0.75 });
  });
});

describe('inferReferences', () => {
  const tables: GraphTable[] = [
    table('customers', ['id', 'email=email']),
    table('orders', ['id', 'customer_id']),
    table('order_lines', ['id', 'order_id', 'note*']),
    table('reviews', ['id', 'order_line_id', 'text*']),
    table('tickets', ['id', 'customer_id', 'body*']),
  ];

  it('probes each candidate with at most four at once and scores what it finds', async () => {
    let running = 0;
    let peak = 0;
    const calls: string[] = [];
    const probe: ContainmentProbe = async (child, parent, size) => {
      running++;
      peak = Math.max(peak, running);
      calls.push(`${child[0]!.table}.${child[0]!.column}->${parent[0]!.table}.${parent[0]!.column}@${size}`);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (child[0]!.table === 'tickets') throw new Error('permission denied for table tickets');
      return child[0]!.table === 'reviews' ? { sampled: 300, contained: 120 } : { sampled: 800, contained: 800 };
    };
    const extra = Array.from({ length: 6 }, (_, i) => table(`t${i}`, ['id', 'customer_id']));
    const result = await inferReferences([...tables, ...extra], probe, { sampleSize: 500 });
    expect(peak).toBe(4);
    expect(calls).toContain('orders.customer_id->customers.id@500');
    expect(result.failed.map((f) => [f.candidate.from.table.table, f.message])).toEqual([['tickets', 'permission denied for table tickets']]);
    const reviews = result.edges.find((e) => e.from.table.table === 'reviews')!;
    expect(reviews).toMatchObject({ origin: 'inferred', status: 'active', join: 'key', evidence: { nameRule: 'fk-name', sampled: 300, contained: 120, ratio: 0.4 } });
    expect(reviews.confidence).toBeLessThan(0.9);

    const graph = buildIdentityGraph(tables, result.edges);
    expect(graph.reachable.map((r) => r.table.table)).toEqual(['customers', 'orders', 'order_lines']);
    expect(graph.unreachable.map(tableKey)).toEqual([tableKey(ref('reviews')), tableKey(ref('tickets'))]);
    expect(graph.edgesListedForReview.map((s) => s.edge)).toEqual([reviews]);
  });
});
