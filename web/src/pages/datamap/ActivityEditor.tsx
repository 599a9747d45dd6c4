/**
 * Creates or edits one processing activity. Pickers come from the taxonomy, legal bases and
 * transfer mechanisms from the law files, systems from the inventory. Saving PUTs the whole
 * activity; the server's field problems show next to the fields they concern.
 */
import { useState, type FormEvent } from 'react';
import { api, toApiError, type ApiError, type System } from '../../api';
import { Badge } from '../../components/Badge';
import { ErrorBanner, Notice } from '../../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { Card } from '../../components/PageHeader';
import { useApi } from '../../hooks';
import { fieldErrorOf, LegalBasesRows, RecipientsRows, TransfersRows, type BasisRow, type RecipientRow, type TransferRow } from './ActivityRows';
import { datamapApi } from './client';
import { KeyPicker } from './KeyPicker';
import { DPIA_STATUSES, humanise, ROLE_LABELS, ROLES, type Activity, type ActivityInput, type DpiaStatus, type Role } from './types';

/** The `activity` address value that opens an empty editor (no key can start with an underscore). */
export const NEW_ACTIVITY = '_new';

interface Form {
  key: string;
  name: string;
  description: string;
  role: Role;
  dataUses: string[];
  dataCategories: string[];
  dataSubjects: string[];
  legalBases: BasisRow[];
  period: string;
  trigger: string;
  retentionDescription: string;
  recipients: RecipientRow[];
  transfers: TransferRow[];
  systems: string[];
  dpiaStatus: DpiaStatus;
  dpiaReference: string;
}

function toForm(a: Activity | null): Form {
  return {
    key: a?.key ?? '',
    name: a?.name ?? '',
    description: a?.description ?? '',
    role: a?.role ?? 'controller',
    dataUses: a?.dataUses ?? [],
    dataCategories: a?.dataCategories ?? [],
    dataSubjects: a?.dataSubjects ?? [],
    legalBases: (a?.legalBases ?? []).map((b) => ({ jurisdiction: b.jurisdiction, basis: b.basis, specialCondition: b.specialCondition ?? '' })),
    period: a?.retention?.period ?? '',
    trigger: a?.retention?.trigger ?? 'collection',
    retentionDescription: a?.retention?.description ?? '',
    recipients: (a?.recipients ?? []).map((r) => ({ name: r.name, type: r.type, country: r.country ?? '', purpose: r.purpose ?? '' })),
    transfers: (a?.transfers ?? []).map((t) => ({ destination: t.destination, recipient: t.recipient ?? '', jurisdiction: t.jurisdiction ?? 'GDPR', mechanism: t.mechanism ?? '' })),
    systems: a?.systems ?? [],
    dpiaStatus: a?.dpia.status ?? 'not_assessed',
    dpiaReference: a?.dpia.reference ?? '',
  };
}

const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

function toInput(f: Form, previous: Activity | null): ActivityInput {
  const hasRetention = Boolean(f.period.trim() || f.retentionDescription.trim());
  return {
    key: f.key.trim(),
    name: f.name,
    description: f.description,
    role: f.role,
    ...(previous?.controller ? { controller: previous.controller } : {}),
    dataUses: f.dataUses,
    dataCategories: f.dataCategories,
    dataSubjects: f.dataSubjects,
    legalBases: f.legalBases.map((b) => ({ jurisdiction: b.jurisdiction, basis: b.basis, ...(opt(b.specialCondition) ? { specialCondition: b.specialCondition } : {}) })),
    retention: hasRetention ? { ...(opt(f.period) ? { period: f.period.trim() } : {}), trigger: opt(f.trigger) ?? 'collection', ...(opt(f.retentionDescription) ? { description: f.retentionDescription } : {}) } : null,
    recipients: f.recipients.map((r) => ({ name: r.name, type: r.type, ...(opt(r.country) ? { country: r.country.trim() } : {}), ...(opt(r.purpose) ? { purpose: r.purpose } : {}) })),
    transfers: f.transfers.map((t) => ({ destination: t.destination.trim(), jurisdiction: t.jurisdiction, ...(opt(t.recipient) ? { recipient: t.recipient } : {}), ...(opt(t.mechanism) ? { mechanism: t.mechanism } : {}) })),
    systems: f.systems,
    dpia: { status: f.dpiaStatus, ...(opt(f.dpiaReference) ? { reference: f.dpiaReference.trim() } : {}), ...(previous?.dpia.completedAt ? { completedAt: previous.dpia.completedAt } : {}) },
  };
}

