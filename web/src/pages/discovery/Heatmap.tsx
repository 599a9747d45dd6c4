/**
 * The sensitivity heat map: one cell per table that holds personal data, coloured by its highest
 * level, grouped by system and schema. Built to stay readable with hundreds of tables: groups
 * collapse, cells shrink to a compact grid, levels can be hidden and tables filtered by name.
 */
import { useMemo, useState } from 'react';
import { LEVELS, type HeatmapCell, type Level, type SensitivityPolicy } from '../../api';
import { EmptyState } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { formatNumber, pluralise } from '../../format';
import { LevelLegend, levelInfo, levelRank } from './levels';

/** Above this many tables the map starts compact and with schemas collapsed. */
const LARGE_MAP = 150;

export interface TableRef {
  systemId: string;
  system: string;
  schema: string | null;
  table: string;
}

export function tableLabel(ref: { schema: string | null; table: string }): string {
  return ref.schema ? `${ref.schema}.${ref.table}` : ref.table;
}

export function sameTable(a: TableRef | null | undefined, b: TableRef | null | undefined): boolean {
  return Boolean(a && b && a.systemId === b.systemId && a.schema === b.schema && a.table === b.table);
}

interface SchemaGroup {
  key: string;
  schema: string | null;
  cells: HeatmapCell[];
}

interface SystemGroup {
  systemId: string;
  system: string;
  schemas: SchemaGroup[];
  cells: HeatmapCell[];
}

function group(cells: HeatmapCell[]): SystemGroup[] {
  const systems = new Map<string, SystemGroup>();
  for (const cell of cells) {
    let sys = systems.get(cell.systemId);
    if (!sys) {
      sys = { systemId: cell.systemId, system: cell.system, schemas: [], cells: [] };
      systems.set(cell.systemId, sys);
    }
    sys.cells.push(cell);
    const key = `${cell.systemId}/${cell.schema ?? ''}`;
    let schema = sys.schemas.find((s) => s.key === key);
    if (!schema) {
      schema = { key, schema: cell.schema, cells: [] };
      sys.schemas.push(schema);
    }
    schema.cells.push(cell);
  }
  const byHeat = (a: HeatmapCell, b: HeatmapCell) =>
    levelRank(b.level) - levelRank(a.level) || b.columns - a.columns || a.table.localeCompare(b.table);
  for (const sys of systems.values()) for (const schema of sys.schemas) schema.cells.sort(byHeat);
  return [...systems.values()].sort((a, b) => a.system.localeCompare(b.system));
}

function countByLevel(cells: HeatmapCell[]): Record<Level | 'none', number> {
  const counts: Record<Level | 'none', number> = { L1: 0, L2: 0, L3: 0, L4: 0, none: 0 };
  for (const cell of cells) counts[cell.level ?? 'none'] += 1;
  return counts;
}

/** A stacked bar of how many tables sit at each level, most sensitive first. */
function Distribution({ cells, policy }: { cells: HeatmapCell[]; policy: SensitivityPolicy | undefined }) {
  const counts = countByLevel(cells);
  const total = cells.length || 1;
  const parts = [...LEVELS].reverse().filter((level) => counts[level] > 0);
  const label = parts.map((level) => `${counts[level]} ${levelInfo(level, policy).name.toLowerCase()}`).join(', ');
  return (
    <span className="heat-dist" role="img" aria-label={label || 'no levels'} title={label}>
      {parts.map((level) => (
        <span key={level} className={`heat-dist-part level-${level}`} style={{ width: `${(counts[level] / total) * 100}%` }} />
      ))}
    </span>
  );
}

/** " · 3 sensitive" when a group holds L4 tables, so a folded group still shows its hot spots. */
function SensitiveCount({ cells, policy }: { cells: HeatmapCell[]; policy: SensitivityPolicy | undefined }) {
  const n = cells.filter((c) => c.level === 'L4').length;
  if (n === 0) return null;
  return (
    <>
      {' · '}
      <strong className="text-L4">{formatNumber(n)}</strong> {levelInfo('L4', policy).name.toLowerCase()}
    </>
  );
}

