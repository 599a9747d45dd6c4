/**
 * Privacy as code against the real map: export the map as manifests, plan what a manifest folder
 * would change, and apply it in one transaction through the same service calls the API uses, so a
 * manifest is validated and audited exactly like a change in the console.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import type { Database, Executor } from '../db/database.js';
import { gradeCategory } from '../discovery/grading/grading.js';
import { CustosError } from '../lib/errors.js';
import type { SystemsService } from '../systems/systems.service.js';
import * as repo from './datamap.repository.js';
import type { MapState } from './datamap.types.js';
import { identityOf } from './map.js';
import type { DatamapService } from './datamap.service.js';
import { applyChanges, exportFidesDatasets, exportFidesSystems, formatPlan, importFidesDatasets, importFidesSystems, parseManifests, planChanges, readManifests, renderManifests, writeManifests, type Change, type DesiredState, type ManifestTarget } from './manifests/index.js';

export interface ManifestServiceDeps {
  db: Kysely<Database>;
  audit: Pick<AuditService, 'record'>;
  systems: Pick<SystemsService, 'updateDetails'>;
  datamap: DatamapService;
}

export type ManifestService = ReturnType<typeof createManifestService>;

export function createManifestService({ db, audit, systems, datamap }: ManifestServiceDeps) {
  async function systemId(tx: Executor, name: string): Promise<string> {
    const id = (await repo.listSystemIds(tx)).get(name);
    if (!id) throw new CustosError('VALIDATION_FAILED', `no system named ${name}`);
    return id;
  }

  /** Every call runs in `tx` and is audited under `context`. */
  function targetFor(tx: Executor, context: AuditContext): ManifestTarget {
    return {
      setOrganisation: async (organisation) => void (await datamap.setOrganisation(context, organisation, tx)),
      upsertTaxonomy: async (entry) => void (await datamap.extendTaxonomy(context, entry, tx)),
      deleteTaxonomy: async (entry) => {
        await repo.deleteTaxonomyEntry(tx, entry.kind, entry.key);
        await audit.record(tx, context, { action: 'taxonomy.delete', target: { type: 'taxonomy', id: null }, details: { kind: entry.kind, key: entry.key } });
      },
      upsertSystem: async (name, details) => {
        let id = (await repo.listSystemIds(tx)).get(name);
        if (!id) {
          id = randomUUID();
          // A system a manifest names but nobody connected: a vendor service, a file store, a manual system.
          await tx.insertInto('systems').values({ id, name, description: '', engine: 'none', connection: '', origin: 'code', stats: '{}', updated_at: new Date() }).execute();
          await audit.record(tx, context, { action: 'system.register', target: { type: 'system', id }, details: { name, engine: 'none', origin: 'code' } });
        }
        if (Object.keys(details).length) await systems.updateDetails(context, id, details, tx);
      },
      upsertTable: async (system, table) => {
        const id = await systemId(tx, system);
        await repo.upsertMapTable(tx, id, { schema: table.schema, table: table.table, kind: table.kind, rowEstimate: table.rowEstimate, primaryKey: table.primaryKey, columns: table.columns, origin: 'code' });
      },
      deleteTable: async (at) => repo.deleteCodeTable(tx, await systemId(tx, at.system), at.schema, at.table),
      setField: async (at, field) => {
        const id = await systemId(tx, at.system);
        await repo.setCodeField(tx, { systemId: id, schema: at.schema, table: at.table }, { ...field, level: field.category ? gradeCategory(field.category).level : null });
      },
      deleteField: async (at, column) => repo.clearCodeField(tx, { systemId: await systemId(tx, at.system), schema: at.schema, table: at.table }, column),
      declareReference: async (reference) => void (await datamap.declareReference(context, reference, tx)),
      deleteReference: async (reference) => {
        const from = { systemId: await systemId(tx, reference.from.system), schema: reference.from.schema, table: reference.from.table, columns: reference.from.columns };
        const to = { systemId: await systemId(tx, reference.to.system), schema: reference.to.schema, table: reference.to.table, columns: reference.to.columns };
        await repo.deleteDeclaredReference(tx, from, to);
      },
      saveActivity: async (activity) => void (await datamap.saveActivity(context, activity, { origin: 'code', tx })),
      deleteActivity: async (key) => datamap.deleteActivity(context, key, tx),
    };
  }

  /**
   * The map as manifests see it: an identity the scanner implies (an e-mail column) is written
   * out, so a store built from the manifests alone reaches the same tables.
   */
  async function manifestState(): Promise<MapState> {
    const state = await datamap.getState();
    return { ...state, fields: state.fields.map((f) => ({ ...f, identity: identityOf(f) })) };
  }

  async function exportTo(dir: string) {
    return writeManifests(dir, renderManifests(await manifestState()));
  }

  async function plan(desired: DesiredState, options: { prune?: boolean } = {}): Promise<Change[]> {
    return planChanges(await manifestState(), desired, options);
  }

  /**
   * Applies in one transaction: either every change lands or none. A dry run checks activities
   * against the taxonomy, the law tables and the systems too, so it fails where apply would.
   */
  async function apply(context: AuditContext, desired: DesiredState, options: { prune?: boolean; dryRun?: boolean; source?: string } = {}) {
    const changes = await plan(desired, options);
    if (options.dryRun) {
      const known = new Set([...(await repo.listSystemIds(db)).keys(), ...desired.systems.map((s) => s.name)]);
      for (const change of changes) {
        if (change.kind !== 'activity' || change.action === 'delete') continue;
        const unknown = change.activity.systems.filter((s) => !known.has(s));
        if (unknown.length) throw new CustosError('VALIDATION_FAILED', `activity ${change.activity.key}: no system named ${unknown[0]}`);
        await datamap.checkActivity({ ...change.activity, systems: [] });
      }
      return { changes, applied: 0, text: formatPlan(changes) };
    }
    const result = await db.transaction().execute(async (tx) => {
      const applied = await applyChanges(changes, targetFor(tx, context));
      await audit.record(tx, context, { action: 'manifests.apply', target: { type: 'map', id: null }, details: { source: options.source ?? 'manifests', changes: changes.length, prune: options.prune ?? false } });
      return applied;
    });
    return { changes, applied: result.applied, text: formatPlan(changes) };
  }

  async function applyDir(context: AuditContext, dir: string, options: { prune?: boolean; dryRun?: boolean } = {}) {
    return apply(context, await readManifests(dir), { ...options, source: 'manifests' });
  }

  /** A Fides dataset file becomes fields, identities and references of one system. */
  async function importFidesDataset(context: AuditContext, yamlText: string, options: { system: string; schema?: string; dryRun?: boolean; file?: string }) {
    const imported = importFidesDatasets(yamlText, { system: options.system, ...(options.schema ? { schema: options.schema } : {}), ...(options.file ? { file: options.file } : {}) });
    const result = await apply(context, imported.desired, { ...(options.dryRun ? { dryRun: true } : {}), source: 'fides-dataset' });
    return { ...result, warnings: imported.warnings };
  }

  async function exportFidesDataset(system: string): Promise<string> {
    return exportFidesDatasets(await manifestState(), system);
  }

  /** Fides `system:` manifests: system details and their privacy declarations as activities. */
  async function importFidesSystem(context: AuditContext, yamlText: string, options: { dryRun?: boolean; file?: string } = {}) {
    const imported = importFidesSystems(yamlText, options.file ? { file: options.file } : {});
    const result = await apply(context, { taxonomy: [], systems: imported.systems, activities: imported.activities }, { ...(options.dryRun ? { dryRun: true } : {}), source: 'fides-system' });
    return { ...result, warnings: imported.warnings };
  }

  async function exportFidesSystem(): Promise<string> {
    return exportFidesSystems(await manifestState());
  }

  /** The manifests as files in memory (the API hands them out as JSON). */
  async function exportFiles(): Promise<Record<string, string>> {
    return Object.fromEntries(renderManifests(await manifestState()));
  }

  async function applyFiles(context: AuditContext, files: Record<string, string>, options: { prune?: boolean; dryRun?: boolean } = {}) {
    return apply(context, parseManifests(new Map(Object.entries(files))), { ...options, source: 'api' });
  }

  return { exportTo, exportFiles, plan, apply, applyDir, applyFiles, importFidesDataset, exportFidesDataset, importFidesSystem, exportFidesSystem };
}
