/** Small pieces the data map tabs share: the sensitivity policy, category coverage, chips. */
import { Fragment } from 'react';
import { api, type SensitivityPolicy } from '../../api';
import { useApi } from '../../hooks';
import type { Activity, MapSystem, MapTable } from './types';

/** The policy gives the level names; the map still renders (with default names) without it. */
export function usePolicy(): SensitivityPolicy | undefined {
  return useApi((signal) => api.entities(signal)).data?.policy;
}

/** `user.contact.email` is covered by an activity that lists `user.contact` or `user.contact.email`. */
export function covers(activityCategory: string, category: string): boolean {
  return category === activityCategory || category.startsWith(`${activityCategory}.`);
}

/** Activities that cover a category held in a system: same rule as the CI gate. */
export function activitiesFor(activities: Activity[], system: string, category: string): Activity[] {
  return activities.filter((a) => (a.systems.length === 0 || a.systems.includes(system)) && a.dataCategories.some((c) => covers(c, category)));
}

export function tableName(table: Pick<MapTable, 'schema' | 'table'>): string {
  return table.schema ? `${table.schema}.${table.table}` : table.table;
}

export function tableKey(system: Pick<MapSystem, 'name'> | string, table: Pick<MapTable, 'schema' | 'table'>): string {
  return `${typeof system === 'string' ? system : system.name}/${tableName(table)}`;
}

/** Lets long dotted names (schema.table, user.contact.email) wrap at the dots and underscores. */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[._])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}

export function ChipList({ items, empty = 'none', max, testId }: { items: string[]; empty?: string; max?: number; testId?: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  const shown = max && items.length > max ? items.slice(0, max) : items;
  return (
    <span className="tag-list" data-testid={testId}>
      {shown.map((item) => (
        <code key={item} className="tag">
          {item}
        </code>
      ))}
      {shown.length < items.length ? <span className="muted small">+{items.length - shown.length} more</span> : null}
    </span>
  );
}
