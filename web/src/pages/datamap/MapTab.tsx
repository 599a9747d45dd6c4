/**
 * The map: systems → tables → fields, grouped by system with collapse/expand, searched and
 * filtered on the client, and a side panel that follows the selected table through its
 * categories to the activities, recipients and countries. Lists stay short for hundreds of tables:
 * systems collapse, and each shows its first tables with "show more".
 */
import { useMemo, useState } from 'react';
import { LEVELS, type Level, type SensitivityPolicy } from '../../api';
import { Badge } from '../../components/Badge';
import { EmptyState, Notice, RequestState } from '../../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { formatNumber, pluralise } from '../../format';
import type { AsyncResult } from '../../hooks';
import { LevelBadge, levelInfo, levelRank } from '../discovery/levels';
import { Breakable, tableKey, tableName, usePolicy } from './shared';
import { TablePanel } from './TablePanel';
import type { Activity, MapField, MapSystem, MapTable, MapView } from './types';

const PAGE = 40;

interface Filters {
  search: string;
  level: Level | '';
  prefix: string;
  unreachable: boolean;
  identity: boolean;
  personalOnly: boolean;
}

const EMPTY: Filters = { search: '', level: '', prefix: '', unreachable: false, identity: false, personalOnly: true };

interface ShownTable {
  table: MapTable;
  fields: MapField[];
  /** The search or a field filter matched inside: show the fields without a click. */
  open: boolean;
}

function fieldMatches(field: MapField, f: Filters, needle: string): boolean {
  if (f.level && field.level !== f.level) return false;
  if (f.prefix && !(field.category ?? '').startsWith(f.prefix)) return false;
  if (f.identity && !field.identity) return false;
  if (needle && !`${field.column} ${field.category ?? ''} ${field.entity ?? ''}`.toLowerCase().includes(needle)) return false;
  return true;
}

function filterTables(system: MapSystem, f: Filters): ShownTable[] {
  const needle = f.search.trim().toLowerCase();
  const fieldFilter = Boolean(f.level || f.prefix || f.identity);
  const shown: ShownTable[] = [];
  for (const table of system.tables) {
    if (f.unreachable && table.reachable) continue;
    if (f.personalOnly && table.fields.length === 0 && table.reachable) continue;
    const nameHit = !needle || tableName(table).toLowerCase().includes(needle);
    const fields = table.fields.filter((field) => fieldMatches(field, f, nameHit ? '' : needle));
    if (fieldFilter && fields.length === 0) continue;
    if (!nameHit && fields.length === 0) continue;
    shown.push({ table, fields: fieldFilter || !nameHit ? fields : table.fields, open: Boolean(needle && !nameHit) || fieldFilter });
  }
  return shown.sort((a, b) => Number(a.table.reachable) - Number(b.table.reachable) || levelRank(b.table.level) - levelRank(a.table.level) || tableName(a.table).localeCompare(tableName(b.table)));
}

/** Second-level category prefixes present on the map (user.contact, user.financial …). */
function prefixes(map: MapView): string[] {
  const set = new Set<string>();
  for (const c of map.categories) {
    const parts = c.category.split('.');
    set.add(parts.slice(0, Math.min(2, parts.length)).join('.'));
  }
  return [...set].sort();
}

