import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  api,
  AUDIT_EXPORT_URL,
  roleLabel,
  toApiError,
  type ApiError,
  type AuditEvent,
  type AuditFilters,
  type VerifyResult,
} from '../api';
import { useAuth } from '../auth';
import { actorLabel, targetLabel } from '../components/AuditSummary';
import { DateTime, OutcomeBadge } from '../components/Badge';
import { CopyButton } from '../components/CopyButton';
import { EmptyState, ErrorBanner, Loading, RequestState } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Card, PageHeader } from '../components/PageHeader';
import { formatNumber, localInputToIso, pluralise } from '../format';
import { useApi } from '../hooks';

const PAGE_SIZE = 50;

interface FilterForm {
  action: string;
  actor: string;
  targetType: string;
  outcome: string;
  from: string;
  to: string;
}

const EMPTY_FILTERS: FilterForm = { action: '', actor: '', targetType: '', outcome: '', from: '', to: '' };

const KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'setup.complete',
  'setup.token_issue',
  'user.create',
  'user.update',
  'api_key.create',
  'api_key.revoke',
  'audit.export',
  'audit.verify',
];

function toQuery(form: FilterForm): AuditFilters {
  return {
    action: form.action.trim() || undefined,
    actor: form.actor.trim() || undefined,
    targetType: form.targetType.trim() || undefined,
    outcome: form.outcome || undefined,
    from: localInputToIso(form.from),
    to: localInputToIso(form.to),
  };
}

function checkpointCount(value: VerifyResult['checkpoints']): number {
  return Array.isArray(value) ? value.length : Number(value) || 0;
}

