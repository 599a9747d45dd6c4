/** Applying a plan through the data map's ManifestTarget, change by change, in the plan's order. */
import { CustosError, isCustosError } from '../../lib/errors.js';
import type { Change, ManifestTarget } from './types.js';

export async function applyChanges(changes: readonly Change[], target: ManifestTarget): Promise<{ applied: number }> {
  let applied = 0;
  for (const change of changes) {
    try {
      await applyOne(change, target);
    } catch (err) {
      // Name the change that failed; the code (and so the HTTP status / exit code) stays the same.
      if (isCustosError(err)) throw new CustosError(err.code, `${change.action} ${change.summary}: ${err.message}`, { details: err.details, cause: err });
      throw err;
    }
    applied++;
  }
  return { applied };
}

async function applyOne(change: Change, target: ManifestTarget): Promise<void> {
  switch (change.kind) {
    case 'organisation':
      return target.setOrganisation(change.organisation);
    case 'taxonomy':
      return change.action === 'delete' ? target.deleteTaxonomy(change.entry) : target.upsertTaxonomy(change.entry);
    case 'system':
      return target.upsertSystem(change.name, change.details);
    case 'table':
      return change.action === 'delete' ? target.deleteTable(change.at) : target.upsertTable(change.system, change.table);
    case 'field':
      return change.action === 'delete' ? target.deleteField(change.at, change.column) : target.setField(change.at, change.field);
    case 'reference':
      return change.action === 'delete' ? target.deleteReference(change.reference) : target.declareReference(change.reference);
    case 'activity':
      return change.action === 'delete' ? target.deleteActivity(change.key) : target.saveActivity(change.activity);
  }
}
