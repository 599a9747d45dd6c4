/** Owner, department, hosting, role and security measures of a system (PATCH /api/systems/:id/details). */
import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError, type System } from '../../api';
import { ErrorBanner } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { datamapApi } from './client';
import { ROLE_LABELS, ROLES, type Role } from './types';

const orNull = (value: string) => (value.trim() ? value.trim() : null);

export function SystemDetailsForm({ system, onSaved, onCancel }: { system: System; onSaved: (s: System) => void; onCancel: () => void }) {
  const [owner, setOwner] = useState(system.owner ?? '');
  const [department, setDepartment] = useState(system.department ?? '');
  const [country, setCountry] = useState(system.hostingCountry ?? '');
  const [region, setRegion] = useState(system.hostingRegion ?? '');
  const [role, setRole] = useState<Role>(system.role ?? 'controller');
  const [measures, setMeasures] = useState((system.securityMeasures ?? []).join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { system: saved } = await datamapApi.updateSystemDetails(String(system.id), {
        owner: orNull(owner),
        department: orNull(department),
        hostingCountry: orNull(country),
        hostingRegion: orNull(region),
        role,
        securityMeasures: measures.split('\n').map((m) => m.trim()).filter(Boolean),
      });
      onSaved(saved);
    } catch (e) {
      setError(toApiError(e));
      setBusy(false);
    }
  }

  const err = (name: string) => error?.fieldError(name);
  return (
    <form className="form" onSubmit={(e) => void submit(e)} data-testid="system-details-form">
      <div className="form-grid">
        <TextField label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="Jane Doe" error={err('owner')} testId="system-owner" />
        <TextField label="Department" value={department} onChange={(e) => setDepartment(e.target.value)} placeholder="E-commerce" error={err('department')} testId="system-department" />
        <TextField label="Hosting country" value={country} onChange={(e) => setCountry(e.target.value.toUpperCase())} maxLength={2} placeholder="DE" className="mono" hint="ISO 3166-1 alpha-2" error={err('hostingCountry')} testId="system-country" />
        <TextField label="Hosting region" value={region} onChange={(e) => setRegion(e.target.value)} placeholder="eu-central-1" error={err('hostingRegion')} testId="system-region" />
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} error={err('role')} testId="system-role" />
      </div>
      <div className="field">
        <label htmlFor={`measures-${system.id}`}>Security measures (one a line)</label>
        <textarea id={`measures-${system.id}`} className="input" rows={3} value={measures} onChange={(e) => setMeasures(e.target.value)} placeholder={'Encryption at rest\nAccess reviewed quarterly'} data-testid="system-measures" />
        {err('securityMeasures') ? <p className="field-error">{err('securityMeasures')}</p> : null}
      </div>
      {error ? <ErrorBanner error={error} title="The details were not saved" /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="system-details-save">
          {busy ? 'Saving…' : 'Save details'}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
