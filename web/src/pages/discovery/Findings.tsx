/**
 * The findings review queue: one row per column the scanner flagged, filterable on the server
 * (system, table, level, entity, status, confidence) and searched on the client (table/column
 * names). Reviewers confirm, reject or correct a finding; the decision wins over the scanner and
 * survives re-scans.
 */
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  api,
  LEVELS,
  toApiError,
  type ApiError,
  type EntityDefinition,
  type Finding,
  type FindingDecision,
  type FindingStatus,
  type Level,
  type SensitivityPolicy,
  type System,
} from '../../api';
import { useAuth } from '../../auth';
import { DateTime } from '../../components/Badge';
import { EmptyState, ErrorBanner, Loading } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { formatNumber, formatPercent, pluralise } from '../../format';
import { tableLabel, type TableRef } from './Heatmap';
import { FindingStatusBadge, gradeCategory, LevelBadge, levelInfo } from './levels';

const PAGE_SIZE = 100;

export interface FindingFilterState {
  systemId: string;
  level: Level | '';
  entity: string;
  status: FindingStatus | '';
  minConfidence: string;
  search: string;
}

export const EMPTY_FINDING_FILTERS: FindingFilterState = { systemId: '', level: '', entity: '', status: '', minConfidence: '', search: '' };

const CONFIDENCE_OPTIONS = [
  { value: '', label: 'Any confidence' },
  { value: '0.3', label: '30% or more' },
  { value: '0.5', label: '50% or more' },
  { value: '0.7', label: '70% or more' },
  { value: '0.9', label: '90% or more' },
];

function Confidence({ value }: { value: number }) {
  const pct = Math.max(0, Math.min(1, value));
  return (
    <span className="confidence" title={`Confidence ${formatPercent(value, 1)}`}>
      <span className="confidence-bar" aria-hidden="true">
        <span style={{ width: `${pct * 100}%` }} className={pct >= 0.8 ? 'high' : pct >= 0.5 ? 'mid' : 'low'} />
      </span>
      <span className="confidence-value">{formatPercent(value)}</span>
    </span>
  );
}

function Evidence({ finding }: { finding: Finding }) {
  const ev = finding.evidence;
  if (!ev) return <p className="muted">No evidence recorded.</p>;
  const rate = ev.nonNull > 0 ? ev.matched / ev.nonNull : null;
  return (
    <dl className="kv kv-inline" data-testid="finding-evidence">
      <dt>Values</dt>
      <dd>
        {formatNumber(ev.sampled)} sampled · {formatNumber(ev.nonNull)} non-empty ·{' '}
        <strong>{formatNumber(ev.matched)} matched</strong>
        {rate != null ? <span className="muted"> ({formatPercent(rate)} of non-empty)</span> : null}
      </dd>
      <dt>Detectors</dt>
      <dd>
        {ev.detectors.length ? (
          <span className="tag-list">
            {ev.detectors.map((d) => (
              <code key={d} className="tag">
                {d}
              </code>
            ))}
          </span>
        ) : (
          <span className="muted">none</span>
        )}
      </dd>
      <dt>Name hint</dt>
      <dd>{ev.nameHint ? <code>{ev.nameHint}</code> : <span className="muted">none: the values alone decided</span>}</dd>
      <dt>Free text</dt>
      <dd>{ev.freeText ? 'Yes: entities were found inside longer text' : 'No: the column holds one value per cell'}</dd>
      <dt>Other entities</dt>
      <dd>
        {ev.others.length ? (
          <span className="tag-list">
            {ev.others.map((o) => (
              <span key={o.entity} className="tag">
                {o.entity} <span className="muted">×{formatNumber(o.matched)}</span>
              </span>
            ))}
          </span>
        ) : (
          <span className="muted">none</span>
        )}
      </dd>
    </dl>
  );
}

