import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../api';
import { useAuth } from '../auth';
import { AuthFrame } from '../components/AuthFrame';
import { ErrorBanner, Notice } from '../components/Feedback';
import { TextField } from '../components/Field';

export function LoginPage({ notice }: { notice?: string | undefined }) {
  const { login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <AuthFrame title="Sign in" subtitle="Use the account your Custos administrator created for you.">
      {notice && !error ? <Notice testId="login-notice">{notice}</Notice> : null}
      {error ? (
        <ErrorBanner
          error={error}
          testId="login-error"
          title={error.status === 401 ? 'Sign-in failed' : undefined}
        />
      ) : null}
      <form className="form" onSubmit={onSubmit} data-testid="login-form" noValidate>
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={error?.fieldError('username')}
          testId="login-username"
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={error?.fieldError('password')}
          testId="login-password"
        />
        <button
          type="submit"
          className="btn btn-primary btn-block"
          disabled={busy || !username.trim() || !password}
          data-testid="login-submit"
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthFrame>
  );
}
