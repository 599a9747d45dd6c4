import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, toApiError, type PortalRequest } from '../../api';
import { ErrorBanner } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { DueDate } from './DueDate';

function codeTitle(problem: ApiError): string | undefined {
  switch (problem.code) {
    case 'VERIFICATION_FAILED':
      return 'That code is not right';
    case 'VERIFICATION_EXPIRED':
      return 'This code has expired';
    case 'RATE_LIMITED':
      return 'Too many attempts';
    default:
      return problem.status === 429 ? 'Too many attempts' : undefined;
  }
}

/** Step 2: the one-time code from the e-mail. */
export function CodeStep({
  request,
  email,
  onVerified,
  onRestart,
}: {
  request: PortalRequest;
  email: string;
  onVerified: (request: PortalRequest) => void;
  onRestart: () => void;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | undefined>();
  const form = useRef<HTMLFormElement>(null);
  const expired = problem?.code === 'VERIFICATION_EXPIRED' || problem?.status === 410;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!code) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const { request: verified } = await api.portalVerify(request.id, code);
      onVerified(verified);
    } catch (err) {
      const error = toApiError(err);
      // The server's detail ("the verification code is wrong; 4 attempts left") reads as a sentence here.
      const detail = error.detail ? error.detail.charAt(0).toUpperCase() + error.detail.slice(1) : error.detail;
      setProblem(new ApiError({ ...error, detail }));
      setCode('');
      setBusy(false);
      // The button is disabled with the field empty: keep focus where the next try is typed.
      window.setTimeout(() => form.current?.querySelector<HTMLInputElement>('input[name="code"]:not(:disabled)')?.focus(), 0);
    }
  }

  return (
    <div className="portal-step-body">
      <p className="portal-lead">
        We sent a one-time code to <strong data-testid="portal-code-email">{email}</strong>. It can take a minute to arrive; check your spam folder if you cannot see it.
      </p>
      <DueDate request={request} pending />

      <div className="portal-live" aria-live="assertive">
        {problem ? (
          <ErrorBanner error={problem} title={codeTitle(problem)} testId="portal-code-error">
            {expired ? (
              <button type="button" className="btn btn-secondary btn-small" onClick={onRestart}>
                Start again for a new code
              </button>
            ) : null}
          </ErrorBanner>
        ) : null}
      </div>

      <form ref={form} className="form portal-code-form" onSubmit={onSubmit} noValidate data-testid="portal-code-form">
        <TextField
          label="Confirmation code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={12}
          spellCheck={false}
          autoFocus
          className="portal-code-input"
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          hint="The 6-digit code from the e-mail."
          error={problem?.fieldError('code')}
          aria-invalid={problem ? true : undefined}
          disabled={expired}
          testId="portal-code"
        />
        <div className="portal-actions">
          <button type="submit" className="btn btn-primary portal-submit" disabled={busy || expired || code.length < 4} data-testid="portal-verify">
            {busy ? 'Checking…' : 'Confirm'}
          </button>
          <p className="portal-restart">
            Wrong address or no e-mail?{' '}
            <button type="button" className="btn-link" onClick={onRestart} data-testid="portal-restart">
              Start again
            </button>
          </p>
        </div>
      </form>
    </div>
  );
}
