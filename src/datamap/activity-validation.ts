/**
 * What makes an activity unsavable: names that do not exist (a taxonomy key, a jurisdiction, a
 * legal basis, a transfer mechanism). Missing facts (no basis yet, no retention) are allowed, so
 * a draft can be saved; `custos check` reports those.
 */
import { isValidLegalBasis, jurisdictions, transferMechanisms } from '../law/law.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import type { ActivityFields } from './datamap.schemas.js';

export interface Problem {
  field: string;
  message: string;
}

export function activityKeyProblems(activity: ActivityFields, taxonomy: Taxonomy): Problem[] {
  const problems: Problem[] = [];
  const lists = [
    ['dataCategories', activity.dataCategories, 'data_category'],
    ['dataUses', activity.dataUses, 'data_use'],
    ['dataSubjects', activity.dataSubjects, 'data_subject'],
  ] as const;
  for (const [field, keys, kind] of lists) {
    keys.forEach((key, i) => {
      if (taxonomy.get(key)?.kind !== kind) problems.push({ field: `${field}.${i}`, message: `${key} is not a ${kind.replace('_', ' ')} in the taxonomy` });
    });
  }
  const known = new Set(jurisdictions().map((j) => j.id));
  activity.legalBases.forEach((basis, i) => {
    if (!known.has(basis.jurisdiction)) {
      problems.push({ field: `legalBases.${i}.jurisdiction`, message: `unknown jurisdiction ${basis.jurisdiction}; known: ${[...known].join(', ')}` });
      return;
    }
    if (!isValidLegalBasis(basis.jurisdiction, basis.basis)) problems.push({ field: `legalBases.${i}.basis`, message: `${basis.basis} is not a ${basis.jurisdiction} legal basis` });
    if (basis.specialCondition && !isValidLegalBasis(basis.jurisdiction, basis.specialCondition, { special: true })) {
      problems.push({ field: `legalBases.${i}.specialCondition`, message: `${basis.specialCondition} is not a ${basis.jurisdiction} special-category condition` });
    }
  });
  activity.transfers.forEach((transfer, i) => {
    if (!known.has(transfer.jurisdiction)) {
      problems.push({ field: `transfers.${i}.jurisdiction`, message: `unknown jurisdiction ${transfer.jurisdiction}` });
      return;
    }
    const mechanisms = transferMechanisms(transfer.jurisdiction).map((m) => m.id);
    if (transfer.mechanism && !mechanisms.includes(transfer.mechanism)) problems.push({ field: `transfers.${i}.mechanism`, message: `${transfer.mechanism} is not a ${transfer.jurisdiction} transfer mechanism; known: ${mechanisms.join(', ') || 'none'}` });
  });
  return problems;
}