/** Every problem under a list field (dataCategories.2 …), joined for the picker that holds the list. */
function listError(error: ApiError | undefined, field: string): string | undefined {
  const found = error?.errors.filter((e) => new RegExp(`(^|[./])${field}([./]|$)`).test(e.field)) ?? [];
  return found.length ? found.map((e) => e.message).join('; ') : undefined;
}

export function ActivityEditor({ activity, readOnly, onClose, onSaved }: { activity: Activity | null; readOnly: boolean; onClose: () => void; onSaved: (a: Activity) => void }) {
  const [form, setForm] = useState<Form>(() => toForm(activity));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const taxonomy = useApi((signal) => datamapApi.taxonomy(signal));
  const law = useApi((signal) => datamapApi.law(signal));
  const systems = useApi((signal) => api.systems(signal).catch(() => ({ systems: [] as System[] })));
  const entries = taxonomy.data?.entries ?? [];
  const err = fieldErrorOf(error);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
  };
  const isNew = activity === null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { activity: result } = await datamapApi.saveActivity(toInput(form, activity));
      onSaved(result);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const title = isNew ? 'New processing activity' : readOnly ? activity.name : `Edit ${activity.name}`;
  return (
    <Card
      title={title}
      testId="activity-editor"
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="activity-editor-close">
          Back to the list
        </button>
      }
    >
      {activity?.reviewRequired ? (
        <Notice tone="warning" testId="activity-editor-review">
          <strong>Review required.</strong> {activity.reviewReasons.join('; ')}. Saving the activity clears the flag.
        </Notice>
      ) : null}
      {taxonomy.error ? <ErrorBanner error={taxonomy.error} title="The taxonomy could not be loaded" onRetry={taxonomy.reload} /> : null}
      {law.error ? <ErrorBanner error={law.error} title="The legal bases could not be loaded" onRetry={law.reload} /> : null}
      <form className="form dm-editor" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset disabled={readOnly || busy} className="dm-editor-fields">
          <section className="dm-editor-section">
            <h3 className="detail-title">Purpose</h3>
            <div className="form-grid">
              <TextField label="Key" value={form.key} onChange={(e) => set('key', e.target.value)} disabled={!isNew || readOnly} className="mono" placeholder="order-fulfilment" hint={isNew ? 'Lower-case letters, digits, dot, dash, underscore. Cannot change later.' : undefined} error={err('key')} testId="activity-key" required />
              <TextField label="Name" value={form.name} onChange={(e) => set('name', e.target.value)} placeholder="Order fulfilment" error={err('name')} testId="activity-name" required />
              <SelectField label="Role" value={form.role} onChange={(e) => set('role', e.target.value as Role)} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} error={err('role')} testId="activity-role" />
            </div>
            <div className="field">
              <label htmlFor="activity-description">Description</label>
              <textarea id="activity-description" className="input" rows={2} value={form.description} onChange={(e) => set('description', e.target.value)} data-testid="activity-description" />
            </div>
          </section>

          <section className="dm-editor-section">
            <h3 className="detail-title">Data</h3>
            <div className="dm-editor-pickers">
              <KeyPicker label="Data uses (purposes)" entries={entries.filter((e) => e.kind === 'data_use')} value={form.dataUses} onChange={(v) => set('dataUses', v)} error={listError(error, 'dataUses')} disabled={readOnly} testId="activity-uses" />
              <KeyPicker label="Data categories" entries={entries.filter((e) => e.kind === 'data_category')} value={form.dataCategories} onChange={(v) => set('dataCategories', v)} error={listError(error, 'dataCategories')} disabled={readOnly} testId="activity-categories" />
              <KeyPicker label="Data subjects" entries={entries.filter((e) => e.kind === 'data_subject')} value={form.dataSubjects} onChange={(v) => set('dataSubjects', v)} error={listError(error, 'dataSubjects')} disabled={readOnly} testId="activity-subjects" />
            </div>
            <fieldset className="dm-rows" data-testid="activity-systems">
              <legend>Systems</legend>
              {(systems.data?.systems ?? []).length === 0 ? <p className="muted small">No systems, or no permission to list them. An activity without systems covers every system.</p> : null}
              <div className="dm-checks">
                {(systems.data?.systems ?? []).map((s) => (
                  <CheckboxField key={String(s.id)} label={s.name} checked={form.systems.includes(s.name)} onChange={(e) => set('systems', e.target.checked ? [...form.systems, s.name] : form.systems.filter((n) => n !== s.name))} testId="activity-system" data-system={s.name} />
                ))}
                {form.systems.filter((n) => !(systems.data?.systems ?? []).some((s) => s.name === n)).map((n) => (
                  <Badge key={n} tone="warning">{n} (unknown)</Badge>
                ))}
              </div>
              {listError(error, 'systems') ? <p className="field-error">{listError(error, 'systems')}</p> : null}
            </fieldset>
          </section>

          <section className="dm-editor-section">
            <h3 className="detail-title">Lawfulness</h3>
            <LegalBasesRows rows={form.legalBases} onChange={(v) => set('legalBases', v)} law={law.data} disabled={readOnly} err={err} />
          </section>

          <section className="dm-editor-section">
            <h3 className="detail-title">Retention</h3>
            <div className="form-grid">
              <TextField label="Period (ISO 8601)" value={form.period} onChange={(e) => set('period', e.target.value.toUpperCase())} placeholder="P6Y" className="mono" hint="P30D, P6M, P6Y, P1Y6M" error={err('retention.period') ?? err('retention')} testId="activity-retention-period" />
              <TextField label="Starts at" value={form.trigger} onChange={(e) => set('trigger', e.target.value)} placeholder="collection, contract end, last order…" error={err('retention.trigger')} testId="activity-retention-trigger" />
              <TextField label="Description" value={form.retentionDescription} onChange={(e) => set('retentionDescription', e.target.value)} placeholder="Kept for the statutory bookkeeping period" error={err('retention.description')} testId="activity-retention-description" />
            </div>
          </section>

          <section className="dm-editor-section">
            <h3 className="detail-title">Sharing</h3>
            <RecipientsRows rows={form.recipients} onChange={(v) => set('recipients', v)} disabled={readOnly} err={err} />
            <TransfersRows rows={form.transfers} onChange={(v) => set('transfers', v)} law={law.data} disabled={readOnly} err={err} />
          </section>

          <section className="dm-editor-section">
            <h3 className="detail-title">Impact assessment</h3>
            <div className="form-grid">
              <SelectField label="DPIA status" value={form.dpiaStatus} onChange={(e) => set('dpiaStatus', e.target.value as DpiaStatus)} options={DPIA_STATUSES.map((s) => ({ value: s, label: humanise(s) }))} error={err('dpia.status')} testId="activity-dpia-status" />
              <TextField label="DPIA reference" value={form.dpiaReference} onChange={(e) => set('dpiaReference', e.target.value)} placeholder="DPIA-2025-04" error={err('dpia.reference')} testId="activity-dpia-reference" />
            </div>
          </section>
        </fieldset>
        {error ? <ErrorBanner error={error} title="The activity was not saved" testId="activity-error" /> : null}
        {readOnly ? null : (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="activity-save">
              {busy ? 'Saving…' : isNew ? 'Create activity' : 'Save activity'}
            </button>
            <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
              Cancel
            </button>
          </div>
        )}
      </form>
    </Card>
  );
}
