/**
 * Drift: what a re-scan found that the map did not hold before. Pure, so the rules are tested
 * without a database: a new table, a personal-data column where there was none, a category the
 * system never held, or a scanner category that changed under a column no person has decided.
 */
import type { TableFinding } from '../discovery/discovery.types.js';

export type DriftKind = 'new_table' | 'new_personal_column' | 'new_category' | 'category_changed';

export interface KnownField {
  column: string;
  category: string | null;
  /** A person confirmed or rejected it: the scanner's view no longer moves it. */
  decided: boolean;
}

export interface DriftItem {
  kind: DriftKind;
  column: string | null;
  category: string | null;
  previousCategory: string | null;
  level: string | null;
}

export interface TableDriftInput {
  /** Whether the map already held this table before the scan. */
  known: boolean;
  previous: KnownField[];
  /** Categories the system's other fields already hold; updated as new ones are found. */
  systemCategories: Set<string>;
  finding: TableFinding;
}

export function compareTable({ known, previous, systemCategories, finding }: TableDriftInput): DriftItem[] {
  const items: DriftItem[] = [];
  if (!known) items.push({ kind: 'new_table', column: null, category: null, previousCategory: null, level: finding.level });
  const before = new Map(previous.map((f) => [f.column, f]));
  for (const column of finding.columns) {
    if (!column.entity || !column.category) continue;
    const prev = before.get(column.column);
    if (prev?.decided) continue;
    const isNewCategory = !systemCategories.has(column.category);
    systemCategories.add(column.category);
    if (prev?.category && prev.category !== column.category) {
      items.push({ kind: 'category_changed', column: column.column, category: column.category, previousCategory: prev.category, level: column.level });
    } else if (!prev?.category) {
      items.push({ kind: isNewCategory ? 'new_category' : 'new_personal_column', column: column.column, category: column.category, previousCategory: null, level: column.level });
    }
  }
  return items;
}

/** `user.contact.email` is covered by `user.contact.email`, `user.contact` and `user` (fideslang's rule). */
export function categoryCoveredBy(category: string, by: string): boolean {
  return category === by || category.startsWith(`${by}.`);
}

export interface ActivityScope {
  key: string;
  systems: string[];
  dataCategories: string[];
}

/**
 * The activities a drift item puts up for review: those on the system (or on every system) that
 * cover its category; when none covers it (a category the records do not mention), every
 * activity on the system, since one of them now processes more than it declares.
 */
export function affectedActivities(activities: ActivityScope[], systemName: string, category: string | null): string[] {
  const onSystem = activities.filter((a) => a.systems.length === 0 || a.systems.includes(systemName));
  if (!category) return onSystem.filter((a) => a.systems.includes(systemName)).map((a) => a.key);
  const covering = onSystem.filter((a) => a.dataCategories.some((c) => categoryCoveredBy(category, c)));
  return (covering.length ? covering : onSystem.filter((a) => a.systems.includes(systemName))).map((a) => a.key);
}