function FieldRows({ system, table, fields, policy }: { system: string; table: MapTable; fields: MapField[]; policy: SensitivityPolicy | undefined }) {
  if (fields.length === 0) return <p className="muted small dm-fields-empty">No personal-data fields.</p>;
  return (
    <ul className="dm-fields">
      {fields.map((field) => (
        <li
          key={field.id}
          className="dm-field"
          data-testid="map-field"
          data-system={system}
          data-table={table.table}
          data-column={field.column}
          data-category={field.category ?? ''}
          data-level={field.level ?? ''}
        >
          <span className="dm-field-name">
            <span className="mono" title={field.dataType ? `Type: ${field.dataType}` : undefined}>
              <Breakable text={field.column} />
            </span>
            {field.identity ? (
              <Badge tone="accent" title="Identifies a data subject: subject requests start here">
                identity · {field.identity}
              </Badge>
            ) : null}
          </span>
          <span className="dm-field-category mono">{field.category ? <Breakable text={field.category} /> : <span className="muted">no category</span>}</span>
          <LevelBadge level={field.level} policy={policy} />
          <span className="dm-field-prov muted small" title="Where the category comes from">
            {field.provenance === 'human' ? 'reviewed' : field.provenance === 'code' ? 'manifest' : 'scanner'}
          </span>
        </li>
      ))}
    </ul>
  );
}

function TableRow({ system, shown, policy, selected, expanded, onSelect, onToggle }: {
  system: MapSystem;
  shown: ShownTable;
  policy: SensitivityPolicy | undefined;
  selected: boolean;
  expanded: boolean;
  onSelect: () => void;
  onToggle: () => void;
}) {
  const { table, fields } = shown;
  const categories = [...new Set(table.fields.map((f) => f.category).filter((c): c is string => Boolean(c)))];
  const open = expanded || shown.open;
  return (
    <li
      className={`dm-table${selected ? ' selected' : ''}${table.reachable ? '' : ' unreachable'}`}
      data-testid="map-table"
      data-system={system.name}
      data-table={table.table}
      data-level={table.level ?? ''}
      data-reachable={String(table.reachable)}
    >
      <div className="dm-table-head">
        <button type="button" className="btn btn-icon" aria-expanded={open} onClick={onToggle} data-testid="map-table-toggle" title={open ? 'Hide fields' : 'Show fields'}>
          <Icon name="chevron" size={16} className={open ? 'chevron-down' : undefined} />
          <span className="visually-hidden">Fields of {tableName(table)}</span>
        </button>
        <button type="button" className="dm-table-name" onClick={onSelect} aria-pressed={selected} data-testid="map-table-select">
          <span className="mono">
            <Breakable text={tableName(table)} />
          </span>
          <span className="muted small">
            {pluralise(table.fields.length, 'field')}
            {table.rowEstimate ? ` · ~${formatNumber(table.rowEstimate)} rows` : ''}
          </span>
        </button>
        <span className="dm-table-cats">
          {categories.slice(0, 3).map((c) => (
            <code key={c} className="tag">
              {c.replace(/^user\./, '')}
            </code>
          ))}
          {categories.length > 3 ? <span className="muted small">+{categories.length - 3}</span> : null}
        </span>
        <span className="dm-table-reach">
          {!table.reachable ? (
            <Badge tone="danger" title="No identity reaches this table: a subject request could not find its rows">
              Unreachable
            </Badge>
          ) : table.path.length === 0 ? (
            <Badge tone="accent" title="Holds an identity field">Identity</Badge>
          ) : (
            <span className="muted small" title={table.path.join('\n')}>
              {pluralise(table.path.length, 'hop')}
            </span>
          )}
        </span>
        <LevelBadge level={table.level} policy={policy} />
      </div>
      {open ? <FieldRows system={system.name} table={table} fields={fields} policy={policy} /> : null}
    </li>
  );
}

