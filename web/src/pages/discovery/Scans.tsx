/**
 * Scans: start one per system (with options), follow the ones under way live (polling each active
 * scan about once a second), cancel them, and read the history with per-table failures.
 */
import { Fragment, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ACTIVE_SCAN_STATUSES, api, toApiError, type ApiError, type Scan, type ScanDetail, type ScanOptions, type System } from '../../api';
import { useAuth } from '../../auth';
import { Badge, DateTime } from '../../components/Badge';
import { EmptyState, ErrorBanner, Loading } from '../../components/Feedback';
import { CheckboxField, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { engineLabel, formatDuration, formatNumber, pluralise } from '../../format';
import { tableLabel } from './Heatmap';
import { LevelCounts, ScanStatusBadge } from './levels';

const POLL_MS = 1000;
const HISTORY_ROWS = 5;

export function isActive(scan: Pick<Scan, 'status'>): boolean {
  return ACTIVE_SCAN_STATUSES.includes(scan.status);
}

function stripTables(scan: Scan | ScanDetail): Scan {
  if (!('tables' in scan)) return scan;
  const { tables: _tables, ...rest } = scan;
  return rest;
}

function byNewest(a: Scan, b: Scan): number {
  return b.createdAt.localeCompare(a.createdAt);
}

export interface ScansState {
  scans: Scan[];
  details: Map<string, ScanDetail>;
  loading: boolean;
  error: ApiError | undefined;
  reload: () => void;
  /** Adds or replaces scans (after starting one, or a per-system history load). */
  merge: (scans: Scan[]) => void;
  loadDetail: (id: string) => Promise<void>;
  detailErrors: Map<string, ApiError>;
}

/**
 * Scan history for every system, kept live: while any scan is queued, running or cancelling, each
 * is fetched again every second; `onFinished` runs when one reaches a final state.
 */
export function useScans(reloadKey: number, onFinished: (scan: Scan) => void): ScansState {
  const [scans, setScans] = useState<Scan[]>([]);
  const [details, setDetails] = useState<Map<string, ScanDetail>>(() => new Map());
  const [detailErrors, setDetailErrors] = useState<Map<string, ApiError>>(() => new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>();
  const [tick, setTick] = useState(0);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const merge = useCallback((incoming: Scan[]) => {
    setScans((current) => {
      const byId = new Map(current.map((s) => [s.id, s]));
      for (const scan of incoming) byId.set(scan.id, stripTables(scan));
      return [...byId.values()].sort(byNewest);
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api
      .scans({ limit: 200 }, controller.signal)
      .then(({ scans: list }) => {
        if (controller.signal.aborted) return;
        setScans([...list].sort(byNewest));
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(err));
        setLoading(false);
      });
    return () => controller.abort();
  }, [reloadKey, tick]);

  const activeIds = scans
    .filter(isActive)
    .map((s) => s.id)
    .sort()
    .join(',');

  useEffect(() => {
    if (!activeIds) return;
    const ids = activeIds.split(',');
    let stopped = false;
    let inFlight = false;
    const controller = new AbortController();
    async function poll() {
      if (inFlight || stopped) return;
      inFlight = true;
      try {
        const results = await Promise.allSettled(ids.map((id) => api.scan(id, controller.signal)));
        if (stopped) return;
        const fresh = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.scan] : []));
        if (fresh.length === 0) return;
        setDetails((current) => {
          const next = new Map(current);
          for (const scan of fresh) next.set(scan.id, scan);
          return next;
        });
        merge(fresh);
        for (const scan of fresh) if (!isActive(scan)) onFinishedRef.current(scan);
      } finally {
        inFlight = false;
      }
    }
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      controller.abort();
      window.clearInterval(timer);
    };
  }, [activeIds, merge]);

  const loadDetail = useCallback(async (id: string) => {
    try {
      const { scan } = await api.scan(id);
      setDetails((current) => new Map(current).set(id, scan));
      setDetailErrors((current) => {
        const next = new Map(current);
        next.delete(id);
        return next;
      });
    } catch (err) {
      setDetailErrors((current) => new Map(current).set(id, toApiError(err)));
    }
  }, []);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { scans, details, loading, error, reload, merge, loadDetail, detailErrors };
}

function progressOf(scan: Scan): { done: number; total: number; fraction: number | null } {
  const done = scan.progress?.tablesDone ?? 0;
  const total = scan.progress?.tablesTotal ?? 0;
  return { done, total, fraction: total > 0 ? Math.min(1, done / total) : null };
}

