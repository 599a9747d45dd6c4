/** The repeated parts of an activity: legal bases, recipients and transfers, one row each. */
import type { ReactNode } from 'react';
import type { ApiError } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { humanise, RECIPIENT_TYPES, type Law, type RecipientType } from './types';

export interface BasisRow { jurisdiction: string; basis: string; specialCondition: string }
export interface RecipientRow { name: string; type: RecipientType; country: string; purpose: string }
export interface TransferRow { destination: string; recipient: string; jurisdiction: string; mechanism: string }

type Err = (path: string) => string | undefined;

export function fieldErrorOf(error: ApiError | undefined): Err {
  return (path) => error?.fieldError(path);
}

function Rows<T>({ title, rows, onChange, blank, disabled, testId, render, addLabel }: {
  title: string;
  rows: T[];
  onChange: (rows: T[]) => void;
  blank: () => T;
  disabled: boolean;
  testId: string;
  addLabel: string;
  render: (row: T, set: (patch: Partial<T>) => void, i: number) => ReactNode;
}) {
  return (
    <fieldset className="dm-rows" data-testid={testId}>
      <legend>{title}</legend>
      {rows.length === 0 ? <p className="muted small">None.</p> : null}
      {rows.map((row, i) => (
        <div key={i} className="dm-row" data-testid={`${testId}-row`}>
          {render(row, (patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))), i)}
          {disabled ? null : (
            <button type="button" className="btn btn-icon dm-row-remove" onClick={() => onChange(rows.filter((_, j) => j !== i))} title="Remove">
              <Icon name="close" size={14} />
              <span className="visually-hidden">Remove row {i + 1}</span>
            </button>
          )}
        </div>
      ))}
      {disabled ? null : (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange([...rows, blank()])} data-testid={`${testId}-add`}>
          <Icon name="plus" size={14} />
          {addLabel}
        </button>
      )}
    </fieldset>
  );
}

const opt = (id: string, label?: string): { value: string; label: string } => ({ value: id, label: label ?? id });

export function LegalBasesRows({ rows, onChange, law, disabled, err }: { rows: BasisRow[]; onChange: (r: BasisRow[]) => void; law: Law | undefined; disabled: boolean; err: Err }) {
  const jurisdictions = law?.jurisdictions ?? [];
  return (
    <Rows
      title="Legal bases per jurisdiction"
      rows={rows}
      onChange={onChange}
      blank={() => ({ jurisdiction: 'GDPR', basis: '', specialCondition: '' })}
      disabled={disabled}
      testId="activity-bases"
      addLabel="Add a legal basis"
      render={(row, set, i) => {
        const rules = law?.legalBases[row.jurisdiction];
        return (
          <>
            <SelectField label="Jurisdiction" value={row.jurisdiction} onChange={(e) => set({ jurisdiction: e.target.value, basis: '', specialCondition: '' })} options={[opt('', 'Choose…'), ...jurisdictions.map((j) => opt(j.id, `${j.id} — ${j.name}`))]} error={err(`legalBases.${i}.jurisdiction`)} testId="basis-jurisdiction" />
            <SelectField label="Basis" value={row.basis} onChange={(e) => set({ basis: e.target.value })} options={[opt('', 'Choose…'), ...(rules?.bases ?? []).map((b) => opt(b.id, `${b.label} (${b.citation})`))]} error={err(`legalBases.${i}.basis`)} testId="basis-basis" />
            <SelectField
              label="Special-category condition"
              value={row.specialCondition}
              onChange={(e) => set({ specialCondition: e.target.value })}
              options={[opt('', rules?.special_conditions ? 'None' : 'Not applicable'), ...(rules?.special_conditions ?? []).map((b) => opt(b.id, `${b.label} (${b.citation})`))]}
              disabled={!rules?.special_conditions}
              error={err(`legalBases.${i}.specialCondition`)}
              testId="basis-special"
            />
          </>
        );
      }}
    />
  );
}

export function RecipientsRows({ rows, onChange, disabled, err }: { rows: RecipientRow[]; onChange: (r: RecipientRow[]) => void; disabled: boolean; err: Err }) {
  return (
    <Rows
      title="Recipients"
      rows={rows}
      onChange={onChange}
      blank={(): RecipientRow => ({ name: '', type: 'processor', country: '', purpose: '' })}
      disabled={disabled}
      testId="activity-recipients"
      addLabel="Add a recipient"
      render={(row, set, i) => (
        <>
          <TextField label="Name" value={row.name} onChange={(e) => set({ name: e.target.value })} error={err(`recipients.${i}.name`)} testId="recipient-name" />
          <SelectField label="Type" value={row.type} onChange={(e) => set({ type: e.target.value as RecipientType })} options={RECIPIENT_TYPES.map((t) => opt(t, humanise(t)))} error={err(`recipients.${i}.type`)} />
          <TextField label="Country" value={row.country} onChange={(e) => set({ country: e.target.value.toUpperCase() })} maxLength={2} placeholder="DE" className="mono" error={err(`recipients.${i}.country`)} />
          <TextField label="Purpose" value={row.purpose} onChange={(e) => set({ purpose: e.target.value })} error={err(`recipients.${i}.purpose`)} />
        </>
      )}
    />
  );
}

export function TransfersRows({ rows, onChange, law, disabled, err }: { rows: TransferRow[]; onChange: (r: TransferRow[]) => void; law: Law | undefined; disabled: boolean; err: Err }) {
  const jurisdictions = Object.keys(law?.transfers ?? {});
  return (
    <Rows
      title="Cross-border transfers"
      rows={rows}
      onChange={onChange}
      blank={() => ({ destination: '', recipient: '', jurisdiction: 'GDPR', mechanism: '' })}
      disabled={disabled}
      testId="activity-transfers"
      addLabel="Add a transfer"
      render={(row, set, i) => {
        const mechanisms = law?.transfers[row.jurisdiction]?.mechanisms ?? [];
        return (
          <>
            <TextField label="Destination country" value={row.destination} onChange={(e) => set({ destination: e.target.value.toUpperCase() })} maxLength={2} placeholder="US" className="mono" error={err(`transfers.${i}.destination`)} testId="transfer-destination" />
            <TextField label="Recipient" value={row.recipient} onChange={(e) => set({ recipient: e.target.value })} error={err(`transfers.${i}.recipient`)} />
            <SelectField label="Jurisdiction" value={row.jurisdiction} onChange={(e) => set({ jurisdiction: e.target.value, mechanism: '' })} options={jurisdictions.map((j) => opt(j))} error={err(`transfers.${i}.jurisdiction`)} />
            <SelectField label="Mechanism" value={row.mechanism} onChange={(e) => set({ mechanism: e.target.value })} options={[opt('', mechanisms.length ? 'Choose…' : 'None for this law'), ...mechanisms.map((m) => opt(m.id, m.label))]} error={err(`transfers.${i}.mechanism`)} testId="transfer-mechanism" />
          </>
        );
      }}
    />
  );
}