function SystemGroup({ system, tables, policy, collapsed, onCollapse, selected, onSelect }: {
  system: MapSystem;
  tables: ShownTable[];
  policy: SensitivityPolicy | undefined;
  collapsed: boolean;
  onCollapse: () => void;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const [limit, setLimit] = useState(PAGE);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const unreachable = system.tables.filter((t) => !t.reachable).length;
  const where = [system.hostingCountry, system.hostingRegion].filter(Boolean).join(' · ');
  return (
    <section className="dm-system" data-testid="map-system" data-system={system.name}>
      <header className="dm-system-head">
        <button type="button" className="heat-toggle" aria-expanded={!collapsed} onClick={onCollapse} data-testid="map-system-toggle">
          <Icon name="chevron" size={16} className={collapsed ? undefined : 'chevron-down'} />
          <strong>{system.name}</strong>
        </button>
        <span className="muted small">
          {pluralise(tables.length, 'table')} shown of {formatNumber(system.tables.length)}
          {where ? ` · hosted ${where}` : ' · hosting not set'}
          {system.owner ? ` · owner ${system.owner}` : ''}
        </span>
        {unreachable > 0 ? <Badge tone="danger">{pluralise(unreachable, 'unreachable table')}</Badge> : null}
        <span className="dm-system-level">
          <LevelBadge level={system.level} policy={policy} />
        </span>
      </header>
      {collapsed ? null : tables.length === 0 ? (
        <p className="muted small">No table matches the filters.</p>
      ) : (
        <ul className="dm-tables">
          {tables.slice(0, limit).map((shown) => {
            const key = tableKey(system, shown.table);
            return (
              <TableRow
                key={key}
                system={system}
                shown={shown}
                policy={policy}
                selected={selected === key}
                expanded={expanded.has(key)}
                onSelect={() => onSelect(key)}
                onToggle={() =>
                  setExpanded((s) => {
                    const next = new Set(s);
                    if (next.has(key)) next.delete(key);
                    else next.add(key);
                    return next;
                  })
                }
              />
            );
          })}
        </ul>
      )}
      {!collapsed && tables.length > limit ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setLimit((l) => l + PAGE * 5)} data-testid="map-show-more">
          Show {formatNumber(Math.min(PAGE * 5, tables.length - limit))} more of {formatNumber(tables.length - limit)}
        </button>
      ) : null}
    </section>
  );
}