function Cell({
  cell,
  compact,
  selected,
  policy,
  onSelect,
}: {
  cell: HeatmapCell;
  compact: boolean;
  selected: boolean;
  policy: SensitivityPolicy | undefined;
  onSelect: (cell: HeatmapCell) => void;
}) {
  const levelName = cell.level ? `${cell.level} ${levelInfo(cell.level, policy).name}` : 'no level';
  const title = `${cell.system} · ${tableLabel(cell)}: ${levelName}, ${pluralise(cell.columns, 'personal-data column')}`;
  return (
    <li>
      <button
        type="button"
        className={`heat-cell level-${cell.level ?? 'none'}${compact ? ' heat-cell-compact' : ''}${selected ? ' heat-cell-selected' : ''}`}
        data-testid="heatmap-cell"
        data-level={cell.level ?? 'none'}
        data-table={cell.table}
        data-schema={cell.schema ?? ''}
        data-system-id={cell.systemId}
        aria-pressed={selected}
        title={`${title}. Select to show its findings.`}
        onClick={() => onSelect(cell)}
      >
        {compact ? (
          <span className="visually-hidden">{title}</span>
        ) : (
          <>
            <span className="heat-cell-name">{cell.table}</span>
            <span className="heat-cell-meta">
              <span className="heat-cell-level">{cell.level ?? '—'}</span>
              <span>{pluralise(cell.columns, 'column')}</span>
            </span>
          </>
        )}
      </button>
    </li>
  );
}

