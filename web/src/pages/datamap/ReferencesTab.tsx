/**
 * References between tables carry identities to the tables that hold no identity of their own.
 * Inferred ones wait for a person (accept or reject, with the evidence); anyone with map:manage can
 * declare one the schema does not (also across systems).
 */
import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../../api';
import { Badge } from '../../components/Badge';
import { EmptyState, ErrorBanner, Notice, RequestState } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { Card } from '../../components/PageHeader';
import { formatNumber, formatPercent } from '../../format';
import { useApi } from '../../hooks';
import { datamapApi } from './client';
import { tableName } from './shared';
import type { MapView, Reference, ReferenceEnd } from './types';

const endLabel = (end: ReferenceEnd) => `${end.system}/${tableName(end)}.${end.columns.join('+')}`;
const num = (value: unknown) => (typeof value === 'number' ? value : null);

function Evidence({ reference }: { reference: Reference }) {
  const ev = reference.evidence;
  const sampled = num(ev.sampled);
  const contained = num(ev.contained);
  return (
    <dl className="kv kv-inline" data-testid="reference-evidence">
      <dt>Name rule</dt>
      <dd>{typeof ev.nameRule === 'string' ? <code>{ev.nameRule}</code> : <span className="muted">—</span>}</dd>
      <dt>Values</dt>
      <dd>
        {sampled != null ? `${formatNumber(sampled)} sampled` : '—'}
        {contained != null ? ` · ${formatNumber(contained)} found in the target` : ''}
        {sampled ? <span className="muted"> ({formatPercent((contained ?? 0) / sampled)})</span> : null}
      </dd>
      <dt>Confidence</dt>
      <dd>{formatPercent(reference.confidence)}</dd>
    </dl>
  );
}

function ReviewButtons({ reference, onDone }: { reference: Reference; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const review = (status: 'active' | 'rejected') => {
    setBusy(true);
    setError(undefined);
    datamapApi.reviewReference(reference.id, { status }).then(onDone, (e: unknown) => {
      setError(toApiError(e));
      setBusy(false);
    });
  };
  return (
    <span className="row-actions">
      <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => review('active')} data-testid="reference-accept">Accept</button>
      <button type="button" className="btn btn-danger-ghost btn-small" disabled={busy} onClick={() => review('rejected')} data-testid="reference-reject">Reject</button>
      {error ? <span className="field-error">{error.detail}</span> : null}
    </span>
  );
}

function DeclareForm({ map, onDeclared }: { map: MapView | undefined; onDeclared: (r: Reference) => void }) {
  const blank = { system: '', table: '', columns: '' };
  const [from, setFrom] = useState(blank);
  const [to, setTo] = useState(blank);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const systems = map?.systems ?? [];
  const tablesOf = (system: string) => systems.find((s) => s.name === system)?.tables ?? [];
  const toEnd = (e: typeof blank): ReferenceEnd => {
    const table = tablesOf(e.system).find((t) => tableName(t) === e.table);
    return { system: e.system, schema: table?.schema ?? '', table: table?.table ?? e.table, columns: e.columns.split(/[,+\s]+/).filter(Boolean) };
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { reference } = await datamapApi.declareReference({ from: toEnd(from), to: toEnd(to), ...(note.trim() ? { note: note.trim() } : {}) });
      setFrom(blank);
      setTo(blank);
      setNote('');
      onDeclared(reference);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const side = (label: string, value: typeof blank, set: (v: typeof blank) => void, prefix: 'from' | 'to') => (
    <fieldset className="dm-rows">
      <legend>{label}</legend>
      <div className="form-grid">
        <SelectField label="System" value={value.system} onChange={(e) => set({ ...blank, system: e.target.value })} options={[{ value: '', label: 'Choose…' }, ...systems.map((s) => ({ value: s.name, label: s.name }))]} error={error?.fieldError(`${prefix}.system`)} testId={`reference-${prefix}-system`} />
        <SelectField label="Table" value={value.table} onChange={(e) => set({ ...value, table: e.target.value })} options={[{ value: '', label: 'Choose…' }, ...tablesOf(value.system).map((t) => ({ value: tableName(t), label: tableName(t) }))]} error={error?.fieldError(`${prefix}.table`)} testId={`reference-${prefix}-table`} />
        <TextField label="Columns" value={value.columns} onChange={(e) => set({ ...value, columns: e.target.value })} placeholder="customer_id" className="mono" hint="Several columns: separate with commas" error={error?.fieldError(`${prefix}.columns`)} testId={`reference-${prefix}-columns`} />
      </div>
    </fieldset>
  );

  return (
    <form className="form" onSubmit={(e) => void submit(e)} data-testid="reference-declare">
      {side('From (the table holding the key)', from, setFrom, 'from')}
      {side('To (the table it points at)', to, setTo, 'to')}
      <TextField label="Note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why: e.g. the CRM stores our customer number" />
      {error ? <ErrorBanner error={error} title="The reference was not declared" /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !from.table || !to.table || !from.columns || !to.columns} data-testid="reference-declare-submit">
          {busy ? 'Declaring…' : 'Declare reference'}
        </button>
      </div>
    </form>
  );
}

export function ReferencesTab({ canManage, map, onChanged }: { canManage: boolean; map: MapView | undefined; onChanged: () => void }) {
  const [tick, setTick] = useState(0);
  const [declared, setDeclared] = useState<Reference | null>(null);
  const result = useApi((signal) => datamapApi.references(signal), [tick]);
  const references = result.data?.references ?? [];
  const waiting = references.filter((r) => r.origin === 'inferred' && r.status === 'active');
  const done = () => {
    setTick((t) => t + 1);
    onChanged();
  };
  const counts = ['introspected', 'declared', 'inferred'].map((o) => `${formatNumber(references.filter((r) => r.origin === o && r.status === 'active').length)} ${o}`);

  return (
    <>
      <Card title="Inferred references waiting for review" testId="references-review">
        <RequestState loading={result.loading} error={result.error} hasData={Boolean(result.data)} onRetry={result.reload} label="Loading references…" />
        {result.data ? <p className="muted">{counts.join(' · ')} · {formatNumber(references.filter((r) => r.status === 'rejected').length)} rejected</p> : null}
        {result.data && waiting.length === 0 ? <EmptyState title="Nothing to review">References the scanner infers from column names and data show here until a person accepts or rejects them.</EmptyState> : null}
        {waiting.length > 0 ? (
          <ul className="dm-ref-list">
            {waiting.map((r) => (
              <li key={r.id} className="dm-ref" data-testid="reference-item" data-id={r.id}>
                <div>
                  <p className="mono">
                    {endLabel(r.from)} → {endLabel(r.to)} <Badge tone={r.confidence >= 0.8 ? 'success' : 'warning'}>{formatPercent(r.confidence)}</Badge>
                  </p>
                  <Evidence reference={r} />
                </div>
                {canManage ? <ReviewButtons reference={r} onDone={done} /> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      {canManage ? (
        <Card title="Declare a reference" testId="references-declare-card">
          <p className="muted">For links the schema does not declare, across systems too: the identity graph follows them from the next map on.</p>
          {declared ? <Notice tone="success" testId="reference-declared">Declared {endLabel(declared.from)} → {endLabel(declared.to)}.</Notice> : null}
          <DeclareForm map={map} onDeclared={(r) => { setDeclared(r); done(); }} />
        </Card>
      ) : null}
    </>
  );
}
