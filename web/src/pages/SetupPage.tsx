import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../api';
import { useAuth } from '../auth';
import { AuthFrame } from '../components/AuthFrame';
import { ErrorBanner } from '../components/Feedback';
import { TextField } from '../components/Field';

const MIN_PASSWORD = 12;

export function SetupPage() {
  const { setup } = useAuth();
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [submitted, setSubmitted] = useState(false);

  const mismatch = confirm.length > 0 && confirm !== password;
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!token.trim() || !username.trim() || tooShort || password !== confirm || !password) return;
    setBusy(true);
    setError(undefined);
    try {
      await setup(token.trim(), username.trim(), password);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  }

  return (
    <AuthFrame
      title="Set up Custos"
      subtitle={
        <>
          No administrator exists yet. Enter the one-time setup token that the server printed in its terminal
          when it started, then choose the administrator's credentials.
        </>
      }
    >
      {error ? <ErrorBanner error={error} testId="setup-error" title="Setup failed" /> : null}
      <form className="form" onSubmit={onSubmit} data-testid="setup-form" noValidate>
        <TextField
          label="Setup token"
          name="token"
          autoComplete="off"
          spellCheck={false}
          required
          autoFocus
          className="mono"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          error={error?.fieldError('token') ?? (submitted && !token.trim() ? 'Enter the setup token.' : undefined)}
          hint="Shown once in the server log. Restarting the server prints a new one."
          testId="setup-token"
        />
        <TextField
          label="Administrator username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={error?.fieldError('username') ?? (submitted && !username.trim() ? 'Choose a username.' : undefined)}
          testId="setup-username"
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={`At least ${MIN_PASSWORD} characters. A passphrase works well.`}
          error={
            error?.fieldError('password') ??
            (tooShort ? `Use at least ${MIN_PASSWORD} characters.` : submitted && !password ? 'Choose a password.' : undefined)
          }
          testId="setup-password"
        />
        <TextField
          label="Confirm password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch || (submitted && confirm !== password) ? 'The passwords do not match.' : undefined}
          testId="setup-password-confirm"
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="setup-submit">
          {busy ? 'Creating administrator…' : 'Create administrator and sign in'}
        </button>
      </form>
    </AuthFrame>
  );
}
