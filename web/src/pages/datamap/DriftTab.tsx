/** Drift found by re-scans: new tables, columns and categories the records of processing may not cover yet. */
import { useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { Badge, DateTime, type BadgeTone } from '../../components/Badge';
import { EmptyState, ErrorBanner, RequestState } from '../../components/Feedback';
import { SelectField } from '../../components/Field';
import { pluralise } from '../../format';
import { useApi } from '../../hooks';
import { LevelBadge } from '../discovery/levels';
import { datamapApi } from './client';
import { Breakable, usePolicy } from './shared';
import type { Drift, DriftKind, DriftStatus, Notification } from './types';

const KINDS: Record<DriftKind, { label: string; tone: BadgeTone }> = {
  new_table: { label: 'New table', tone: 'info' },
  new_personal_column: { label: 'New personal-data column', tone: 'warning' },
  new_category: { label: 'New category', tone: 'warning' },
  category_changed: { label: 'Category changed', tone: 'warning' },
  table_removed: { label: 'Table removed', tone: 'neutral' },
};

const STATUS_TONE: Record<DriftStatus, BadgeTone> = { open: 'danger', acknowledged: 'info', resolved: 'success' };

function DriftActions({ item, onUpdated }: { item: Drift; onUpdated: (d: Drift) => void }) {
  const [mode, setMode] = useState<DriftStatus | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  async function apply(status: DriftStatus) {
    setBusy(true);
    setError(undefined);
    try {
      const { drift } = await datamapApi.updateDrift(item.id, { status, ...(note.trim() ? { note: note.trim() } : {}) });
      setMode(null);
      setNote('');
      onUpdated(drift);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  if (mode) {
    return (
      <form className="dm-drift-note" onSubmit={(e) => { e.preventDefault(); void apply(mode); }}>
        <label className="visually-hidden" htmlFor={`drift-note-${item.id}`}>Note</label>
        <input id={`drift-note-${item.id}`} className="input" value={note} onChange={(e) => setNote(e.target.value)} placeholder={mode === 'resolved' ? 'How it was handled (e.g. added to the marketing activity)' : 'Note (optional)'} maxLength={2000} data-testid="drift-note" autoFocus />
        <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="drift-confirm">
          {busy ? 'Saving…' : mode === 'resolved' ? 'Resolve' : mode === 'acknowledged' ? 'Acknowledge' : 'Reopen'}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setMode(null)} disabled={busy}>Cancel</button>
        {error ? <ErrorBanner error={error} title="Not saved" /> : null}
      </form>
    );
  }
  return (
    <span className="row-actions">
      {item.status === 'open' ? <button type="button" className="btn btn-secondary btn-small" onClick={() => setMode('acknowledged')} data-testid="drift-acknowledge">Acknowledge</button> : null}
      {item.status !== 'resolved' ? <button type="button" className="btn btn-primary btn-small" onClick={() => setMode('resolved')} data-testid="drift-resolve">Resolve</button> : null}
      {item.status !== 'open' ? <button type="button" className="btn btn-ghost btn-small" onClick={() => setMode('open')} data-testid="drift-reopen">Reopen</button> : null}
    </span>
  );
}

export function DriftTab({ canManage, unread, onNotificationsRead, onOpenActivity, onChanged }: {
  canManage: boolean;
  unread: Notification[];
  onNotificationsRead: () => void;
  onOpenActivity: (key: string) => void;
  onChanged: () => void;
}) {
  const policy = usePolicy();
  const [status, setStatus] = useState<DriftStatus | 'all'>('open');
  const result = useApi((signal) => datamapApi.drift(status, signal), [status]);
  const [updated, setUpdated] = useState<Map<string, Drift>>(() => new Map());
  const [readError, setReadError] = useState<ApiError | undefined>();
  const items = (result.data?.drift ?? []).map((d) => updated.get(d.id) ?? d);

  return (
    <>
      {unread.length > 0 ? (
        <div className="dm-unread" data-testid="drift-notifications">
          <p>
            <strong>{pluralise(unread.length, 'unread notification')}</strong>
            {unread[0] ? <span className="muted"> · latest: {unread[0].title}</span> : null}
          </p>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            data-testid="drift-mark-read"
            onClick={() => {
              setReadError(undefined);
              datamapApi.markNotificationsRead('all').then(onNotificationsRead, (e: unknown) => setReadError(toApiError(e)));
            }}
          >
            Mark all read
          </button>
        </div>
      ) : null}
      {readError ? <ErrorBanner error={readError} /> : null}
      <div className="dm-toolbar">
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => { setStatus(e.target.value as DriftStatus | 'all'); setUpdated(new Map()); }}
          options={[{ value: 'open', label: 'Open' }, { value: 'acknowledged', label: 'Acknowledged' }, { value: 'resolved', label: 'Resolved' }, { value: 'all', label: 'All' }]}
          testId="drift-filter-status"
          fieldClassName="dm-toolbar-select"
        />
        <p className="muted">Re-scans report what changed since the map was last reviewed. Resolve an item once the activities cover it.</p>
      </div>
      <RequestState loading={result.loading} error={result.error} hasData={Boolean(result.data)} onRetry={result.reload} label="Loading drift…" />
      {result.data && items.length === 0 ? (
        <EmptyState title={status === 'open' ? 'No open drift' : 'Nothing here'}>Re-scans add an item here when a table, a personal-data column or a category appears.</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <ul className="dm-drift-list" data-testid="drift-list">
          {items.map((d) => (
            <li key={d.id} className="dm-drift" data-testid="drift-item" data-kind={d.kind} data-status={d.status} data-table={d.table} data-column={d.column ?? ''}>
              <div className="dm-drift-main">
                <p className="dm-drift-title">
                  <Badge tone={KINDS[d.kind]?.tone ?? 'neutral'}>{KINDS[d.kind]?.label ?? d.kind}</Badge>
                  <span className="mono">
                    {d.system} / <Breakable text={`${d.schema ? `${d.schema}.` : ''}${d.table}${d.column ? `.${d.column}` : ''}`} />
                  </span>
                  <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge>
                </p>
                <p className="dm-drift-meta">
                  {d.category ? (
                    <span className="mono">
                      {d.previousCategory ? `${d.previousCategory} → ` : ''}
                      {d.category}
                    </span>
                  ) : null}
                  {d.level ? <LevelBadge level={d.level} policy={policy} /> : null}
                  <span className="muted small">
                    found <DateTime value={d.createdAt} relative />
                  </span>
                </p>
                <p className="dm-drift-meta">
                  <span className="muted small">Affected activities:</span>{' '}
                  {d.affectedActivities.length === 0 ? (
                    <span className="muted small">none (no activity covers it yet)</span>
                  ) : (
                    d.affectedActivities.map((key) => (
                      <button key={key} type="button" className="btn-link mono small" onClick={() => onOpenActivity(key)} data-testid="drift-activity">
                        {key}
                      </button>
                    ))
                  )}
                </p>
                {d.resolutionNote || d.resolvedBy ? (
                  <p className="muted small">
                    {d.status} by {d.resolvedBy ?? 'unknown'} {d.resolvedAt ? <DateTime value={d.resolvedAt} relative /> : null}
                    {d.resolutionNote ? ` — “${d.resolutionNote}”` : ''}
                  </p>
                ) : null}
              </div>
              {canManage ? (
                <div className="dm-drift-actions">
                  <DriftActions item={d} onUpdated={(next) => { setUpdated((m) => new Map(m).set(next.id, next)); onChanged(); }} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