export function MapTab({ result, activities, onOpenActivity }: { result: AsyncResult<{ map: MapView }>; activities: Activity[]; onOpenActivity: (key: string) => void }) {
  const policy = usePolicy();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const map = result.data?.map;
  const groups = useMemo(() => (map ? map.systems.map((system) => ({ system, tables: filterTables(system, filters) })) : []), [map, filters]);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  const selectedTable = useMemo(() => {
    for (const { system } of groups) for (const table of system.tables) if (tableKey(system, table) === selected) return { system, table };
    return null;
  }, [groups, selected]);

  if (!map) return <RequestState loading={result.loading} error={result.error} hasData={false} onRetry={result.reload} label="Loading the data map…" />;
  const tables = map.systems.reduce((n, s) => n + s.tables.length, 0);
  const fields = map.systems.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.fields.length, 0), 0);
  const shownCount = groups.reduce((n, g) => n + g.tables.length, 0);
  const active = JSON.stringify(filters) !== JSON.stringify(EMPTY);

  return (
    <>
      <RequestState loading={result.loading} error={result.error} hasData onRetry={result.reload} />
      <ul className="dm-stats" data-testid="map-stats">
        <li>
          <strong>{formatNumber(map.systems.length)}</strong> {map.systems.length === 1 ? 'system' : 'systems'}
        </li>
        <li>
          <strong>{formatNumber(tables)}</strong> tables
        </li>
        <li>
          <strong>{formatNumber(fields)}</strong> personal-data fields
        </li>
        <li>
          <strong>{formatNumber(map.identities.length)}</strong> identity fields
        </li>
        <li className={map.unreachable.length ? 'dm-stat-bad' : undefined} data-testid="map-unreachable-count">
          <strong>{formatNumber(map.unreachable.length)}</strong> unreachable
        </li>
        <li>
          <strong>{formatNumber(map.referencesForReview)}</strong> references to review
        </li>
      </ul>

      {map.unreachable.length > 0 ? (
        <div className="alert alert-error" role="status" data-testid="map-unreachable">
          <Icon name="alert" className="alert-icon" />
          <div className="alert-body">
            <p className="alert-title">{pluralise(map.unreachable.length, 'table')} with personal data that no identity reaches</p>
            <p className="alert-detail">A subject request could not find their rows. Declare a reference to a table with an identity field (References tab), or an identity on one of their fields.</p>
            <p className="tag-list">
              {map.unreachable.slice(0, 12).map((t) => (
                <code key={`${t.system}/${t.schema}.${t.table}`} className="tag">
                  {t.system}/{tableName(t)}
                </code>
              ))}
              {map.unreachable.length > 12 ? <span className="muted small">+{map.unreachable.length - 12} more</span> : null}
            </p>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => set('unreachable', true)} data-testid="map-show-unreachable">
              Show only these
            </button>
          </div>
        </div>
      ) : null}

      <form className="filters dm-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter the map">
        <TextField label="Search" type="search" value={filters.search} onChange={(e) => set('search', e.target.value)} placeholder="Table, column or category" autoComplete="off" testId="map-search" fieldClassName="filter-search" />
        <SelectField
          label="Level"
          value={filters.level}
          onChange={(e) => set('level', e.target.value as Level | '')}
          testId="map-filter-level"
          options={[{ value: '', label: 'Any level' }, ...[...LEVELS].reverse().map((l) => ({ value: l, label: `${l} ${levelInfo(l, policy).name}` }))]}
        />
        <SelectField
          label="Category"
          value={filters.prefix}
          onChange={(e) => set('prefix', e.target.value)}
          testId="map-filter-category"
          options={[{ value: '', label: 'Any category' }, ...prefixes(map).map((p) => ({ value: p, label: `${p}.*` }))]}
        />
        <div className="dm-checks">
          <CheckboxField label="Only unreachable" checked={filters.unreachable} onChange={(e) => set('unreachable', e.target.checked)} testId="map-only-unreachable" />
          <CheckboxField label="Only identity fields" checked={filters.identity} onChange={(e) => set('identity', e.target.checked)} testId="map-only-identity" />
          <CheckboxField label="Hide tables without personal data" checked={filters.personalOnly} onChange={(e) => set('personalOnly', e.target.checked)} testId="map-personal-only" />
        </div>
      </form>

      <div className="table-toolbar">
        <p className="muted" role="status" aria-live="polite" data-testid="map-count">
          Showing {pluralise(shownCount, 'table')} of {formatNumber(tables)}
        </p>
        <div className="toolbar-buttons">
          {active ? (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setFilters(EMPTY)}>
              Clear filters
            </button>
          ) : null}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setCollapsed(new Set())}>
            Expand all
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setCollapsed(new Set(map.systems.map((s) => s.id)))}>
            Collapse all
          </button>
        </div>
      </div>

      {map.systems.length === 0 ? (
        <EmptyState title="The map is empty">Systems appear here once they are registered and scanned (Discovery).</EmptyState>
      ) : (
        <div className={`dm-layout${selectedTable ? ' with-panel' : ''}`}>
          <div className="dm-tree" data-testid="map-tree">
            {groups.map(({ system, tables: shown }) => (
              <SystemGroup
                key={system.id}
                system={system}
                tables={shown}
                policy={policy}
                collapsed={collapsed.has(system.id)}
                onCollapse={() =>
                  setCollapsed((s) => {
                    const next = new Set(s);
                    if (next.has(system.id)) next.delete(system.id);
                    else next.add(system.id);
                    return next;
                  })
                }
                selected={selected}
                onSelect={(key) => setSelected((current) => (current === key ? null : key))}
              />
            ))}
            {shownCount === 0 ? <Notice>No table matches these filters.</Notice> : null}
          </div>
          {selectedTable ? (
            <TablePanel system={selectedTable.system} table={selectedTable.table} activities={activities} policy={policy} onClose={() => setSelected(null)} onOpenActivity={onOpenActivity} />
          ) : null}
        </div>
      )}
    </>
  );
}
