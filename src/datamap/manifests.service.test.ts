/**
 * Privacy as code against real stores: the demo shop scanned in PostgreSQL, its map exported,
 * applied to an empty store (PostgreSQL as the store this time) and exported again byte for byte;
 * the example manifests making the CI gate pass; a Fides dataset imported with its categories,
 * identities and references.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDemo } from '../demo/index.js';
import { createPostgresDatabase, type TestDatabase } from '../../test/support/databases.js';
import { startCustos, type RunningCustos } from '../../test/support/custos-server.js';

const ACTOR = { actor: { type: 'system' as const, id: null, name: 'test', role: null } };

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = path.join(sub, name);
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else files[rel] = readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return files;
}

describe('privacy as code on real stores', () => {
  let database: TestDatabase;
  let source: RunningCustos;
  let empty: RunningCustos;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-manifests-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    database = await createPostgresDatabase('custos_manifests');
    await provisionDemo({ kind: 'postgres', url: database.url }, { people: 200 });
    source = await startCustos({ store: 'pglite' });
    const system = await source.app.systems.upsertSystem(ACTOR, { name: 'demo-shop', description: 'the demo', engine: 'postgres', connection: 'shop', target: database.url, origin: 'user' });
    const scan = await source.app.discovery.requestScan(ACTOR, system.id, {}, { enqueue: false });
    expect((await source.app.discovery.runScan(scan.id)).status).toBe('completed');
    empty = await startCustos({ store: 'postgres' });
  });
  afterAll(async () => {
    await source?.close();
    await empty?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('fails the gate on the scanned demo, passes after the example manifests, and a second apply changes nothing', async () => {
    expect((await source.app.datamap.check()).ok).toBe(false);
    const dry = await source.app.manifests.applyDir(ACTOR, 'examples/privacy', { dryRun: true });
    expect(dry.applied).toBe(0);
    expect((await source.app.datamap.check()).ok).toBe(false);
    const applied = await source.app.manifests.applyDir(ACTOR, 'examples/privacy');
    expect(applied.applied).toBeGreaterThan(5);
    const check = await source.app.datamap.check();
    expect(check.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect((await source.app.manifests.applyDir(ACTOR, 'examples/privacy')).changes).toEqual([]);
  });

  it('round-trips: export → apply to an empty store → export gives identical manifests, and the graph still reaches every table', async () => {
    const first = tempDir();
    await source.app.manifests.exportTo(first);
    await empty.app.manifests.applyDir(ACTOR, first);
    const second = tempDir();
    await empty.app.manifests.exportTo(second);
    expect(readTree(second)).toEqual(readTree(first));
    expect(Object.keys(readTree(first))).toEqual(expect.arrayContaining(['organisation.yaml', path.join('systems', 'demo-shop.yaml'), path.join('activities', 'orders-and-payments.yaml')]));
    const graph = await empty.app.datamap.identityGraph({ identityKinds: ['email'] });
    expect(graph.unreachable).toEqual([]);
    expect((await empty.app.datamap.check()).violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect((await empty.app.manifests.applyDir(ACTOR, first)).changes).toEqual([]);
  });

  it('imports a Fides dataset with its categories, identity and references', async () => {
    const dataset = [
      'dataset:',
      '  - fides_key: crm',
      '    name: CRM',
      '    fides_meta: { namespace: { schema: sales } }',
      '    collections:',
      '      - name: contacts',
      '        fields:',
      '          - name: id',
      '            fides_meta: { primary_key: true, data_type: integer }',
      '          - name: mail',
      '            data_categories: [user.provided.identifiable.contact.email]',
      '            fidesops_meta: { identity: email, data_type: string }',
      '      - name: deals',
      '        fields:',
      '          - name: contact_id',
      '            fides_meta:',
      '              references: [{ dataset: crm, field: contacts.id, direction: to }]',
      '          - name: notes',
      '            data_categories: [user.content.private]',
    ].join('\n');
    const result = await empty.app.manifests.importFidesDataset(ACTOR, dataset, { system: 'crm' });
    expect(result.applied).toBeGreaterThan(0);
    const state = await empty.app.datamap.getState();
    expect(state.fields.find((f) => f.system === 'crm' && f.column === 'mail')).toMatchObject({ schema: 'sales', table: 'contacts', category: 'user.contact.email', identity: 'email', provenance: 'code' });
    expect(state.references.find((r) => r.from.system === 'crm')).toMatchObject({ from: { table: 'deals', columns: ['contact_id'] }, to: { table: 'contacts', columns: ['id'] }, origin: 'declared' });
    const graph = await empty.app.datamap.identityGraph();
    expect(graph.reachable.map((r) => `${r.table.system}:${r.table.table}`)).toEqual(expect.arrayContaining(['crm:contacts', 'crm:deals']));
    const exported = await empty.app.manifests.exportFidesDataset('crm');
    expect(exported).toContain('identity: email');
  });
});
