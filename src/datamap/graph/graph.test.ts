import { describe, expect, it } from 'vitest';
import { col, edge, ref, table } from './fixtures.test-support.js';
import { buildIdentityGraph, foreignKeyEdges, graphTableFromScan, identityKindForEntity, tableKey } from './index.js';
import type { IdentityGraph, TableRef } from './index.js';

function reached(graph: IdentityGraph, at: TableRef | string) {
  const key = tableKey(typeof at === 'string' ? ref(at) : at);
  return graph.reachable.find((r) => tableKey(r.table) === key);
}

function hops(graph: IdentityGraph, at: TableRef | string): string[] | undefined {
  return reached(graph, at)?.path.map((h) => `${h.from.table.table}(${h.from.columns.join(',')})->${h.to.table.table}(${h.to.columns.join(',')}):${h.origin}`);
}

const shop = [
  table('customers', ['id', 'email=email', 'name*']),
  table('orders', ['id', 'customer_id', 'total']),
  table('order_lines', ['id', 'order_id', 'sku']),
  table('refunds', ['id', 'order_line_id', 'reason*']),
];
const shopEdges = [edge('orders', ['customer_id'], 'customers', ['id']), edge('order_lines', ['order_id'], 'orders', ['id']), edge('refunds', ['order_line_id'], 'order_lines', ['id'])];

