import { useState, type FormEvent } from 'react';
import { api, toApiError, type ApiError, type PortalRequest, type PortalRequestType, type PortalSubmission } from '../../api';
import { ErrorBanner } from '../../components/Feedback';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { COUNTRIES, EMAIL_PATTERN, type RightOption } from './rights';

export interface RequestDraft {
  type: PortalRequestType | '';
  email: string;
  country: string;
  details: string;
  onBehalf: boolean;
  agentName: string;
  agentRelationship: string;
}

export const EMPTY_DRAFT: RequestDraft = { type: '', email: '', country: '', details: '', onBehalf: false, agentName: '', agentRelationship: '' };

type LocalErrors = Partial<Record<'type' | 'email' | 'details' | 'agentName', string>>;

function check(draft: RequestDraft): LocalErrors {
  const errors: LocalErrors = {};
  if (!draft.type) errors.type = 'Choose what you would like to do.';
  if (!draft.email.trim()) errors.email = 'Enter your e-mail address.';
  else if (!EMAIL_PATTERN.test(draft.email.trim())) errors.email = 'Enter an e-mail address like name@example.com.';
  if (draft.type === 'rectification' && !draft.details.trim()) errors.details = 'Say what should be corrected.';
  if (draft.onBehalf && !draft.agentName.trim()) errors.agentName = 'Enter your name.';
  return errors;
}

function toSubmission(draft: RequestDraft, type: PortalRequestType): PortalSubmission {
  const country = draft.country && draft.country !== 'other' ? draft.country : undefined;
  const relationship = draft.agentRelationship.trim();
  return {
    type,
    email: draft.email.trim(),
    ...(country ? { country } : {}),
    ...(type === 'rectification' ? { corrections: { details: draft.details.trim() } } : {}),
    ...(draft.onBehalf ? { agent: { name: draft.agentName.trim(), ...(relationship ? { relationship } : {}) } } : {}),
  };
}

/** Step 1: what the person asks for and the address the code goes to. */
export function RequestStep({
  rights,
  draft,
  onChange,
  onSubmitted,
}: {
  rights: readonly RightOption[];
  draft: RequestDraft;
  onChange: (draft: RequestDraft) => void;
  onSubmitted: (request: PortalRequest) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | undefined>();
  const [local, setLocal] = useState<LocalErrors>({});
  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) => {
    onChange({ ...draft, [key]: value });
    // A message about a field goes as soon as the person changes that field.
    if (key in local) setLocal(({ [key as keyof LocalErrors]: _fixed, ...rest }) => rest);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = check(draft);
    setLocal(errors);
    setProblem(undefined);
    if (!draft.type || Object.keys(errors).length > 0) {
      const first = event.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"], .portal-types-invalid input');
      first?.focus();
      return;
    }
    setBusy(true);
    try {
      const { request } = await api.portalSubmit(toSubmission(draft, draft.type));
      onSubmitted(request);
    } catch (err) {
      setProblem(toApiError(err));
      setBusy(false);
    }
  }

  const fieldError = (local: string | undefined, ...names: string[]) => local ?? names.map((n) => problem?.fieldError(n)).find(Boolean);
  const typeError = fieldError(local.type, 'type');

  return (
    <form className="form portal-form" onSubmit={onSubmit} noValidate data-testid="portal-request-form">
      <fieldset className={`portal-types${typeError ? ' portal-types-invalid' : ''}`} aria-describedby={typeError ? 'portal-type-error' : undefined}>
        <legend className="portal-legend">What would you like to do?</legend>
        <div className="portal-type-grid">
          {rights.map((right) => (
            <label key={right.type} className="portal-type" data-testid="portal-type" data-type={right.type}>
              <input
                type="radio"
                name="type"
                value={right.type}
                checked={draft.type === right.type}
                onChange={() => set('type', right.type)}
                aria-invalid={typeError ? true : undefined}
              />
              <span className="portal-type-text">
                <span className="portal-type-label">{right.label}</span>
                <span className="portal-type-description">{right.description}</span>
              </span>
            </label>
          ))}
        </div>
        {typeError ? (
          <p className="field-error" id="portal-type-error">
            {typeError}
          </p>
        ) : null}
      </fieldset>

      {draft.type === 'rectification' ? (
        <TextAreaField
          label="What should be corrected?"
          hint="Say which details are wrong and what they should be, e.g. “My postal address is now 4 Elm Street, Leeds”."
          rows={4}
          maxLength={2000}
          value={draft.details}
          onChange={(e) => set('details', e.target.value)}
          error={fieldError(local.details, 'corrections', 'details')}
          testId="portal-details"
        />
      ) : null}

      <div className="portal-row">
        <TextField
          label="Your e-mail address"
          type="email"
          name="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={draft.email}
          onChange={(e) => set('email', e.target.value)}
          hint="The one the organisation knows you by. We send a code to it to check it is yours."
          error={fieldError(local.email, 'email')}
          testId="portal-email"
        />
        <SelectField
          label="Where do you live? (optional)"
          name="country"
          autoComplete="country"
          options={[...COUNTRIES]}
          value={draft.country}
          onChange={(e) => set('country', e.target.value)}
          hint="Decides which privacy law, and which deadline, applies."
          error={fieldError(undefined, 'country')}
          testId="portal-country"
        />
      </div>

      <CheckboxField
        label="I am acting on behalf of someone else"
        hint="For example as a parent, a lawyer or an authorised agent. The organisation may ask for proof."
        checked={draft.onBehalf}
        onChange={(e) => set('onBehalf', e.target.checked)}
        testId="portal-on-behalf"
      />
      {draft.onBehalf ? (
        <div className="portal-row portal-agent">
          <TextField
            label="Your name"
            autoComplete="name"
            value={draft.agentName}
            onChange={(e) => set('agentName', e.target.value)}
            error={fieldError(local.agentName, 'agent.name', 'name')}
            testId="portal-agent-name"
          />
          <TextField
            label="Your relationship to them (optional)"
            placeholder="e.g. parent, solicitor"
            value={draft.agentRelationship}
            onChange={(e) => set('agentRelationship', e.target.value)}
            error={fieldError(undefined, 'agent.relationship', 'relationship')}
            testId="portal-agent-relationship"
          />
        </div>
      ) : null}

      <div className="portal-next">
        <h2 className="portal-next-title">What happens next</h2>
        <ol className="portal-next-list">
          <li>We e-mail a one-time code to the address above. Enter it on the next screen to show the address is yours.</li>
          <li>The organisation then has a fixed time in law to answer: usually between one month and 45 days, depending on where you live. You will see the exact due date here.</li>
          <li>The organisation answers by e-mail, and tells you if it needs more time or more information.</li>
        </ol>
      </div>

      <div className="portal-live" aria-live="assertive">{problem ? <ErrorBanner error={problem} title={submitTitle(problem)} testId="portal-request-error" /> : null}</div>

      <div className="portal-actions">
        <button type="submit" className="btn btn-primary portal-submit" disabled={busy} data-testid="portal-submit">
          {busy ? 'Sending…' : 'Send request'}
        </button>
      </div>
    </form>
  );
}

function submitTitle(problem: ApiError): string | undefined {
  if (problem.status === 429) return 'Too many requests from here';
  if (problem.status === 400) return 'Please check the form';
  if (problem.status === 404) return 'Requests cannot be made here yet';
  return undefined;
}
