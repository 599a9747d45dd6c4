/**
 * Staff intake: a request received by phone, letter or e-mail, recorded with the subject's
 * identities. The due date follows the jurisdiction's rule; the server's field problems show next
 * to the fields they concern.
 */
import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../../api';
import { ErrorBanner } from '../../components/Feedback';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Card } from '../../components/PageHeader';
import { requestsApi } from './client';
import { IDENTITY_KINDS, IDENTITY_LABELS, JURISDICTIONS, REQUEST_TYPES, TYPE_LABELS, type IdentityKind, type RequestDetail, type RequestType, type SubmitInput } from './types';

interface IdentityRow { kind: IdentityKind; value: string }

interface Form {
  type: RequestType;
  identities: IdentityRow[];
  jurisdiction: string;
  subjectCountry: string;
  corrections: string;
  agentName: string;
  agentRelationship: string;
  agentAuthorisation: string;
  note: string;
}

const EMPTY: Form = { type: 'access', identities: [{ kind: 'email', value: '' }], jurisdiction: '', subjectCountry: '', corrections: '', agentName: '', agentRelationship: '', agentAuthorisation: '', note: '' };

/** `field = new value`, one per line. */
function parseCorrections(text: string): Record<string, string> | undefined {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.search(/[=:]/);
      return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function toInput(f: Form): SubmitInput {
  const corrections = f.type === 'rectification' ? parseCorrections(f.corrections) : undefined;
  return {
    type: f.type,
    identities: f.identities.map((i) => ({ kind: i.kind, value: i.value.trim() })),
    ...(f.jurisdiction ? { jurisdiction: f.jurisdiction } : {}),
    ...(f.subjectCountry.trim() ? { subjectCountry: f.subjectCountry.trim().toUpperCase() } : {}),
    ...(corrections ? { corrections } : {}),
    ...(f.agentName.trim() ? { agent: { name: f.agentName.trim(), ...(f.agentRelationship.trim() ? { relationship: f.agentRelationship.trim() } : {}), ...(f.agentAuthorisation.trim() ? { authorisation: f.agentAuthorisation.trim() } : {}) } } : {}),
    ...(f.note.trim() ? { note: f.note.trim() } : {}),
  };
}

/** The problems for one path (`identities.0.value`), however the server prefixes it (body., /body/). */
function problemsAt(error: ApiError | undefined, path: string): string | undefined {
  const found = error?.errors.filter((e) => e.field.replace(/^\//, '').replace(/\//g, '.').replace(/^body\./, '') === path).map((e) => e.message) ?? [];
  return found.length ? found.join('; ') : undefined;
}

export function IntakeForm({ onClose, onCreated }: { onClose: () => void; onCreated: (r: RequestDetail) => void }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setIdentity = (i: number, patch: Partial<IdentityRow>) => set('identities', form.identities.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { request } = await requestsApi.submit(toInput(form));
      onCreated(request);
    } catch (e) {
      setError(toApiError(e));
      setBusy(false);
    }
  }

  return (
    <Card
      title="New subject request"
      testId="intake"
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="intake-close">
          Back to the queue
        </button>
      }
    >
      <p className="muted">Record a request received by phone, letter or e-mail. The subject&rsquo;s identities are sealed at rest and shown masked afterwards.</p>
      <form className="form dsr-intake" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset disabled={busy} className="dm-editor-fields">
          <div className="form-grid">
            <SelectField label="Type" value={form.type} onChange={(e) => set('type', e.target.value as RequestType)} options={REQUEST_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))} error={problemsAt(error, 'type')} testId="intake-type" />
            <SelectField
              label="Jurisdiction"
              value={form.jurisdiction}
              onChange={(e) => set('jurisdiction', e.target.value)}
              options={[{ value: '', label: 'From the subject’s country' }, ...JURISDICTIONS.map((j) => ({ value: j, label: j.replace('_', ' ') }))]}
              hint="Sets the legal deadline."
              error={problemsAt(error, 'jurisdiction')}
              testId="intake-jurisdiction"
            />
            <TextField label="Subject’s country" value={form.subjectCountry} onChange={(e) => set('subjectCountry', e.target.value.toUpperCase())} placeholder="DE" maxLength={2} className="mono" hint="ISO 3166-1 alpha-2. Used to infer the jurisdiction when none is chosen." error={problemsAt(error, 'subjectCountry')} testId="intake-country" />
          </div>

          <fieldset className="dm-rows" data-testid="intake-identities">
            <legend>Identities (at least one)</legend>
            {form.identities.map((row, i) => (
              <div key={i} className="dm-row dsr-identity-row" data-testid="intake-identity">
                <SelectField label="Kind" value={row.kind} onChange={(e) => setIdentity(i, { kind: e.target.value as IdentityKind })} options={IDENTITY_KINDS.map((k) => ({ value: k, label: IDENTITY_LABELS[k] }))} error={problemsAt(error, `identities.${i}.kind`)} testId="intake-identity-kind" />
                <TextField label="Value" value={row.value} onChange={(e) => setIdentity(i, { value: e.target.value })} placeholder={row.kind === 'email' ? 'name@example.com' : ''} autoComplete="off" error={problemsAt(error, `identities.${i}.value`) ?? problemsAt(error, `identities.${i}`)} testId="intake-identity-value" />
                <button type="button" className="btn btn-icon dm-row-remove" onClick={() => set('identities', form.identities.filter((_, j) => j !== i))} disabled={form.identities.length === 1} title={form.identities.length === 1 ? 'A request needs at least one identity' : 'Remove'} data-testid="intake-identity-remove">
                  <Icon name="close" size={14} />
                  <span className="visually-hidden">Remove identity {i + 1}</span>
                </button>
              </div>
            ))}
            {problemsAt(error, 'identities') ? <p className="field-error">{problemsAt(error, 'identities')}</p> : null}
            {form.identities.length < 10 ? (
              <button type="button" className="btn btn-ghost btn-small" onClick={() => set('identities', [...form.identities, { kind: 'email', value: '' }])} data-testid="intake-identity-add">
                <Icon name="plus" size={14} />
                Add an identity
              </button>
            ) : null}
          </fieldset>

          {form.type === 'rectification' ? (
            <TextAreaField
              label="Corrections"
              value={form.corrections}
              onChange={(e) => set('corrections', e.target.value)}
              rows={4}
              className="mono"
              placeholder={'phone = +44 20 7946 0000\nuser.contact.address.postal_code = SW1A 1AA'}
              hint="One per line: a column or data category, “=”, the corrected value."
              error={problemsAt(error, 'corrections')}
              testId="intake-corrections"
            />
          ) : null}

          <fieldset className="dm-rows" data-testid="intake-agent">
            <legend>Authorised agent (optional)</legend>
            <div className="form-grid">
              <TextField label="Agent’s name" value={form.agentName} onChange={(e) => set('agentName', e.target.value)} placeholder="Leave empty when the subject asks in person" error={problemsAt(error, 'agent.name') ?? problemsAt(error, 'agent')} testId="intake-agent-name" />
              <TextField label="Relationship" value={form.agentRelationship} onChange={(e) => set('agentRelationship', e.target.value)} placeholder="Lawyer, parent, CCPA authorised agent" disabled={!form.agentName.trim()} error={problemsAt(error, 'agent.relationship')} testId="intake-agent-relationship" />
            </div>
            <TextAreaField label="Authorisation" value={form.agentAuthorisation} onChange={(e) => set('agentAuthorisation', e.target.value)} rows={2} placeholder="How the agent proved they act for the subject (signed permission, power of attorney…)" disabled={!form.agentName.trim()} error={problemsAt(error, 'agent.authorisation')} testId="intake-agent-authorisation" />
          </fieldset>

          <TextAreaField label="Internal note (optional)" value={form.note} onChange={(e) => set('note', e.target.value)} rows={2} error={problemsAt(error, 'note')} testId="intake-note" />
        </fieldset>
        {error ? <ErrorBanner error={error} title="The request was not recorded" testId="intake-error" /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="intake-submit">
            {busy ? 'Recording…' : 'Record request'}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </Card>
  );
}
