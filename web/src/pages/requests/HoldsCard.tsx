/**
 * Legal holds: what an erasure must keep while a matter is open. Staff place a hold on a system, a
 * table, a data category or one subject (by e-mail; only its keyed hash is stored) and release it.
 */
import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../../api';
import { DateTime } from '../../components/Badge';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyState, ErrorBanner, RequestState } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { Card } from '../../components/PageHeader';
import { useApi } from '../../hooks';
import { holdsApi, type HoldScope, type LegalHold } from './client';

const SCOPES: { id: HoldScope; label: string; placeholder: string }[] = [
  { id: 'system', label: 'A system', placeholder: 'demo-shop' },
  { id: 'table', label: 'A table', placeholder: 'demo-shop/shop.payments' },
  { id: 'category', label: 'A data category', placeholder: 'user.financial' },
  { id: 'subject', label: 'One subject (e-mail)', placeholder: 'jane@example.com' },
];

function covers(h: LegalHold): string {
  if (h.scope === 'subject') return 'A subject (identity kept as a keyed hash)';
  if (h.scope === 'table') return `${h.system ?? ''}/${h.schema ? `${h.schema}.` : ''}${h.table ?? ''}`;
  return h.system ?? h.category ?? '';
}

/** `system/schema.table` → the API's fields. */
function target(scope: HoldScope, value: string): Record<string, unknown> {
  const v = value.trim();
  if (scope === 'system') return { system: v };
  if (scope === 'category') return { category: v };
  if (scope === 'subject') return { identity: { kind: 'email', value: v } };
  const m = /^([^/]+)\/(?:([^.]+)\.)?(.+)$/.exec(v);
  return m ? { system: m[1], schema: m[2] ?? '', table: m[3] } : { system: v, table: '' };
}

export function HoldsCard({ canManage }: { canManage: boolean }) {
  const [tick, setTick] = useState(0);
  const result = useApi((signal) => holdsApi.list(signal), [tick]);
  const [scope, setScope] = useState<HoldScope>('table');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [matter, setMatter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const holds = result.data?.holds ?? [];
  const chosen = SCOPES.find((s) => s.id === scope)!;

  async function place(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await holdsApi.add({ scope, ...target(scope, value), reason, ...(matter.trim() ? { matter } : {}) });
      setValue('');
      setReason('');
      setMatter('');
      setTick((t) => t + 1);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Legal holds" testId="holds">
      <p className="muted small">An erasure keeps what a hold covers, and tells the subject why. Release a hold when its matter closes; it stays on record.</p>
      <RequestState loading={result.loading} error={result.error} hasData={Boolean(result.data)} onRetry={result.reload} label="Loading legal holds…" />
      {result.data && !holds.length ? <EmptyState title="No legal holds in force" /> : null}
      {holds.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Covers</th>
                <th scope="col">Reason</th>
                <th scope="col">Matter</th>
                <th scope="col">Placed</th>
                {canManage ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {holds.map((h) => (
                <tr key={h.id} data-testid="hold-row" data-scope={h.scope}>
                  <td className="mono">{covers(h)}</td>
                  <td>{h.reason}</td>
                  <td>{h.matter ?? <span className="muted">—</span>}</td>
                  <td>
                    <DateTime value={h.createdAt} /> <span className="muted small">by {h.createdBy}</span>
                  </td>
                  {canManage ? (
                    <td>
                      <ConfirmButton label="Release" hiddenLabel={covers(h)} question="Release this hold? Erasures will no longer keep what it covers." busyLabel="Releasing…" onConfirm={async () => void (await holdsApi.release(h.id))} onDone={() => setTick((t) => t + 1)} testId="hold-release" />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canManage ? (
        <form className="dsr-hold-form" onSubmit={place} data-testid="hold-form">
          <SelectField label="Hold" value={scope} onChange={(e) => setScope(e.target.value as HoldScope)} options={SCOPES.map((s) => ({ value: s.id, label: s.label }))} testId="hold-scope" />
          <TextField label={chosen.label} value={value} onChange={(e) => setValue(e.target.value)} placeholder={chosen.placeholder} required autoComplete="off" testId="hold-target" />
          <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Pending litigation" required minLength={3} testId="hold-reason" />
          <TextField label="Matter (optional)" value={matter} onChange={(e) => setMatter(e.target.value)} placeholder="Case 2026-17" testId="hold-matter" />
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="hold-add">{busy ? 'Placing…' : 'Place hold'}</button>
          {error ? <ErrorBanner error={error} /> : null}
        </form>
      ) : null}
    </Card>
  );
}