/** The live bar of one scan under way, with its Cancel button. */
export function ScanProgress({
  scan,
  system,
  canScan,
  onChanged,
}: {
  scan: Scan;
  system: string;
  canScan: boolean;
  onChanged: (scan: Scan) => void;
}) {
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const { done, total, fraction } = progressOf(scan);
  const label =
    scan.status === 'queued'
      ? 'Waiting for a worker to pick the scan up…'
      : scan.status === 'cancelling'
        ? 'Stopping after the current table…'
        : total > 0
          ? `${formatNumber(done)} of ${pluralise(total, 'table')}`
          : 'Listing tables…';

  async function cancel() {
    setCancelling(true);
    setError(undefined);
    try {
      const { scan: updated } = await api.cancelScan(scan.id);
      onChanged(updated);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setCancelling(false);
    }
  }

  return (
    <div className="scan-progress" data-testid="scan-progress" data-scan-id={scan.id} data-status={scan.status}>
      <div className="scan-progress-head">
        <span className="scan-progress-title">
          <strong>{system}</strong> <ScanStatusBadge status={scan.status} scanId={scan.id} />
        </span>
        <span className="muted small">
          {scan.startedAt ? <>running for {formatDuration(scan.startedAt)}</> : <>requested <DateTime value={scan.createdAt} relative /></>}
        </span>
        {canScan && scan.status !== 'cancelling' ? (
          <button
            type="button"
            className="btn btn-danger-ghost btn-small"
            onClick={() => void cancel()}
            disabled={cancelling}
            data-testid="scan-cancel"
          >
            {cancelling ? 'Cancelling…' : 'Cancel scan'}
          </button>
        ) : null}
      </div>
      <div
        className={`progress${fraction == null ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={`Scan of ${system}`}
        aria-valuemin={0}
        aria-valuemax={total || undefined}
        aria-valuenow={fraction == null ? undefined : done}
        aria-valuetext={label}
      >
        <span className="progress-fill" style={fraction == null ? undefined : { width: `${fraction * 100}%` }} />
      </div>
      <p className="scan-progress-meta small">
        <span>{label}</span>
        {scan.status === 'running' && scan.progress?.table ? (
          <span className="muted">
            Now: <code>{scan.progress.table}</code>
          </span>
        ) : null}
      </p>
      {error ? <ErrorBanner error={error} title="The scan could not be cancelled" /> : null}
    </div>
  );
}

function ScanOptionsForm({ busy, onStart, onClose }: { busy: boolean; onStart: (options: ScanOptions) => void; onClose: () => void }) {
  const [sampleSize, setSampleSize] = useState('');
  const [full, setFull] = useState(false);
  const [allTables, setAllTables] = useState(false);
  const size = sampleSize.trim() ? Number(sampleSize) : undefined;
  const sizeError =
    size !== undefined && (!Number.isInteger(size) || size < 1 || size > 1_000_000) ? 'A whole number from 1 to 1,000,000' : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sizeError) return;
    onStart({
      ...(size !== undefined && !full ? { sampleSize: size } : {}),
      ...(full ? { full: true } : {}),
      ...(allTables ? { incremental: false } : {}),
    });
  }

  return (
    <form className="scan-options" onSubmit={submit} data-testid="scan-options">
      <TextField
        label="Sample size (rows per table)"
        type="number"
        min={1}
        max={1_000_000}
        inputMode="numeric"
        placeholder="1000"
        value={sampleSize}
        onChange={(e) => setSampleSize(e.target.value)}
        disabled={full}
        error={sizeError}
        hint="Rows read from each table; blank uses the server default."
        testId="scan-sample-size"
      />
      <div className="scan-options-checks">
        <CheckboxField
          label="Full scan"
          hint="Read every row instead of a sample (slow on large tables)."
          checked={full}
          onChange={(e) => setFull(e.target.checked)}
          testId="scan-full"
        />
        <CheckboxField
          label="All tables"
          hint="Re-scan unchanged tables too, not only those changed since the last scan."
          checked={allTables}
          onChange={(e) => setAllTables(e.target.checked)}
          testId="scan-all-tables"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || Boolean(sizeError)} data-testid="scan-start">
          <Icon name="play" size={14} />
          {busy ? 'Starting…' : 'Start scan'}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ScanDetailPanel({ scan, detail, error }: { scan: Scan; detail: ScanDetail | undefined; error: ApiError | undefined }) {
  const failed = detail?.tables.filter((t) => t.error) ?? [];
  const options = scan.options ?? {};
  return (
    <div className="scan-detail">
      <dl className="kv kv-inline">
        <dt>Scan id</dt>
        <dd>
          <code>{scan.id}</code>
        </dd>
        <dt>Options</dt>
        <dd>
          {options.full ? 'Full scan' : `Sample of ${formatNumber(options.sampleSize ?? 1000)} rows`}
          {options.incremental === false ? ' · all tables' : ' · changed tables only'}
        </dd>
        <dt>Requested</dt>
        <dd>
          <DateTime value={scan.createdAt} /> by {scan.requestedBy ?? 'unknown'}
        </dd>
        {scan.error ? (
          <>
            <dt>Error</dt>
            <dd className="text-danger">{scan.error}</dd>
          </>
        ) : null}
      </dl>
      {error ? <ErrorBanner error={error} title="Per-table results could not be loaded" /> : null}
      {!detail && !error ? <Loading label="Loading per-table results…" /> : null}
      {detail && failed.length > 0 ? (
        <>
          <h4 className="detail-title">Tables that failed</h4>
          <ul className="failed-tables" data-testid="scan-failed-tables">
            {failed.map((t) => (
              <li key={tableLabel(t)}>
                <code>{tableLabel(t)}</code>
                <span className="text-danger">{t.error}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail && failed.length === 0 ? (
        <p className="muted">
          {detail.tables.length > 0
            ? `${pluralise(detail.tables.length, 'table')} recorded, none failed.`
            : 'No tables were scanned (nothing changed since the last scan, or the scan did not start).'}
        </p>
      ) : null}
    </div>
  );
}

function ScanHistory({ scans, state }: { scans: Scan[]; state: ScansState }) {
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  function toggle(scan: Scan) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(scan.id)) next.delete(scan.id);
      else {
        next.add(scan.id);
        if (!state.details.has(scan.id) || !isActive(scan)) void state.loadDetail(scan.id);
      }
      return next;
    });
  }
  return (
    <table className="table table-scans" data-testid="scan-history">
      <caption className="visually-hidden">Scan history, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col" className="num">
            Tables
          </th>
          <th scope="col" className="num">
            Personal columns
          </th>
          <th scope="col">Tables by level</th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {scans.map((scan) => {
          const s = scan.summary ?? {};
          const expanded = open.has(scan.id);
          return (
            <Fragment key={scan.id}>
              <tr data-testid="scan-row" data-scan-id={scan.id} data-status={scan.status} className={expanded ? 'row-open' : undefined}>
                <td>
                  <ScanStatusBadge status={scan.status} scanId={scan.id} />
                  {scan.status === 'failed' && scan.error ? (
                    <span className="cell-sub text-danger" title={scan.error}>
                      {scan.error.length > 60 ? `${scan.error.slice(0, 60)}…` : scan.error}
                    </span>
                  ) : null}
                </td>
                <td className="nowrap">
                  {scan.startedAt ? <DateTime value={scan.startedAt} /> : <span className="muted">not started</span>}
                </td>
                <td className="nowrap">{scan.startedAt ? formatDuration(scan.startedAt, scan.finishedAt) : '—'}</td>
                <td className="num nowrap">
                  {s.tablesScanned != null ? formatNumber(s.tablesScanned) : '—'}
                  {s.tablesSkipped ? <span className="cell-sub">{formatNumber(s.tablesSkipped)} unchanged</span> : null}
                  {s.tablesFailed ? <span className="cell-sub text-danger">{formatNumber(s.tablesFailed)} failed</span> : null}
                </td>
                <td className="num">{formatNumber(s.personalColumns)}</td>
                <td>{scan.summary ? <LevelCounts levels={s.levels} /> : <span className="muted">—</span>}</td>
                <td className="actions">
                  <button type="button" className="btn btn-ghost btn-small" aria-expanded={expanded} onClick={() => toggle(scan)}>
                    {expanded ? 'Hide' : 'Details'}
                  </button>
                </td>
              </tr>
              {expanded ? (
                <tr className="row-details">
                  <td colSpan={7}>
                    <ScanDetailPanel scan={scan} detail={state.details.get(scan.id)} error={state.detailErrors.get(scan.id)} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function SystemScans({
  system,
  scans,
  state,
  canScan,
  defaultOpen,
  onStarted,
}: {
  system: System;
  scans: Scan[];
  state: ScansState;
  canScan: boolean;
  defaultOpen: boolean;
  onStarted: (scan: Scan) => void;
}) {
  const [showOptions, setShowOptions] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(defaultOpen);
  const [showAll, setShowAll] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const latest = scans[0];
  const active = scans.some(isActive);
  const scannable = system.scannable !== false;

  async function start(options: ScanOptions) {
    setStarting(true);
    setError(undefined);
    try {
      const { scan } = await api.startScan(system.id, options);
      onStarted(scan);
      setShowOptions(false);
      setHistoryOpen(true);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setStarting(false);
    }
  }

  async function loadAll() {
    setShowAll(true);
    try {
      const { scans: list } = await api.scans({ systemId: String(system.id), limit: 100 });
      state.merge(list);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const visible = showAll ? scans : scans.slice(0, HISTORY_ROWS);
  return (
    <li className="system-scans" data-testid="system-scans" data-system-id={String(system.id)}>
      <div className="system-scans-head">
        <div className="system-scans-name">
          <span className="cell-title">{system.name}</span>
          <span className="cell-sub">
            {engineLabel(system.engine)}
            {system.tables != null ? ` · ${pluralise(system.tables, 'table')}` : ''}
            {system.origin === 'demo' ? ' · demo data' : ''}
          </span>
        </div>
        <div className="system-scans-last">
          {latest ? (
            <>
              <ScanStatusBadge status={latest.status} scanId={latest.id} />
              <span className="muted small">
                <DateTime value={latest.finishedAt ?? latest.startedAt ?? latest.createdAt} relative />
              </span>
            </>
          ) : (
            <span className="muted small">Never scanned</span>
          )}
        </div>
        <div className="system-scans-actions">
          {canScan && scannable ? (
            <>
              <button
                type="button"
                className="btn btn-primary btn-small"
                onClick={() => void start({})}
                disabled={starting || active}
                title={active ? 'A scan of this system is already under way' : 'Scan the tables changed since the last scan'}
                data-testid="scan-now"
              >
                <Icon name="play" size={14} />
                {starting ? 'Starting…' : 'Scan now'}
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-expanded={showOptions}
                onClick={() => setShowOptions((v) => !v)}
                disabled={active}
                data-testid="scan-options-toggle"
              >
                Options
              </button>
            </>
          ) : null}
          {!scannable ? <Badge tone="neutral" title="Custos holds no connection it could scan">Not scannable</Badge> : null}
          {scans.length > 0 ? (
            <button type="button" className="btn btn-ghost btn-small" aria-expanded={historyOpen} onClick={() => setHistoryOpen((v) => !v)}>
              <Icon name="chevron" size={14} className={historyOpen ? 'chevron-open' : undefined} />
              History ({formatNumber(scans.length)})
            </button>
          ) : null}
        </div>
      </div>
      {error ? <ErrorBanner error={error} title="The scan could not be started" /> : null}
      {showOptions && canScan ? <ScanOptionsForm busy={starting} onStart={(o) => void start(o)} onClose={() => setShowOptions(false)} /> : null}
      {historyOpen && scans.length > 0 ? (
        <div className="table-wrap system-scans-history">
          <ScanHistory scans={visible} state={state} />
          {!showAll && scans.length >= HISTORY_ROWS ? (
            <p className="history-more">
              <button type="button" className="btn btn-ghost btn-small" onClick={() => void loadAll()}>
                {scans.length > HISTORY_ROWS ? `Show all ${formatNumber(scans.length)} and older scans` : 'Show older scans'}
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function SystemsScans({
  systems,
  state,
  onStarted,
}: {
  systems: System[];
  state: ScansState;
  onStarted: (scan: Scan) => void;
}) {
  const { can } = useAuth();
  const canScan = can('discovery:scan');
  if (state.loading && state.scans.length === 0) return <Loading label="Loading scans…" />;
  if (systems.length === 0) {
    return (
      <EmptyState title="No systems connected">
        {can('systems:manage') ? 'Register a system above to scan it.' : 'Ask an engineer or privacy officer to register one.'}
      </EmptyState>
    );
  }
  const bySystem = new Map<string, Scan[]>();
  for (const scan of state.scans) {
    const list = bySystem.get(scan.systemId) ?? [];
    list.push(scan);
    bySystem.set(scan.systemId, list);
  }
  return (
    <>
      {state.error ? <ErrorBanner error={state.error} onRetry={state.reload} /> : null}
      <ul className="system-scans-list">
        {systems.map((system) => (
          <SystemScans
            key={String(system.id)}
            system={system}
            scans={bySystem.get(String(system.id)) ?? []}
            state={state}
            canScan={canScan}
            defaultOpen={systems.length <= 3}
            onStarted={onStarted}
          />
        ))}
      </ul>
    </>
  );
}
