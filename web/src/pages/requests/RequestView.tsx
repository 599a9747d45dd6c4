/**
 * One request: who asked (identities masked), the legal clock, what staff may do next (verify,
 * send a code, extend, preview, run, download) and the timeline of what happened.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../../api';
import { useAuth } from '../../auth';
import { Badge, DateTime } from '../../components/Badge';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner, Notice, RequestState } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { Card } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useApi } from '../../hooks';
import { packageUrl, requestsApi } from './client';
import { PlanTables, RunResult } from './PlanPanel';
import { DueLabel, StatusBadge } from './shared';
import { humanise, IDENTITY_LABELS, isClosed, PACKAGED, RUNNABLE, typeLabel, type PlanView, type RequestDetail, type RunSummary } from './types';

/** A one-field action: a text box with a required reason and a submit button. */
function NoteAction({ label, busyLabel, field, placeholder, hint, onSubmit, testId }: { label: string; busyLabel: string; field: string; placeholder: string; hint: ReactNode; onSubmit: (text: string) => Promise<void>; testId: string }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(text.trim());
      setText('');
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }
  const fieldError = error?.fieldError(field);
  return (
    <form className="dsr-action-form" onSubmit={(e) => void submit(e)} noValidate data-testid={testId}>
      <label className="dsr-action-label" htmlFor={`${testId}-input`}>
        {field === 'note' ? 'How was the identity checked?' : 'Reason sent to the subject'}
      </label>
      <div className="dsr-action-row">
        <input id={`${testId}-input`} className="input" value={text} onChange={(e) => setText(e.target.value)} placeholder={placeholder} maxLength={2000} aria-invalid={fieldError ? true : undefined} data-testid={`${testId}-input`} />
        <button type="submit" className="btn btn-secondary" disabled={busy || text.trim().length === 0} data-testid={`${testId}-submit`}>
          {busy ? busyLabel : label}
        </button>
      </div>
      <p className="field-hint">{hint}</p>
      {fieldError ? <p className="field-error">{fieldError}</p> : error ? <ErrorBanner error={error} title={`${label} failed`} testId={`${testId}-error`} /> : null}
    </form>
  );
}