export function Heatmap({
  cells,
  policy,
  selected,
  onSelect,
}: {
  cells: HeatmapCell[];
  policy: SensitivityPolicy | undefined;
  selected: TableRef | null;
  onSelect: (cell: HeatmapCell) => void;
}) {
  const large = cells.length > LARGE_MAP;
  const [query, setQuery] = useState('');
  const [hidden, setHidden] = useState<Set<Level>>(() => new Set());
  const [compact, setCompact] = useState(large);
  // Keys of collapsed groups ("sys:<id>" or "<systemId>/<schema>"); large maps start with schemas folded.
  const [collapsed, setCollapsed] = useState<Set<string> | null>(null);

  const groups = useMemo(() => group(cells), [cells]);
  const collapsedKeys = useMemo(() => {
    if (collapsed) return collapsed;
    if (!large) return new Set<string>();
    return new Set(groups.flatMap((g) => (g.schemas.length > 1 ? g.schemas.map((s) => s.key) : [])));
  }, [collapsed, groups, large]);

  const needle = query.trim().toLowerCase();
  const filtering = needle.length > 0 || hidden.size > 0;
  const visible = (cell: HeatmapCell) =>
    !(cell.level && hidden.has(cell.level)) && (!needle || tableLabel(cell).toLowerCase().includes(needle));

  function toggle(key: string) {
    setCollapsed(() => {
      const next = new Set(collapsedKeys);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  function toggleLevel(level: Level) {
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(level)) next.delete(level);
      else next.add(level);
      return next;
    });
  }

  const allKeys = groups.flatMap((g) => [`sys:${g.systemId}`, ...g.schemas.map((s) => s.key)]);
  const counts = countByLevel(cells);
  let shownTotal = 0;

  const body = groups.map((sys) => {
    const sysKey = `sys:${sys.systemId}`;
    const sysOpen = filtering || !collapsedKeys.has(sysKey);
    const sysVisible = sys.cells.filter(visible);
    shownTotal += sysVisible.length;
    if (filtering && sysVisible.length === 0) return null;
    const multiSchema = sys.schemas.length > 1 || sys.schemas[0]?.schema != null;
    return (
      <section key={sys.systemId} className="heat-system" data-testid="heatmap-system" data-system-id={sys.systemId}>
        <h3 className="heat-group-title">
          <button type="button" className="heat-toggle" aria-expanded={sysOpen} onClick={() => toggle(sysKey)} disabled={filtering}>
            <Icon name="chevron" size={16} className={sysOpen ? 'chevron-open' : undefined} />
            <span className="heat-group-name">{sys.system}</span>
            <span className="heat-group-count">
              {filtering ? `${formatNumber(sysVisible.length)} of ` : ''}
              {pluralise(sys.cells.length, 'table')}
              <SensitiveCount cells={sys.cells} policy={policy} />
            </span>
          </button>
          <Distribution cells={sys.cells} policy={policy} />
        </h3>
        {sysOpen
          ? sys.schemas.map((schema) => {
              const shown = schema.cells.filter(visible);
              if (filtering && shown.length === 0) return null;
              const open = filtering || !collapsedKeys.has(schema.key);
              const grid = (
                <ul className={`heat-grid${compact ? ' heat-grid-compact' : ''}`}>
                  {shown.map((cell) => (
                    <Cell
                      key={`${cell.schema ?? ''}.${cell.table}`}
                      cell={cell}
                      compact={compact}
                      selected={selected != null && selected.systemId === cell.systemId && selected.schema === cell.schema && selected.table === cell.table}
                      policy={policy}
                      onSelect={onSelect}
                    />
                  ))}
                </ul>
              );
              if (!multiSchema) return <div key={schema.key}>{grid}</div>;
              return (
                <div key={schema.key} className="heat-schema" data-schema={schema.schema ?? ''}>
                  <h4 className="heat-schema-title">
                    <button type="button" className="heat-toggle" aria-expanded={open} onClick={() => toggle(schema.key)} disabled={filtering}>
                      <Icon name="chevron" size={14} className={open ? 'chevron-open' : undefined} />
                      <span className="heat-schema-name">{schema.schema ?? '(no schema)'}</span>
                      <span className="heat-group-count">
                        {filtering ? `${formatNumber(shown.length)} of ` : ''}
                        {pluralise(schema.cells.length, 'table')}
                        <SensitiveCount cells={schema.cells} policy={policy} />
                      </span>
                    </button>
                    {sys.schemas.length > 1 ? <Distribution cells={schema.cells} policy={policy} /> : null}
                  </h4>
                  {open ? grid : null}
                </div>
              );
            })
          : null}
      </section>
    );
  });

  return (
    <div className="heatmap" data-testid="discovery-heatmap" data-cells={cells.length}>
      <div className="heat-summary">
        <p>
          <strong>{pluralise(cells.length, 'table')}</strong> hold personal data
          {counts.L4 > 0 ? (
            <>
              {' '}
              · <strong className="text-L4">{formatNumber(counts.L4)}</strong> {levelInfo('L4', policy).name.toLowerCase()}
            </>
          ) : null}
          {counts.L3 > 0 ? (
            <>
              {' '}
              · <strong>{formatNumber(counts.L3)}</strong> {levelInfo('L3', policy).name.toLowerCase()}
            </>
          ) : null}
        </p>
        <LevelLegend policy={policy} hidden={hidden} onToggle={toggleLevel} />
      </div>
      <div className="heat-toolbar">
        <label className="visually-hidden" htmlFor="heat-filter">
          Filter tables by name
        </label>
        <input
          id="heat-filter"
          className="input heat-filter"
          type="search"
          placeholder="Filter tables…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="heatmap-filter"
          autoComplete="off"
        />
        <div className="heat-toolbar-buttons">
          <button type="button" className="btn btn-ghost btn-small" aria-pressed={compact} onClick={() => setCompact((c) => !c)}>
            {compact ? 'Show table names' : 'Compact view'}
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setCollapsed(new Set())} disabled={filtering}>
            Expand all
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setCollapsed(new Set(allKeys))}
            disabled={filtering}
          >
            Collapse all
          </button>
        </div>
      </div>
      {body}
      {filtering && shownTotal === 0 ? (
        <EmptyState title="No tables match">Clear the filter or show the hidden levels.</EmptyState>
      ) : null}
    </div>
  );
}