describe('buildIdentityGraph', () => {
  it('follows a multi-hop chain from the identity, against the edges’ direction', () => {
    const graph = buildIdentityGraph(shop, shopEdges);
    expect(graph.identities).toEqual([{ ...ref('customers'), column: 'email', kind: 'email' }]);
    expect(graph.reachable.map((r) => r.table.table)).toEqual(['customers', 'orders', 'order_lines', 'refunds']);
    expect(reached(graph, 'customers')!.path).toEqual([]);
    expect(hops(graph, 'refunds')).toEqual([
      'customers(id)->orders(customer_id):introspected',
      'orders(id)->order_lines(order_id):introspected',
      'order_lines(id)->refunds(order_line_id):introspected',
    ]);
    expect(reached(graph, 'refunds')!.path.every((h) => h.reversed)).toBe(true);
    expect(reached(graph, 'refunds')!.via).toEqual(graph.identities);
    expect(graph.unreachable).toEqual([]);
    expect(graph.edgesUsed).toHaveLength(3);
  });

  it('follows edges from child to parent too', () => {
    const tables = [table('customers', ['id', 'name*']), table('orders', ['id', 'customer_id', 'contact_email=email'])];
    const graph = buildIdentityGraph(tables, [edge('orders', ['customer_id'], 'customers', ['id'])]);
    expect(hops(graph, 'customers')).toEqual(['orders(customer_id)->customers(id):introspected']);
    expect(reached(graph, 'customers')!.path[0]!.reversed).toBe(false);
  });

  it('matches composite keys column by column and refuses malformed ones', () => {
    const tables = [
      table('customers', ['id', 'email=email']),
      table('orders', ['id', 'customer_id']),
      table('order_lines', ['order_id', 'line_no', 'sku'], { pk: ['order_id', 'line_no'] }),
      table('shipments', ['id', 'order_id', 'line_no', 'address*']),
    ];
    const composite = edge('shipments', ['order_id', 'line_no'], 'order_lines', ['order_id', 'line_no']);
    const mismatch = edge('shipments', ['order_id'], 'order_lines', ['order_id', 'line_no']);
    const unknown = edge('shipments', ['order_id', 'nope'], 'order_lines', ['order_id', 'line_no']);
    const graph = buildIdentityGraph(tables, [edge('orders', ['customer_id'], 'customers', ['id']), edge('order_lines', ['order_id'], 'orders', ['id']), composite, mismatch, unknown]);
    expect(hops(graph, 'shipments')).toEqual([
      'customers(id)->orders(customer_id):introspected',
      'orders(id)->order_lines(order_id):introspected',
      'order_lines(order_id,line_no)->shipments(order_id,line_no):introspected',
    ]);
    expect(graph.edgesIgnored.map((s) => s.reason)).toEqual(['column-mismatch', 'unknown-column']);
  });

  it('ends on cycles with the shortest path to each table', () => {
    const tables = [table('a', ['id', 'email=email', 'c_id']), table('b', ['id', 'a_id', 'x*']), table('c', ['id', 'b_id', 'y*'])];
    const graph = buildIdentityGraph(tables, [edge('b', ['a_id'], 'a', ['id']), edge('c', ['b_id'], 'b', ['id']), edge('a', ['c_id'], 'c', ['id'])]);
    expect(graph.reachable.map((r) => [r.table.table, r.path.length])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 1],
    ]);
    expect(hops(graph, 'c')).toEqual(['a(c_id)->c(id):introspected']);
    expect(graph.edgesUsed).toHaveLength(3);
  });

  it('handles self-references and keeps them among the edges to follow', () => {
    const tables = [table('employees', ['id', 'email=email', 'manager_id']), table('reviews', ['id', 'employee_id', 'text*'])];
    const self = edge('employees', ['manager_id'], 'employees', ['id']);
    const graph = buildIdentityGraph(tables, [self, edge('reviews', ['employee_id'], 'employees', ['id'])]);
    expect(reached(graph, 'employees')!.path).toEqual([]);
    expect(hops(graph, 'reviews')).toEqual(['employees(id)->reviews(employee_id):introspected']);
    expect(graph.edgesUsed).toContain(self);
  });

  it('follows declared edges across systems and keeps same-named tables of different systems apart', () => {
    const crm = ref('customers', 'public', 'crm');
    const billing = ref('customers', 'public', 'billing');
    const tables = [table(crm, ['id', 'email=email']), table(billing, ['id', 'crm_ref', 'iban*']), table(ref('invoices', 'public', 'billing'), ['id', 'customer_id', 'amount*'])];
    const graph = buildIdentityGraph(tables, [
      edge(billing, ['crm_ref'], crm, ['id'], { origin: 'declared' }),
      edge(ref('invoices', 'public', 'billing'), ['customer_id'], billing, ['id']),
    ]);
    expect(reached(graph, billing)!.path[0]).toMatchObject({ origin: 'declared', from: { table: crm }, to: { table: billing } });
    expect(reached(graph, ref('invoices', 'public', 'billing'))!.path).toHaveLength(2);
    expect(tableKey(crm)).not.toBe(tableKey(billing));
  });

  it('keeps tables of the same name in different schemas apart', () => {
    const tables = [table(ref('users', 'app'), ['id', 'email=email']), table(ref('users', 'audit'), ['id', 'ip*']), table(ref('logins', 'audit'), ['id', 'user_id', 'ip*'])];
    const graph = buildIdentityGraph(tables, [edge(ref('logins', 'audit'), ['user_id'], ref('users', 'app'), ['id'])]);
    expect(reached(graph, ref('logins', 'audit'))!.path).toHaveLength(1);
    expect(graph.unreachable).toEqual([ref('users', 'audit')]);
  });

  it('in strict mode follows introspected and declared edges, not inferred ones', () => {
    const inferred = edge('refunds', ['order_line_id'], 'order_lines', ['id'], { origin: 'inferred', confidence: 0.97 });
    const edges = [...shopEdges.slice(0, 2), inferred];
    expect(reached(buildIdentityGraph(shop, edges), 'refunds')).toBeDefined();
    const strict = buildIdentityGraph(shop, edges, { strictReferences: true });
    expect(reached(strict, 'refunds')).toBeUndefined();
    expect(strict.unreachable).toEqual([ref('refunds')]);
    expect(strict.edgesListedForReview).toEqual([{ edge: inferred, reason: 'strict' }]);
  });

  it('never uses a rejected edge, whatever origin or orientation proposes the link again', () => {
    const rejected = edge('refunds', ['order_line_id'], 'order_lines', ['id'], { origin: 'inferred', confidence: 0.99, status: 'rejected' });
    const again = edge('order_lines', ['id'], 'refunds', ['order_line_id'], { origin: 'declared' });
    const graph = buildIdentityGraph(shop, [...shopEdges.slice(0, 2), rejected, again]);
    expect(reached(graph, 'refunds')).toBeUndefined();
    expect(graph.edgesIgnored).toEqual([
      { edge: rejected, reason: 'rejected' },
      { edge: again, reason: 'rejected' },
    ]);
    expect(graph.edgesUsed).not.toContain(again);
  });

  it('lists low-confidence inferred edges for review without following them', () => {
    const weak = edge('refunds', ['order_line_id'], 'order_lines', ['id'], { origin: 'inferred', confidence: 0.7 });
    const graph = buildIdentityGraph(shop, [...shopEdges.slice(0, 2), weak]);
    expect(reached(graph, 'refunds')).toBeUndefined();
    expect(graph.unreachable).toEqual([ref('refunds')]);
    expect(graph.edgesListedForReview).toEqual([{ edge: weak, reason: 'low-confidence' }]);
    expect(reached(buildIdentityGraph(shop, [...shopEdges.slice(0, 2), weak], { minConfidence: 0.6 }), 'refunds')).toBeDefined();
  });

  it('flags personal tables no identity reaches, and only personal ones', () => {
    const tables = [...shop, table('visitors', ['id', 'ip*']), table('currencies', ['id', 'code'])];
    const graph = buildIdentityGraph(tables, shopEdges);
    expect(graph.unreachable).toEqual([ref('visitors')]);
  });

  it('reaches a personal table through a link table holding no personal data', () => {
    const tables = [table('accounts', ['id', 'email=email']), table('account_devices', ['account_id', 'device_ref'], { pk: ['account_id', 'device_ref'] }), table('devices', ['device_ref', 'last_ip*'], { pk: ['device_ref'] })];
    const graph = buildIdentityGraph(tables, [edge('account_devices', ['account_id'], 'accounts', ['id']), edge('account_devices', ['device_ref'], 'devices', ['device_ref'])]);
    expect(reached(graph, 'account_devices')).toMatchObject({ personal: false });
    expect(reached(graph, 'devices')).toMatchObject({ personal: true });
    expect(hops(graph, 'devices')).toHaveLength(2);
    expect(graph.unreachable).toEqual([]);
  });

  it('prefers fewer hops, then declared over introspected over inferred', () => {
    const tables = [table('people', ['id', 'email=email']), table('x', ['id', 'person_id', 'p2']), table('y', ['id', 'person_id', 'p2']), table('notes', ['id', 'x_id', 'y_id', 'text*'])];
    const byX = edge('notes', ['x_id'], 'x', ['id']);
    const byY = edge('notes', ['y_id'], 'y', ['id'], { origin: 'declared' });
    const base = [edge('x', ['person_id'], 'people', ['id']), edge('y', ['person_id'], 'people', ['id'])];
    expect(hops(buildIdentityGraph(tables, [...base, byX, byY]), 'notes')![1]).toBe('y(id)->notes(y_id):declared');
    const inferredY = { ...byY, origin: 'inferred' as const, confidence: 0.95 };
    expect(hops(buildIdentityGraph(tables, [...base, inferredY, byX]), 'notes')![1]).toBe('x(id)->notes(x_id):introspected');
    // One inferred hop beats two declared ones: hops come first.
    const direct = edge('notes', ['id'], 'people', ['id'], { origin: 'inferred', confidence: 0.95 });
    expect(hops(buildIdentityGraph(tables, [...base, byX, byY, direct]), 'notes')).toEqual(['people(id)->notes(id):inferred']);
  });

  it('keeps one of two edges over the same link, the better origin', () => {
    const declared = edge('orders', ['customer_id'], 'customers', ['id'], { origin: 'declared' });
    const graph = buildIdentityGraph(shop, [...shopEdges, declared]);
    expect(graph.edgesIgnored).toEqual([{ edge: shopEdges[0], reason: 'duplicate' }]);
    expect(hops(graph, 'orders')).toEqual(['customers(id)->orders(customer_id):declared']);
  });

  it('leaves views out by default and lists them, untraversed, with includeViews', () => {
    const tables = [...shop, table('order_view', ['id', 'customer_id', 'email=email'], { kind: 'view' }), table('view_notes', ['id', 'order_view_id', 'text*'])];
    const edges = [...shopEdges, edge('order_view', ['customer_id'], 'customers', ['id']), edge('view_notes', ['order_view_id'], 'order_view', ['id'])];
    const plain = buildIdentityGraph(tables, edges);
    expect(reached(plain, 'order_view')).toBeUndefined();
    expect(plain.identities.map((i) => i.table)).toEqual(['customers']);
    expect(plain.edgesIgnored.map((s) => s.reason)).toEqual(['view', 'view']);
    expect(plain.unreachable).toEqual([ref('view_notes')]);

    const withViews = buildIdentityGraph(tables, edges, { includeViews: true });
    expect(reached(withViews, 'order_view')).toMatchObject({ kind: 'view', path: [] });
    // Nothing is reached through a view: its rows are copies of rows stored elsewhere.
    expect(reached(withViews, 'view_notes')).toBeUndefined();
  });

  it('treats a partitioned table as one table', () => {
    const tables = [table('customers', ['id', 'email=email']), table('events', ['id', 'customer_id', 'ip*'], { kind: 'partitioned' })];
    const graph = buildIdentityGraph(tables, [edge('events', ['customer_id'], 'customers', ['id'])]);
    expect(graph.reachable.filter((r) => r.table.table === 'events')).toEqual([expect.objectContaining({ kind: 'partitioned' })]);
  });

  it('starts only from the identity kinds asked for', () => {
    const tables = [table('customers', ['id', 'email=email']), table('phones', ['id', 'customer_id', 'number=phone_number']), table('carts', ['id', 'customer_id', 'items*'])];
    const edges = [edge('phones', ['customer_id'], 'customers', ['id']), edge('carts', ['customer_id'], 'customers', ['id'])];
    const graph = buildIdentityGraph(tables, edges, { identityKinds: ['phone_number'] });
    expect(graph.identities.map((i) => i.column)).toEqual(['number']);
    expect(hops(graph, 'carts')).toEqual(['phones(customer_id)->customers(id):introspected', 'customers(id)->carts(customer_id):introspected']);
    expect(buildIdentityGraph(tables, edges, { identityKinds: ['national_id'] }).unreachable).toHaveLength(3);
  });

  it('ignores edges to tables it was not given', () => {
    const graph = buildIdentityGraph(shop, [...shopEdges, edge('orders', ['id'], 'ghosts', ['id'])]);
    expect(graph.edgesIgnored.map((s) => s.reason)).toEqual(['unknown-table']);
  });
});