function SendCode({ request, onDone }: { request: RequestDetail; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [sent, setSent] = useState<string | null>(null);
  const hasEmail = request.identities.some((i) => i.kind === 'email');
  async function send() {
    setBusy(true);
    setError(undefined);
    try {
      const { sent: result } = await requestsApi.sendCode(request.id);
      setSent(result.expiresAt);
      onDone();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="dsr-action-form" data-testid="send-code">
      <span className="dsr-action-label">Or let the subject prove the e-mail address is theirs</span>
      <div className="dsr-action-row">
        <button type="button" className="btn btn-secondary" onClick={() => void send()} disabled={busy || !hasEmail} data-testid="send-code-button">
          {busy ? 'Sending…' : 'Send code by e-mail'}
        </button>
      </div>
      <p className="field-hint">{hasEmail ? 'The subject types the one-time code into the portal.' : 'The request names no e-mail address: verify it by staff.'}</p>
      {sent ? <Notice tone="success" testId="send-code-sent">Code sent; it expires {formatDateTime(sent)}.</Notice> : null}
      {error ? <ErrorBanner error={error} title="The code was not sent" testId="send-code-error" /> : null}
    </div>
  );
}

function RequestHeader({ request }: { request: RequestDetail }) {
  return (
    <Card
      title={
        <span className="dsr-title">
          {typeLabel(request.type)} request
          <StatusBadge status={request.status} />
          {request.overdue ? <Badge tone="danger">Overdue</Badge> : null}
        </span>
      }
      testId="request-header"
    >
      <div className="dsr-header-grid" data-status={request.status} data-testid="request-summary">
        <dl className="kv">
          <dt>Jurisdiction</dt>
          <dd data-testid="request-jurisdiction">
            {request.jurisdiction}
            {request.subjectCountry ? <span className="muted"> · subject in {request.subjectCountry}</span> : null}
          </dd>
          <dt>Due</dt>
          <dd>
            <DueLabel dueAt={request.extendedDueAt ?? request.dueAt} status={request.status} overdue={request.overdue} testId="request-due" />
            {request.extendedDueAt ? (
              <span className="cell-sub" data-testid="request-extension">
                Extended from {formatDateTime(request.dueAt)}
                {request.extensionReason ? `: ${request.extensionReason}` : ''}
              </span>
            ) : null}
          </dd>
          <dt>Received</dt>
          <dd>
            <DateTime value={request.receivedAt} /> <span className="muted">via {humanise(request.channel)}</span>
          </dd>
          <dt>Verified</dt>
          <dd data-testid="request-verified">
            {request.verifiedAt ? (
              <>
                <DateTime value={request.verifiedAt} /> <span className="muted">{request.verificationMethod === 'email_code' ? 'by e-mail code' : request.verificationMethod ? `by ${humanise(request.verificationMethod).toLowerCase()}` : ''}</span>
              </>
            ) : (
              <Badge tone="warning">Not yet</Badge>
            )}
          </dd>
          {request.completedAt ? (
            <>
              <dt>Completed</dt>
              <dd>
                <DateTime value={request.completedAt} />
              </dd>
            </>
          ) : null}
        </dl>
        <dl className="kv">
          <dt>Identities</dt>
          <dd>
            <ul className="dsr-identities" data-testid="request-identities">
              {request.identities.map((i, n) => (
                <li key={n} data-kind={i.kind}>
                  <span className="muted">{(IDENTITY_LABELS as Record<string, string>)[i.kind] ?? humanise(i.kind)}</span> <code className="mono">{i.masked}</code>
                </li>
              ))}
            </ul>
          </dd>
          <dt>Agent</dt>
          <dd data-testid="request-agent">
            {request.agent ? (
              <>
                {request.agent.name}
                {request.agent.relationship ? <span className="muted"> · {request.agent.relationship}</span> : null}
                {request.agent.authorisation ? <span className="cell-sub">{request.agent.authorisation}</span> : null}
              </>
            ) : (
              <span className="muted">The subject asked in person</span>
            )}
          </dd>
          <dt>Reference</dt>
          <dd className="mono small">{request.id}</dd>
        </dl>
      </div>
    </Card>
  );
}

function Timeline({ request }: { request: RequestDetail }) {
  const events = [...request.events].reverse();
  return (
    <Card title="Timeline" testId="request-timeline">
      <ol className="dsr-timeline">
        {events.map((e, i) => (
          <li key={`${e.at}-${i}`} data-testid="request-event" data-kind={e.kind}>
            <span className="dsr-timeline-dot" aria-hidden="true" />
            <div>
              <p>
                <code className="event-action">{e.kind}</code> <span className="muted">by {e.actor ?? 'system'}</span>
              </p>
              {describeEvent(e.details) ? <p className="muted small">{describeEvent(e.details)}</p> : null}
              {typeof e.details?.text === 'string' ? (
                <details data-testid="request-response">
                  <summary className="small">The response to the subject</summary>
                  <pre className="dsr-response">{e.details.text}</pre>
                </details>
              ) : null}
            </div>
            <span className="event-time">
              <DateTime value={e.at} />
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function stepLabel(step: string): string {
  return step === 'email' ? 'the e-mailed code' : step === 'staff' ? 'a staff check' : step === 'agent' ? 'the agent’s authorisation' : step;
}

/** The event's details as one readable line (the run summaries get their own panel). */
function describeEvent(details: Record<string, unknown> | null): string {
  if (!details) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    // The response's text has its own block; its subject line says enough here.
    if (key === 'text') continue;
    if (key === 'systems' && Array.isArray(value)) parts.push(`${value.length} ${value.length === 1 ? 'system' : 'systems'}`);
    else if (value === null || value === undefined || value === '' || value === false || typeof value === 'object') continue;
    else if (value === true) parts.push(humanise(key.replace(/([A-Z])/g, ' $1').toLowerCase()));
    else if (/At$/.test(key) && typeof value === 'string') parts.push(`${humanise(key.replace(/At$/, ''))}: ${formatDateTime(value)}`);
    else parts.push(`${humanise(key.replace(/([A-Z])/g, ' $1').toLowerCase())}: ${String(value)}`);
  }
  return parts.join(' · ');
}

export function RequestView({ id, onBack, onChanged }: { id: string; onBack: () => void; onChanged: () => void }) {
  const { can } = useAuth();
  const canManage = can('dsr:manage');
  const [tick, setTick] = useState(0);
  const result = useApi((signal) => requestsApi.get(id, signal), [id, tick]);
  const [plan, setPlan] = useState<PlanView | undefined>();
  const [planBusy, setPlanBusy] = useState(false);
  const [planError, setPlanError] = useState<ApiError | undefined>();
  const [summary, setSummary] = useState<RunSummary | undefined>();
  const request = result.data?.request;

  const refresh = () => {
    setTick((t) => t + 1);
    onChanged();
  };

  async function preview() {
    setPlanBusy(true);
    setPlanError(undefined);
    try {
      setPlan(await requestsApi.plan(id));
    } catch (e) {
      setPlanError(toApiError(e));
    } finally {
      setPlanBusy(false);
    }
  }

  const back = (
    <button type="button" className="btn btn-ghost btn-small" onClick={onBack} data-testid="request-back">
      ← Back to the queue
    </button>
  );
  if (!request) {
    return (
      <div className="stack">
        <div>{back}</div>
        <RequestState loading={result.loading} error={result.error} hasData={false} onRetry={result.reload} label="Loading the request…" />
      </div>
    );
  }

  const closed = isClosed(request.status);
  const runnable = RUNNABLE.includes(request.type);
  const erasure = request.type === 'erasure';
  // A rectification's plan and result read like an erasure's: per table, the rows it changes.
  const changes = erasure || request.type === 'rectification';
  const shownSummary = summary ?? request.result ?? undefined;
  const canDownload = canManage && PACKAGED.includes(request.type) && Boolean(request.verifiedAt);

  return (
    <div className="stack" data-testid="request-detail" data-id={request.id} data-status={request.status}>
      <div className="dsr-detail-top">{back}</div>
      <RequestHeader request={request} />

      {canManage && !closed ? (
        <Card title="Next steps" testId="request-actions">
          <div className="dsr-actions">
            {!request.verifiedAt ? (
              <section className="dsr-action">
                <h3 className="detail-title">1. Verify the subject&rsquo;s identity</h3>
                <p className="muted small">Nothing is released or erased until the identity is verified.</p>
                {request.verification && (request.verification.level !== 'email' || request.verification.agent) ? (
                  <p className="small" data-testid="verification-missing">
                    This request needs {request.verification.level === 'email+staff' ? 'the e-mailed code and a staff check' : 'a verified identity'}
                    {request.verification.agent ? ', and staff checking the agent’s authorisation' : ''}.
                    {request.verification.done.length ? ` Done: ${request.verification.done.map(stepLabel).join(', ')}.` : ''}
                    {request.verification.missing.length ? ` Still needed: ${request.verification.missing.map(stepLabel).join(', ')}.` : ''}
                  </p>
                ) : null}
                <NoteAction label="Verify by staff" busyLabel="Verifying…" field="note" placeholder="Called back on the number on file; confirmed date of birth" hint="Recorded on the timeline and in the audit log." onSubmit={async (note) => { await requestsApi.verify(request.id, note); refresh(); }} testId="verify" />
                <SendCode request={request} onDone={refresh} />
              </section>
            ) : null}
            {runnable ? (
              <section className="dsr-action" data-testid="run-section">
                <h3 className="detail-title">{request.verifiedAt ? '' : '2. '}Fulfil the request</h3>
                {erasure ? (
                  <Notice tone="warning" testId="erasure-warning">
                    <strong>Erasure cannot be undone.</strong> Matched rows are deleted or changed in the live systems per the erasure policy; only what the law requires is kept. Preview the plan first.
                  </Notice>
                ) : request.type === 'rectification' ? (
                  <p className="muted small">Writes the corrections to the subject&rsquo;s own rows in the live systems; rows shared with other people are not changed. Preview the plan first.</p>
                ) : (
                  <p className="muted small">Collects every matched row from the live systems for the subject&rsquo;s package.</p>
                )}
                {request.verifiedAt ? (
                  <ConfirmButton
                    label={erasure ? 'Run erasure' : request.type === 'rectification' ? 'Write corrections' : 'Run request'}
                    question={erasure ? 'Erase this subject’s data in every system now?' : request.type === 'rectification' ? 'Write the corrections to every system now?' : 'Collect the subject’s data from every system now?'}
                    busyLabel="Running…"
                    onConfirm={async () => {
                      const { summary: done } = await requestsApi.run(request.id);
                      setSummary(done);
                    }}
                    onDone={refresh}
                    testId="run"
                  />
                ) : (
                  <p className="muted small" data-testid="run-blocked">Available once the identity is verified.</p>
                )}
              </section>
            ) : (
              <section className="dsr-action">
                <h3 className="detail-title">Fulfil the request</h3>
                <p className="muted small">{typeLabel(request.type)} requests are not executed by the engine: act on them in the systems concerned and record the outcome.</p>
              </section>
            )}
            {!request.extendedDueAt ? (
              <section className="dsr-action">
                <h3 className="detail-title">Need more time?</h3>
                <NoteAction label="Extend" busyLabel="Extending…" field="reason" placeholder="The request is complex: records span several systems" hint="Takes the extension the jurisdiction allows; the reason is sent to the subject." onSubmit={async (reason) => { await requestsApi.extend(request.id, reason); refresh(); }} testId="extend" />
              </section>
            ) : null}
          </div>
        </Card>
      ) : null}

      {canDownload ? (
        <Card title="Package for the subject" testId="request-package">
          <div className="dsr-package">
            <p className="muted">A zip with JSON and CSV per table, a readable report and a manifest. Downloading it is recorded in the audit log.</p>
            <a className="btn btn-primary" href={packageUrl(request.id)} download data-testid="package-download">
              <Icon name="download" size={16} />
              Download package
            </a>
          </div>
        </Card>
      ) : null}

      {shownSummary ? (
        <Card title="Result" testId="request-result">
          <RunResult summary={shownSummary} erasure={changes} />
        </Card>
      ) : null}

      <Card
        title="Plan"
        testId="request-plan"
        actions={
          runnable ? (
            <button type="button" className="btn btn-secondary btn-small" onClick={() => void preview()} disabled={planBusy} data-testid="plan-preview">
              {planBusy ? 'Counting…' : plan ? 'Preview again' : 'Preview plan'}
            </button>
          ) : undefined
        }
      >
        {!runnable ? <p className="muted">No plan: {typeLabel(request.type).toLowerCase()} requests are handled by hand.</p> : null}
        {runnable && !plan && !planError ? <p className="muted">See which tables hold rows for this subject and what {erasure ? 'an erasure' : 'a run'} would do with them. Previewing changes nothing.</p> : null}
        {planError ? <ErrorBanner error={planError} title="The plan could not be built" testId="plan-error" /> : null}
        {plan ? <PlanTables plan={plan} erasure={changes} /> : null}
      </Card>

      <Timeline request={request} />
    </div>
  );
}