function ReviewForm({
  finding,
  entities,
  policy,
  busy,
  error,
  initialMode,
  onDecide,
}: {
  finding: Finding;
  entities: EntityDefinition[];
  policy: SensitivityPolicy | undefined;
  busy: boolean;
  error: ApiError | undefined;
  initialMode: 'confirm' | 'reject' | 'correct';
  onDecide: (decision: FindingDecision) => void;
}) {
  const [mode, setMode] = useState<'confirm' | 'reject' | 'correct'>(initialMode);
  const [entity, setEntity] = useState(finding.entity ?? '');
  const [category, setCategory] = useState(finding.category ?? '');
  const [note, setNote] = useState(finding.decision?.note ?? '');
  useEffect(() => setMode(initialMode), [initialMode]);

  const categories = useMemo(() => {
    const set = new Set<string>();
    for (const e of entities) set.add(e.category);
    for (const r of policy?.rules ?? []) set.add(r.category);
    return [...set].sort();
  }, [entities, policy]);
  const categoryValid = !category || /^[a-z_]+(\.[a-z_]+)*$/.test(category);
  const previewLevel = mode === 'correct' && category && categoryValid ? gradeCategory(category, policy) : null;
  const listId = `categories-${finding.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = note.trim();
    if (mode === 'correct') {
      onDecide({ status: 'confirmed', entity: entity || undefined, category: category || undefined, note: trimmed || undefined });
    } else {
      onDecide({
        status: mode === 'confirm' ? 'confirmed' : 'rejected',
        // Keep an earlier correction when confirming or rejecting again.
        entity: finding.decision?.entity ?? undefined,
        category: finding.decision?.category ?? undefined,
        note: trimmed || undefined,
      });
    }
  }

  return (
    <form className="review-form" onSubmit={submit} data-testid="finding-review">
      <fieldset className="segmented">
        <legend className="visually-hidden">Decision</legend>
        {(['confirm', 'reject', 'correct'] as const).map((m) => (
          <label key={m} className={mode === m ? 'active' : undefined}>
            <input type="radio" name={`mode-${finding.id}`} value={m} checked={mode === m} onChange={() => setMode(m)} />
            {m === 'confirm' ? 'Confirm' : m === 'reject' ? 'Reject' : 'Correct'}
          </label>
        ))}
      </fieldset>
      {mode === 'correct' ? (
        <div className="form-grid">
          <SelectField
            label="Entity"
            value={entity}
            onChange={(e) => {
              setEntity(e.target.value);
              const def = entities.find((d) => d.type === e.target.value);
              if (def) setCategory(def.category);
            }}
            testId="finding-correct-entity"
            options={[
              { value: '', label: 'Choose an entity…' },
              ...entities.map((e) => ({ value: e.type, label: `${e.type} — ${e.description}` })),
            ]}
          />
          <TextField
            label="Data category"
            value={category}
            onChange={(e) => setCategory(e.target.value.trim())}
            list={listId}
            className="mono"
            placeholder="user.contact.email"
            autoComplete="off"
            testId="finding-correct-category"
            error={categoryValid ? undefined : 'A dotted key of lower-case words, such as user.contact.email'}
            hint={
              previewLevel ? (
                <>
                  Graded <LevelBadge level={previewLevel} policy={policy} /> by the sensitivity policy.
                </>
              ) : (
                'A fideslang-style category; the level follows from the sensitivity policy.'
              )
            }
          />
          <datalist id={listId}>
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`note-${finding.id}`}>Note (optional)</label>
        <textarea
          id={`note-${finding.id}`}
          className="input"
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Why: e.g. column holds test fixtures only"
          data-testid="finding-note"
        />
      </div>
      {error ? <ErrorBanner error={error} title="The decision was not saved" /> : null}
      <div className="form-actions">
        <button
          type="submit"
          className={`btn ${mode === 'reject' ? 'btn-danger' : 'btn-primary'} btn-small`}
          disabled={busy || (mode === 'correct' && (!entity || !category || !categoryValid))}
          data-testid="finding-decision-save"
        >
          {busy ? 'Saving…' : mode === 'confirm' ? 'Confirm finding' : mode === 'reject' ? 'Reject finding' : 'Save correction'}
        </button>
      </div>
    </form>
  );
}

function FindingDetails({
  finding,
  entities,
  policy,
  canDecide,
  busy,
  error,
  mode,
  onDecide,
}: {
  finding: Finding;
  entities: EntityDefinition[];
  policy: SensitivityPolicy | undefined;
  canDecide: boolean;
  busy: boolean;
  error: ApiError | undefined;
  mode: 'confirm' | 'reject' | 'correct';
  onDecide: (decision: FindingDecision) => void;
}) {
  const corrected =
    finding.decision && (finding.decision.entity || finding.decision.category) &&
    (finding.decision.entity !== finding.scanner.entity || finding.decision.category !== finding.scanner.category);
  return (
    <div className="finding-details">
      <div>
        <h4 className="detail-title">Evidence</h4>
        <Evidence finding={finding} />
        <h4 className="detail-title">Masked examples</h4>
        {finding.examples && finding.examples.length > 0 ? (
          <ul className="examples" data-testid="finding-examples">
            {finding.examples.map((ex, i) => (
              <li key={`${ex}-${i}`}>
                <code>{ex}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No examples kept.</p>
        )}
        <p className="muted small">Raw values never leave the scanned system; only masked examples are stored.</p>
      </div>
      <div>
        <h4 className="detail-title">Classification</h4>
        <dl className="kv kv-inline">
          <dt>Scanner</dt>
          <dd>
            {finding.scanner.entity ? <code>{finding.scanner.entity}</code> : <span className="muted">no entity</span>}
            {finding.scanner.category ? <span className="muted"> · {finding.scanner.category}</span> : null}{' '}
            <LevelBadge level={finding.scanner.level} policy={policy} />
          </dd>
          {corrected ? (
            <>
              <dt>Corrected to</dt>
              <dd>
                <code>{finding.decision?.entity ?? finding.entity}</code>
                <span className="muted"> · {finding.decision?.category ?? finding.category}</span>{' '}
                <LevelBadge level={finding.level} policy={policy} />
              </dd>
            </>
          ) : null}
          <dt>Column type</dt>
          <dd>
            <code>{finding.dataType || 'unknown'}</code>
          </dd>
          <dt>Decision</dt>
          <dd data-testid="finding-decision">
            {finding.decision ? (
              <>
                <FindingStatusBadge status={finding.status} /> by <strong>{finding.decision.by ?? 'unknown'}</strong>{' '}
                <DateTime value={finding.decision.at} />
                {finding.decision.note ? <p className="decision-note">“{finding.decision.note}”</p> : null}
              </>
            ) : (
              <span className="muted">Not reviewed yet</span>
            )}
          </dd>
          <dt>Last seen</dt>
          <dd>
            <DateTime value={finding.updatedAt} relative />
          </dd>
        </dl>
        {canDecide ? (
          <>
            <h4 className="detail-title">Review</h4>
            <ReviewForm
              key={`${finding.id}-${finding.status}-${finding.updatedAt}`}
              finding={finding}
              entities={entities}
              policy={policy}
              busy={busy}
              error={error}
              initialMode={mode}
              onDecide={onDecide}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}

/** Lets long dotted names (schema.table, user.contact.email) wrap at the dots. */
function breakable(text: string, underscores = false) {
  const parts = text.split(underscores ? /(?<=[._])/ : /(?<=[.])/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </Fragment>
  ));
}

function matchesSearch(finding: Finding, needle: string): boolean {
  if (!needle) return true;
  return `${finding.system} ${tableLabel(finding)}.${finding.column}`.toLowerCase().includes(needle);
}

export function FindingsPanel({
  systems,
  entities,
  policy,
  filters,
  onFiltersChange,
  table,
  onClearTable,
  reloadKey,
  onDecided,
}: {
  systems: System[];
  entities: EntityDefinition[];
  policy: SensitivityPolicy | undefined;
  filters: FindingFilterState;
  onFiltersChange: (next: FindingFilterState) => void;
  table: TableRef | null;
  onClearTable: () => void;
  reloadKey: number;
  onDecided: (finding: Finding) => void;
}) {
  const { can } = useAuth();
  const canDecide = can('discovery:decide');
  const [findings, setFindings] = useState<Finding[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [expanded, setExpanded] = useState<Map<string, 'confirm' | 'reject' | 'correct'>>(() => new Map());
  const [busy, setBusy] = useState<Set<string>>(() => new Set());
  const [rowErrors, setRowErrors] = useState<Map<string, ApiError>>(() => new Map());
  const [tick, setTick] = useState(0);
  const requestRef = useRef(0);

  const query = useMemo(
    () => ({
      systemId: table?.systemId ?? (filters.systemId || undefined),
      schema: table?.schema ?? undefined,
      table: table?.table,
      level: filters.level || undefined,
      entity: filters.entity || undefined,
      status: filters.status || undefined,
      minConfidence: filters.minConfidence ? Number(filters.minConfidence) : undefined,
    }),
    [table, filters.systemId, filters.level, filters.entity, filters.status, filters.minConfidence],
  );

  useEffect(() => {
    const controller = new AbortController();
    const request = ++requestRef.current;
    setLoading(true);
    setError(undefined);
    api
      .findings({ ...query, limit: PAGE_SIZE, offset: 0 }, controller.signal)
      .then(({ findings: page }) => {
        if (request !== requestRef.current) return;
        setFindings(page);
        setHasMore(page.length === PAGE_SIZE);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted || request !== requestRef.current) return;
        setError(toApiError(err));
        setFindings([]);
        setHasMore(false);
      })
      .finally(() => {
        if (request === requestRef.current) setLoading(false);
      });
    return () => controller.abort();
  }, [query, reloadKey, tick]);

  const loadMore = useCallback(async () => {
    const request = requestRef.current;
    setLoadingMore(true);
    try {
      const { findings: page } = await api.findings({ ...query, limit: PAGE_SIZE, offset: findings.length });
      if (request !== requestRef.current) return;
      setFindings((current) => {
        const seen = new Set(current.map((f) => f.id));
        return [...current, ...page.filter((f) => !seen.has(f.id))];
      });
      setHasMore(page.length === PAGE_SIZE);
    } catch (err) {
      if (request === requestRef.current) setError(toApiError(err));
    } finally {
      setLoadingMore(false);
    }
  }, [query, findings.length]);

  async function decide(finding: Finding, decision: FindingDecision) {
    setBusy((s) => new Set(s).add(finding.id));
    setRowErrors((m) => {
      const next = new Map(m);
      next.delete(finding.id);
      return next;
    });
    try {
      const { finding: updated } = await api.decideFinding(finding.id, decision);
      // Updated in place: a row that no longer matches the status filter stays until the next load,
      // so the reviewer sees what they just did.
      setFindings((current) => current.map((f) => (f.id === updated.id ? updated : f)));
      if (decision.entity || decision.note) {
        setExpanded((m) => {
          const next = new Map(m);
          next.delete(finding.id);
          return next;
        });
      }
      onDecided(updated);
    } catch (err) {
      setRowErrors((m) => new Map(m).set(finding.id, toApiError(err)));
      setExpanded((m) => new Map(m).set(finding.id, m.get(finding.id) ?? 'confirm'));
    } finally {
      setBusy((s) => {
        const next = new Set(s);
        next.delete(finding.id);
        return next;
      });
    }
  }

  function quick(finding: Finding, status: FindingStatus) {
    void decide(finding, {
      status,
      ...(status !== 'proposed' && finding.decision?.entity ? { entity: finding.decision.entity } : {}),
      ...(status !== 'proposed' && finding.decision?.category ? { category: finding.decision.category } : {}),
      ...(status !== 'proposed' && finding.decision?.note ? { note: finding.decision.note } : {}),
    });
  }

  function toggle(id: string, mode: 'confirm' | 'reject' | 'correct' = 'confirm', force = false) {
    setExpanded((current) => {
      const next = new Map(current);
      if (next.has(id) && !force) next.delete(id);
      else next.set(id, mode);
      return next;
    });
  }

  const set = <K extends keyof FindingFilterState>(key: K, value: FindingFilterState[K]) => {
    const next = { ...filters, [key]: value };
    if (key === 'systemId' && table) onClearTable();
    onFiltersChange(next);
  };

  const needle = filters.search.trim().toLowerCase();
  const shown = findings.filter((f) => matchesSearch(f, needle));
  const filtersActive = Boolean(table) || Object.entries(filters).some(([, v]) => v !== '');
  const systemOptions = [{ value: '', label: 'All systems' }, ...systems.map((s) => ({ value: String(s.id), label: s.name }))];
  const entityOptions = [
    { value: '', label: 'Any entity' },
    ...[...entities].sort((a, b) => a.type.localeCompare(b.type)).map((e) => ({ value: e.type, label: e.type })),
  ];
  if (filters.entity && !entities.some((e) => e.type === filters.entity)) entityOptions.push({ value: filters.entity, label: filters.entity });

  return (
    <>
      <form className="filters findings-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter findings">
        <SelectField
          label="System"
          value={table?.systemId ?? filters.systemId}
          onChange={(e) => set('systemId', e.target.value)}
          options={systemOptions}
          testId="findings-filter-system"
        />
        <SelectField
          label="Level"
          value={filters.level}
          onChange={(e) => set('level', e.target.value as Level | '')}
          testId="findings-filter-level"
          options={[
            { value: '', label: 'Any level' },
            ...[...LEVELS].reverse().map((l) => ({ value: l, label: `${l} ${levelInfo(l, policy).name}` })),
          ]}
        />
        <SelectField
          label="Entity"
          value={filters.entity}
          onChange={(e) => set('entity', e.target.value)}
          options={entityOptions}
          testId="findings-filter-entity"
        />
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(e) => set('status', e.target.value as FindingStatus | '')}
          testId="findings-filter-status"
          options={[
            { value: '', label: 'Any status' },
            { value: 'proposed', label: 'Proposed (to review)' },
            { value: 'confirmed', label: 'Confirmed' },
            { value: 'rejected', label: 'Rejected' },
          ]}
        />
        <SelectField
          label="Confidence"
          value={filters.minConfidence}
          onChange={(e) => set('minConfidence', e.target.value)}
          options={CONFIDENCE_OPTIONS}
          testId="findings-filter-confidence"
        />
        <TextField
          label="Search"
          type="search"
          value={filters.search}
          onChange={(e) => set('search', e.target.value)}
          placeholder="Table or column"
          autoComplete="off"
          testId="findings-search"
          fieldClassName="filter-search"
        />
      </form>

      {table ? (
        <p className="active-filter" data-testid="findings-table-filter">
          Showing findings in{' '}
          <strong>
            {table.system} · {tableLabel(table)}
          </strong>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClearTable} data-testid="findings-clear-table">
            <Icon name="close" size={14} />
            Show all tables
          </button>
        </p>
      ) : null}

      {error ? <ErrorBanner error={error} onRetry={() => setTick((t) => t + 1)} /> : null}

      <div className="table-toolbar">
        <p className="muted" role="status" aria-live="polite" data-testid="findings-count">
          {loading
            ? 'Loading findings…'
            : `Showing ${pluralise(shown.length, 'finding')}${needle && shown.length !== findings.length ? ` of ${formatNumber(findings.length)} loaded` : ''}${
                hasMore ? ' (more available)' : ''
              }`}
        </p>
        <div className="toolbar-buttons">
          {filtersActive ? (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => {
                onClearTable();
                onFiltersChange(EMPTY_FINDING_FILTERS);
              }}
            >
              Clear filters
            </button>
          ) : null}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setTick((t) => t + 1)} disabled={loading}>
            Refresh
          </button>
        </div>
      </div>

      {loading && findings.length === 0 ? <Loading label="Loading findings…" /> : null}
      {!loading && !error && shown.length === 0 ? (
        <EmptyState title={filtersActive ? 'No findings match these filters' : 'No findings yet'}>
          {filtersActive
            ? needle && findings.length > 0
              ? 'The search only looks at the findings loaded so far; load more or change the filters.'
              : 'Widen the filters or clear them.'
            : 'Scan a system to find the columns that hold personal data.'}
        </EmptyState>
      ) : null}

      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-findings" data-testid="findings-table">
            <caption className="visually-hidden">Personal-data findings per column</caption>
            <thead>
              <tr>
                <th scope="col">
                  Table <span className="th-sub">· system</span>
                </th>
                <th scope="col">Column</th>
                <th scope="col">Entity</th>
                <th scope="col">Category</th>
                <th scope="col">Level</th>
                <th scope="col">Confidence</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((finding) => {
                const mode = expanded.get(finding.id);
                const open = mode !== undefined;
                const detailsId = `finding-details-${finding.id}`;
                const isBusy = busy.has(finding.id);
                const rowError = rowErrors.get(finding.id);
                return (
                  <Fragment key={finding.id}>
                    <tr
                      data-testid="findings-row"
                      data-finding-id={finding.id}
                      data-system-id={finding.systemId}
                      data-table={finding.table}
                      data-column={finding.column}
                      data-entity={finding.entity ?? ''}
                      data-level={finding.level ?? ''}
                      data-status={finding.status}
                      className={`${open ? 'row-open' : ''}${finding.status === 'rejected' ? ' row-muted' : ''}`.trim() || undefined}
                    >
                      <td className="cell-table-col">
                        <span className="cell-table mono">{breakable(tableLabel(finding))}</span>
                        <span className="cell-sub">{finding.system}</span>
                      </td>
                      <th scope="row" title={finding.dataType ? `Type: ${finding.dataType}` : undefined}>
                        <span className="cell-title mono">{breakable(finding.column)}</span>
                      </th>
                      <td>
                        {finding.entity ? <code className="entity">{finding.entity}</code> : <span className="muted">—</span>}
                        {finding.decision?.entity && finding.decision.entity !== finding.scanner.entity ? (
                          <span className="cell-sub">corrected</span>
                        ) : null}
                      </td>
                      <td className="cell-category">{finding.category ? breakable(finding.category, true) : <span className="muted">—</span>}</td>
                      <td>
                        <LevelBadge level={finding.level} policy={policy} />
                      </td>
                      <td>
                        <Confidence value={finding.confidence} />
                      </td>
                      <td className="nowrap">
                        <FindingStatusBadge status={finding.status} />
                        {finding.decision?.by ? (
                          <span className="cell-sub" title={finding.decision.at ? `Decided ${finding.decision.at}` : undefined}>
                            by {finding.decision.by}
                          </span>
                        ) : null}
                      </td>
                      <td className="actions">
                        <span className="row-actions">
                          {canDecide && finding.status !== 'confirmed' ? (
                            <button
                              type="button"
                              className="btn btn-icon btn-confirm"
                              onClick={() => quick(finding, 'confirmed')}
                              disabled={isBusy}
                              title="Confirm: this column holds this personal data"
                              data-testid="finding-confirm"
                            >
                              <Icon name="tick" size={16} />
                              <span className="visually-hidden">
                                Confirm {tableLabel(finding)}.{finding.column}
                              </span>
                            </button>
                          ) : null}
                          {canDecide && finding.status !== 'rejected' ? (
                            <button
                              type="button"
                              className="btn btn-icon btn-reject"
                              onClick={() => quick(finding, 'rejected')}
                              disabled={isBusy}
                              title="Reject: not personal data (a false positive)"
                              data-testid="finding-reject"
                            >
                              <Icon name="close" size={16} />
                              <span className="visually-hidden">
                                Reject {tableLabel(finding)}.{finding.column}
                              </span>
                            </button>
                          ) : null}
                          {canDecide && finding.status !== 'proposed' ? (
                            <button
                              type="button"
                              className="btn btn-icon"
                              onClick={() => quick(finding, 'proposed')}
                              disabled={isBusy}
                              title="Undo the decision: the scanner's proposal applies again"
                              data-testid="finding-undo"
                            >
                              <Icon name="undo" size={16} />
                              <span className="visually-hidden">
                                Undo the decision on {tableLabel(finding)}.{finding.column}
                              </span>
                            </button>
                          ) : null}
                          <button
                            type="button"
                            className="btn btn-icon"
                            aria-expanded={open}
                            aria-controls={detailsId}
                            onClick={() => toggle(finding.id, finding.status === 'rejected' ? 'reject' : 'confirm')}
                            title={canDecide ? 'Evidence, examples, correct or add a note' : 'Evidence and examples'}
                            data-testid="finding-toggle"
                          >
                            <Icon name="chevron" size={16} className={open ? 'chevron-down' : undefined} />
                            <span className="visually-hidden">
                              {canDecide ? 'Review' : 'Details'} {tableLabel(finding)}.{finding.column}
                            </span>
                          </button>
                        </span>
                      </td>
                    </tr>
                    {rowError && !open ? (
                      <tr className="row-details">
                        <td colSpan={8}>
                          <ErrorBanner error={rowError} title="The decision was not saved" />
                        </td>
                      </tr>
                    ) : null}
                    {open ? (
                      <tr className="row-details" id={detailsId} data-testid="finding-details">
                        <td colSpan={8}>
                          <FindingDetails
                            finding={finding}
                            entities={entities}
                            policy={policy}
                            canDecide={canDecide}
                            busy={isBusy}
                            error={rowError}
                            mode={mode}
                            onDecide={(decision) => void decide(finding, decision)}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      {hasMore && findings.length > 0 ? (
        <div className="load-more">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void loadMore()}
            disabled={loadingMore}
            data-testid="findings-load-more"
          >
            {loadingMore ? 'Loading…' : `Load ${PAGE_SIZE} more`}
          </button>
        </div>
      ) : null}
    </>
  );
}