describe('identity kinds and scan input', () => {
  it('derives identity kinds from detected entities', () => {
    const expected = { EMAIL_ADDRESS: 'email', PHONE_NUMBER: 'phone_number', US_SSN: 'national_id', IN_AADHAAR: 'national_id', MAC_ADDRESS: 'device_id', PERSON: null, CREDIT_CARD: null };
    expect(Object.fromEntries(Object.keys(expected).map((entity) => [entity, identityKindForEntity(entity)]))).toEqual(expected);
  });

  it('turns a table finding into a graph table and its foreign keys into introspected edges', () => {
    const finding = {
      schema: 'app',
      table: 'orders',
      kind: 'table' as const,
      primaryKey: ['id'],
      foreignKeys: [{ name: 'fk', columns: ['customer_id'], refSchema: 'app', refTable: 'customers', refColumns: ['id'] }],
      columns: [
        { column: 'id', kind: 'number' as const, entity: null, category: null },
        { column: 'contact', kind: 'text' as const, entity: 'EMAIL_ADDRESS', category: 'user.contact.email' },
        { column: 'member_no', kind: 'text' as const, entity: null, category: null },
        { column: 'customer_id', kind: 'number' as const, entity: null, category: null },
      ],
    };
    const graphTable = graphTableFromScan('shop', finding, { member_no: 'account_id' });
    expect(graphTable.columns).toEqual([
      col('id'),
      { name: 'contact', kindOfType: 'text', personal: true, identity: 'email', category: 'user.contact.email' },
      { name: 'member_no', kindOfType: 'text', personal: true, identity: 'account_id' },
      col('customer_id'),
    ]);
    expect(foreignKeyEdges('shop', finding)).toEqual([edge(ref('orders', 'app'), ['customer_id'], ref('customers', 'app'), ['id'], { join: 'key' })]);
  });

  it('gives every table a key no name can forge', () => {
    expect(tableKey({ system: 's', schema: 'a/b', table: 'c' })).not.toBe(tableKey({ system: 's', schema: 'a', table: 'b/c' }));
    expect(tableKey(ref('orders'))).toBe('shop/public/orders');
  });
});