function VerifyPanel({ result, error, onDismiss }: { result?: VerifyResult; error?: ApiError; onDismiss: () => void }) {
  if (error) {
    return (
      <div data-testid="verify-result" data-ok="error">
        <ErrorBanner error={error} title="Verification could not run" />
      </div>
    );
  }
  if (!result) return null;
  const checkpoints = checkpointCount(result.checkpoints);
  if (result.ok) {
    return (
      <div className="verify verify-ok" role="status" data-testid="verify-result" data-ok="true">
        <Icon name="check" size={28} className="verify-icon" />
        <div>
          <p className="verify-title">
            Chain intact: {pluralise(result.checkedEvents, 'event')}, {pluralise(checkpoints, 'signed checkpoint')}
          </p>
          <p className="verify-detail">
            Every event{result.lastSeq != null ? <> up to #{result.lastSeq}</> : null} links to its predecessor by hash,
            and every checkpoint signature is valid.
            {result.unsignedEvents > 0 ? (
              <>
                {' '}
                The newest {pluralise(result.unsignedEvents, 'event')} after the last checkpoint{' '}
                {result.unsignedEvents === 1 ? 'is' : 'are'} protected by the hash chain alone until the next checkpoint is
                signed.
              </>
            ) : null}
          </p>
        </div>
        <button type="button" className="btn btn-ghost btn-small verify-dismiss" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  const first = result.problems[0];
  return (
    <div className="verify verify-bad" role="alert" data-testid="verify-result" data-ok="false">
      <Icon name="alert" size={28} className="verify-icon" />
      <div>
        <p className="verify-title">
          {first ? (
            <>
              Chain broken at event #{first.seq}: <code>{first.kind}</code>
            </>
          ) : (
            'Chain verification failed'
          )}
        </p>
        {first?.message ? <p className="verify-detail">{first.message}</p> : null}
        <p className="verify-detail">
          Checked {pluralise(result.checkedEvents, 'event')} and {pluralise(checkpoints, 'signed checkpoint')}. The audit log
          may have been altered: preserve the store and the exported log, and investigate before relying on it.
        </p>
        {result.problems.length > 1 ? (
          <details className="verify-problems">
            <summary>All {result.problems.length} problems</summary>
            <ul>
              {result.problems.map((p, i) => (
                <li key={`${p.seq}-${p.kind}-${i}`}>
                  Event #{p.seq} · <code>{p.kind}</code> · {p.message}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      <button type="button" className="btn btn-ghost btn-small verify-dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

function EventDetails({ event }: { event: AuditEvent }) {
  const hasDetails =
    event.details !== undefined &&
    event.details !== null &&
    !(typeof event.details === 'object' && Object.keys(event.details as object).length === 0);
  return (
    <dl className="kv kv-inline">
      <dt>Event id</dt>
      <dd>
        <code>{event.id}</code>
      </dd>
      <dt>Target</dt>
      <dd>
        <code>{targetLabel(event.target)}</code>
      </dd>
      <dt>Actor</dt>
      <dd>
        {event.actor?.type ?? 'unknown'}
        {event.actor?.id != null ? (
          <>
            {' '}
            <code>{String(event.actor.id)}</code>
          </>
        ) : null}
        {event.actor?.role ? ` · ${roleLabel(event.actor.role)}` : null}
      </dd>
      <dt>Purpose</dt>
      <dd>{event.purpose || <span className="muted">not stated</span>}</dd>
      <dt>Request</dt>
      <dd>{event.requestId ? <code>{event.requestId}</code> : <span className="muted">—</span>}</dd>
      <dt>Details</dt>
      <dd>
        {hasDetails ? (
          <pre className="json">{JSON.stringify(event.details, null, 2)}</pre>
        ) : (
          <span className="muted">none</span>
        )}
      </dd>
    </dl>
  );
}

function PublicKeyCard() {
  const { data, error, loading, reload } = useApi((signal) => api.publicKey(signal));
  return (
    <Card title="Signing key" testId="audit-public-key" headingLevel={2}>
      <p className="muted">
        Checkpoints are signed with this Ed25519 public key. Give it to an external auditor together with an export so
        they can verify the log independently of this server.
      </p>
      <RequestState loading={loading} error={error} hasData={data !== undefined} onRetry={reload} />
      {data ? (
        <>
          <dl className="kv">
            <dt>Key id</dt>
            <dd>
              <code data-testid="audit-key-id">{data.keyId}</code>
            </dd>
          </dl>
          <pre className="pem" data-testid="audit-public-key-pem">
            {data.publicKeyPem.trim()}
          </pre>
          <CopyButton text={data.publicKeyPem} label="Copy public key" />
        </>
      ) : null}
    </Card>
  );
}

export function AuditPage() {
  const { can } = useAuth();
  const [form, setForm] = useState<FilterForm>(EMPTY_FILTERS);
  const [applied, setApplied] = useState<FilterForm>(EMPTY_FILTERS);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [nextBeforeSeq, setNextBeforeSeq] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<VerifyResult | undefined>();
  const [verifyError, setVerifyError] = useState<ApiError | undefined>();
  const [reloadTick, setReloadTick] = useState(0);
  const requestRef = useRef(0);

  const query = useMemo(() => toQuery(applied), [applied]);

  useEffect(() => {
    const controller = new AbortController();
    const request = ++requestRef.current;
    setLoading(true);
    setError(undefined);
    api
      .auditEvents({ ...query, limit: PAGE_SIZE }, controller.signal)
      .then((page) => {
        if (request !== requestRef.current) return;
        setEvents(page.events);
        setNextBeforeSeq(page.nextBeforeSeq ?? null);
        setExpanded(new Set());
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted || request !== requestRef.current) return;
        setError(toApiError(err));
        setEvents([]);
        setNextBeforeSeq(null);
      })
      .finally(() => {
        if (request === requestRef.current) setLoading(false);
      });
    return () => controller.abort();
  }, [query, reloadTick]);

  const loadMore = useCallback(async () => {
    if (nextBeforeSeq == null) return;
    const request = requestRef.current;
    setLoadingMore(true);
    setError(undefined);
    try {
      const page = await api.auditEvents({ ...query, limit: PAGE_SIZE, beforeSeq: nextBeforeSeq });
      if (request !== requestRef.current) return;
      setEvents((current) => {
        const seen = new Set(current.map((e) => e.seq));
        return [...current, ...page.events.filter((e) => !seen.has(e.seq))];
      });
      setNextBeforeSeq(page.nextBeforeSeq ?? null);
    } catch (err) {
      if (request === requestRef.current) setError(toApiError(err));
    } finally {
      setLoadingMore(false);
    }
  }, [nextBeforeSeq, query]);

  async function verify() {
    setVerifying(true);
    setVerifyError(undefined);
    setVerifyResult(undefined);
    try {
      setVerifyResult(await api.verifyAudit());
    } catch (err) {
      setVerifyError(toApiError(err));
    } finally {
      setVerifying(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setApplied({ ...form });
    setReloadTick((t) => t + 1);
  }

  function onReset() {
    setForm(EMPTY_FILTERS);
    setApplied(EMPTY_FILTERS);
  }

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const set = (key: keyof FilterForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const filtersActive = Object.values(applied).some((v) => v !== '');
  const dateError =
    form.from && form.to && new Date(form.from).getTime() > new Date(form.to).getTime()
      ? 'The end of the range is before its start.'
      : undefined;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="A tamper-evident, append-only record of every security-relevant action. Events are hash-chained and sealed by signed checkpoints."
        actions={
          <>
            {can('audit:export') ? (
              <a className="btn btn-secondary" href={AUDIT_EXPORT_URL} download data-testid="audit-export">
                <Icon name="download" size={16} />
                Export JSONL
              </a>
            ) : null}
            {can('audit:verify') ? (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => void verify()}
                disabled={verifying}
                data-testid="audit-verify"
              >
                <Icon name="audit" size={16} />
                {verifying ? 'Verifying…' : 'Verify chain'}
              </button>
            ) : null}
          </>
        }
      />

      {verifying ? <Loading label="Verifying the hash chain and checkpoint signatures…" /> : null}
      <VerifyPanel
        result={verifyResult}
        error={verifyError}
        onDismiss={() => {
          setVerifyResult(undefined);
          setVerifyError(undefined);
        }}
      />

      <Card className="filters-card">
        <form className="filters" onSubmit={onSubmit} onReset={onReset} aria-label="Filter audit events" data-testid="audit-filters">
          <TextField
            label="Action"
            name="action"
            list="audit-actions"
            placeholder="e.g. auth.login"
            value={form.action}
            onChange={set('action')}
            testId="audit-filter-action"
            autoComplete="off"
          />
          <datalist id="audit-actions">
            {[...new Set([...KNOWN_ACTIONS, ...events.map((e) => e.action)])].sort().map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <TextField
            label="Actor"
            name="actor"
            placeholder="Username or id"
            value={form.actor}
            onChange={set('actor')}
            testId="audit-filter-actor"
            autoComplete="off"
          />
          <TextField
            label="Target type"
            name="targetType"
            placeholder="e.g. user"
            value={form.targetType}
            onChange={set('targetType')}
            testId="audit-filter-target"
            autoComplete="off"
          />
          <SelectField
            label="Outcome"
            name="outcome"
            value={form.outcome}
            onChange={set('outcome')}
            testId="audit-filter-outcome"
            options={[
              { value: '', label: 'Any outcome' },
              { value: 'success', label: 'Success' },
              { value: 'failure', label: 'Failure' },
              { value: 'denied', label: 'Denied' },
            ]}
          />
          <TextField
            label="From"
            name="from"
            type="datetime-local"
            value={form.from}
            onChange={set('from')}
            testId="audit-filter-from"
          />
          <TextField
            label="To"
            name="to"
            type="datetime-local"
            value={form.to}
            onChange={set('to')}
            error={dateError}
            testId="audit-filter-to"
          />
          <div className="filter-buttons">
            <button type="submit" className="btn btn-primary" disabled={Boolean(dateError)} data-testid="audit-filter-apply">
              Apply filters
            </button>
            <button type="reset" className="btn btn-ghost">
              Clear
            </button>
          </div>
        </form>
      </Card>

      {error ? <ErrorBanner error={error} onRetry={() => setReloadTick((t) => t + 1)} /> : null}

      <Card>
        <div className="table-toolbar">
          <p className="muted" role="status" aria-live="polite" data-testid="audit-count">
            {loading
              ? 'Loading events…'
              : `Showing ${pluralise(events.length, 'event')}${filtersActive ? ' matching the filters' : ''}${
                  nextBeforeSeq != null ? ' (more available)' : ''
                }`}
          </p>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setReloadTick((t) => t + 1)}
            disabled={loading}
          >
            Refresh
          </button>
        </div>
        {loading && events.length === 0 ? <Loading label="Loading audit events…" /> : null}
        {!loading && !error && events.length === 0 ? (
          <EmptyState title={filtersActive ? 'No events match these filters' : 'No audit events yet'}>
            {filtersActive ? 'Widen the date range or clear the filters.' : null}
          </EmptyState>
        ) : null}
        {events.length > 0 ? (
          <div className="table-wrap">
            <table className="table table-audit" data-testid="audit-table">
              <caption className="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Seq
                  </th>
                  <th scope="col">Time</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => {
                  const open = expanded.has(event.id);
                  const detailsId = `audit-details-${event.seq}`;
                  return (
                    <Fragment key={event.id}>
                      <tr
                        data-testid="audit-row"
                        data-seq={event.seq}
                        data-action={event.action}
                        data-outcome={event.outcome}
                        className={open ? 'row-open' : undefined}
                      >
                        <td className="num mono">{event.seq}</td>
                        <td className="nowrap">
                          <DateTime value={event.occurredAt} />
                        </td>
                        <td>
                          <span className="cell-title">{actorLabel(event.actor)}</span>
                          <span className="cell-sub">
                            {event.actor?.type ?? 'unknown'}
                            {event.actor?.role ? ` · ${roleLabel(event.actor.role)}` : ''}
                          </span>
                        </td>
                        <td>
                          <code className="event-action">{event.action}</code>
                        </td>
                        <td className="mono small nowrap" title={targetLabel(event.target)}>
                          {targetLabel(event.target, true)}
                        </td>
                        <td>
                          <OutcomeBadge outcome={event.outcome} />
                        </td>
                        <td className="actions">
                          <button
                            type="button"
                            className="btn btn-ghost btn-small"
                            aria-expanded={open}
                            aria-controls={detailsId}
                            onClick={() => toggle(event.id)}
                          >
                            {open ? 'Hide' : 'Details'}
                            <span className="visually-hidden"> for event {event.seq}</span>
                          </button>
                        </td>
                      </tr>
                      {open ? (
                        <tr className="row-details" id={detailsId}>
                          <td colSpan={7}>
                            <EventDetails event={event} />
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
        {nextBeforeSeq != null && events.length > 0 ? (
          <div className="load-more">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => void loadMore()}
              disabled={loadingMore}
              data-testid="audit-load-more"
            >
              {loadingMore ? 'Loading…' : `Load older events (before #${formatNumber(nextBeforeSeq)})`}
            </button>
          </div>
        ) : null}
      </Card>

      <PublicKeyCard />
    </>
  );
}
