/**
 * Which columns identify a data subject. A column's identity kind is declared (by a person or a
 * fides `identity:`), or follows from the entity the scanner detected in its values.
 */
import { entityDefinition } from '../../discovery/detect/entities.js';
import type { GraphTable, IdentityField, IdentityKind } from './types.js';

const BY_ENTITY: Readonly<Record<string, IdentityKind>> = {
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone_number',
  MAC_ADDRESS: 'device_id',
  // Not detected by the built-in catalogue, but custom detectors and other tools use these names.
  DEVICE_ID: 'device_id',
  IMEI: 'device_id',
  IDFA: 'device_id',
  ADVERTISING_ID: 'device_id',
  ACCOUNT_ID: 'account_id',
  USER_ID: 'account_id',
  NATIONAL_ID: 'national_id',
};

/** Categories whose entities are identities, so new national-id detectors need no change here. */
const BY_CATEGORY: Readonly<Record<string, IdentityKind>> = {
  'user.government_id.national_identification_number': 'national_id',
  'user.device.device_id': 'device_id',
};

/** The identity kind an entity type stands for, or null when values of it do not identify a person. */
export function identityKindForEntity(entity: string): IdentityKind | null {
  const direct = BY_ENTITY[entity];
  if (direct) return direct;
  const category = entityDefinition(entity)?.category;
  return (category && BY_CATEGORY[category]) || null;
}

/**
 * Identity fields of the given tables, optionally only of some kinds. Views are skipped unless
 * asked for: they repeat rows stored elsewhere.
 */
export function identityFields(tables: readonly GraphTable[], options: { kinds?: readonly string[]; includeViews?: boolean } = {}): IdentityField[] {
  const kinds = options.kinds ? new Set(options.kinds) : null;
  const fields: IdentityField[] = [];
  for (const table of tables) {
    if (table.kind === 'view' && !options.includeViews) continue;
    for (const column of table.columns) {
      if (column.identity && (!kinds || kinds.has(column.identity))) fields.push({ ...table.ref, column: column.name, kind: column.identity });
    }
  }
  return fields;
}

export function isPersonal(table: GraphTable): boolean {
  return table.columns.some((c) => c.personal || c.identity !== undefined);
}
