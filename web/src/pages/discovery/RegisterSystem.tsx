/**
 * Registers a system by connection URL. The URL may carry credentials: it is typed into a password
 * field, sent once, sealed at rest by the server and never shown again (only a redacted form is).
 */
import { useState, type FormEvent } from 'react';
import { api, toApiError, type ApiError, type Scan, type System } from '../../api';
import { ErrorBanner } from '../../components/Feedback';
import { CheckboxField, TextField } from '../../components/Field';

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

export function RegisterSystemForm({
  onRegistered,
  onCancel,
}: {
  onRegistered: (system: System, scan: Scan | null) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [scan, setScan] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [touched, setTouched] = useState(false);

  const nameError =
    touched && !name.trim()
      ? 'Enter a name.'
      : name.trim() && !NAME_PATTERN.test(name.trim())
        ? 'Letters, digits and . _ - only, starting with a letter or digit.'
        : undefined;
  const urlError = touched && !url.trim() ? 'Enter the connection URL.' : undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (!name.trim() || !url.trim() || (name.trim() && !NAME_PATTERN.test(name.trim()))) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.registerSystem({
        name: name.trim(),
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        scan,
      });
      // The secret leaves the page as soon as the server holds it.
      setUrl('');
      setName('');
      setDescription('');
      setTouched(false);
      onRegistered(result.system, result.scan);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="register-system-form">
      {error ? <ErrorBanner error={error} title="The system was not registered" testId="register-system-error" /> : null}
      <div className="form-grid register-grid">
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          required
          autoComplete="off"
          placeholder="crm-production"
          hint="Letters, digits and . _ -"
          error={nameError ?? error?.fieldError('name')}
          testId="register-system-name"
        />
        <TextField
          label="Connection URL"
          name="url"
          type="password"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          maxLength={2000}
          required
          autoComplete="new-password"
          spellCheck={false}
          className="mono"
          placeholder="postgres://user:password@host:5432/database"
          hint={
            <>
              A <code>postgres://</code> or <code>mysql://</code> URL. It is sealed at rest and never shown again; only a
              redacted form is displayed. Use a read-only account.
            </>
          }
          error={urlError ?? error?.fieldError('url')}
          testId="register-system-url"
        />
        <TextField
          label="Description (optional)"
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          autoComplete="off"
          placeholder="Customer relationship management, EU region"
          fieldClassName="form-grid-full"
          testId="register-system-description"
        />
      </div>
      <CheckboxField
        label="Scan it now"
        hint="Start a discovery scan as soon as the system is registered."
        checked={scan}
        onChange={(e) => setScan(e.target.checked)}
        testId="register-system-scan"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="register-system-submit">
          {busy ? 'Registering…' : 'Register system'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
