import { useState, type FormEvent } from 'react';
import { api, ROLES, roleLabel, toApiError, type ApiError, type ApiKeyRecord, type Id, type Role } from '../api';
import { useAuth, useSession } from '../auth';
import { Badge, DateTime, RoleBadge } from '../components/Badge';
import { ConfirmButton } from '../components/ConfirmButton';
import { CopyButton } from '../components/CopyButton';
import { EmptyState, ErrorBanner, RequestState, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Card, PageHeader } from '../components/PageHeader';
import { useApi } from '../hooks';

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including users, keys and settings',
  privacy_officer: 'Runs the privacy programme: systems, audit log, reports',
  engineer: 'Connects and maintains systems; automation through API keys',
  analyst: 'Reads the inventory and findings',
  auditor: 'Read-only access plus the audit log, its verification and export',
};

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

function CreateUserForm({ onCreated }: { onCreated: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.createUser({
        username: username.trim(),
        role,
        password,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      });
      onCreated(username.trim());
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRole('analyst');
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form-grid" onSubmit={onSubmit} data-testid="create-user-form" aria-label="Create user">
      {error ? (
        <div className="form-grid-full">
          <ErrorBanner error={error} title="The user was not created" testId="create-user-error" />
        </div>
      ) : null}
      <TextField
        label="Username"
        name="username"
        required
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={error?.fieldError('username')}
        testId="create-user-username"
      />
      <TextField
        label="Display name (optional)"
        name="displayName"
        autoComplete="off"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={error?.fieldError('displayName')}
        testId="create-user-display-name"
      />
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        options={ROLE_OPTIONS}
        hint={ROLE_DESCRIPTIONS[role]}
        error={error?.fieldError('role')}
        testId="create-user-role"
      />
      <TextField
        label="Initial password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint="At least 12 characters. Share it with the user through a secure channel."
        error={error?.fieldError('password')}
        testId="create-user-password"
      />
      <div className="form-grid-full form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || !username.trim() || !password}
          data-testid="create-user-submit"
        >
          {busy ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}

function UsersSection() {
  const { can } = useAuth();
  const { user: me } = useSession();
  const { data, error, loading, reload } = useApi((signal) => api.users(signal));
  const [created, setCreated] = useState<string | undefined>();
  const [showForm, setShowForm] = useState(false);
  const users = data?.users ?? [];

  return (
    <Card
      title="Users"
      testId="users-section"
      actions={
        can('users:manage') ? (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            aria-expanded={showForm}
            onClick={() => setShowForm((v) => !v)}
            data-testid="create-user-toggle"
          >
            {showForm ? 'Cancel' : 'Add user'}
          </button>
        ) : null
      }
    >
      {created ? (
        <Notice tone="success" testId="create-user-success">
          User <strong>{created}</strong> was created.
        </Notice>
      ) : null}
      {showForm && can('users:manage') ? (
        <div className="subpanel">
          <CreateUserForm
            onCreated={(username) => {
              setCreated(username);
              setShowForm(false);
              reload();
            }}
          />
        </div>
      ) : null}
      <RequestState loading={loading} error={error} hasData={data !== undefined} onRetry={reload} label="Loading users…" />
      {data && users.length === 0 ? <EmptyState title="No users" /> : null}
      {users.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="users-table">
            <caption className="visually-hidden">User accounts</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={String(u.id)} data-testid="users-row" data-username={u.username}>
                  <th scope="row">
                    <span className="cell-title">
                      {u.displayName || u.username}
                      {String(u.id) === String(me.id) ? <span className="muted"> (you)</span> : null}
                    </span>
                    <span className="cell-sub mono">{u.username}</span>
                  </th>
                  <td>
                    <RoleBadge role={u.role} />
                  </td>
                  <td>{u.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</td>
                  <td>
                    <DateTime value={u.createdAt} />
                  </td>
                  <td>
                    {u.lastLoginAt ? <DateTime value={u.lastLoginAt} relative /> : <span className="muted">Never</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}

function NewKeyPanel({ secret, apiKey, onDone }: { secret: string; apiKey: ApiKeyRecord; onDone: () => void }) {
  return (
    <div className="secret-panel" role="alert" data-testid="new-api-key">
      <p className="secret-title">
        <Icon name="key" size={18} />
        API key “{apiKey.name}” created
      </p>
      <p className="secret-warning">
        Copy this key now and store it in a secret manager. <strong>It will not be shown again</strong>: Custos keeps only
        a hash of it. If it is lost, revoke it and create a new one.
      </p>
      <div className="secret-row">
        <label className="visually-hidden" htmlFor="new-api-key-value">
          New API key
        </label>
        <input
          id="new-api-key-value"
          className="input mono secret-value"
          readOnly
          value={secret}
          onFocus={(e) => e.target.select()}
          data-testid="new-api-key-value"
        />
        <CopyButton text={secret} label="Copy key" testId="new-api-key-copy" />
      </div>
      <p className="muted small">
        Send it as <code>Authorization: Bearer &lt;key&gt;</code>. It acts with the role {roleLabel(apiKey.role)}.
      </p>
      <button type="button" className="btn btn-secondary" onClick={onDone} data-testid="new-api-key-done">
        I have stored the key
      </button>
    </div>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (secret: string, apiKey: ApiKeyRecord) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('engineer');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.createKey({ name: name.trim(), role });
      onCreated(result.key, result.apiKey);
      setName('');
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form-grid" onSubmit={onSubmit} data-testid="create-key-form" aria-label="Create API key">
      {error ? (
        <div className="form-grid-full">
          <ErrorBanner error={error} title="The API key was not created" testId="create-key-error" />
        </div>
      ) : null}
      <TextField
        label="Name"
        name="name"
        required
        autoComplete="off"
        placeholder="e.g. ci-pipeline"
        value={name}
        onChange={(e) => setName(e.target.value)}
        hint="Describe where the key is used, so you know what breaks when you revoke it."
        error={error?.fieldError('name')}
        testId="create-key-name"
      />
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        options={ROLE_OPTIONS}
        hint={ROLE_DESCRIPTIONS[role]}
        error={error?.fieldError('role')}
        testId="create-key-role"
      />
      <div className="form-grid-full form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()} data-testid="create-key-submit">
          {busy ? 'Creating…' : 'Create API key'}
        </button>
      </div>
    </form>
  );
}

function RevokeButton({ id, name, onRevoked }: { id: Id; name: string; onRevoked: () => void }) {
  return <ConfirmButton label="Revoke" hiddenLabel={name} question={`Revoke “${name}”?`} busyLabel="Revoking…" onConfirm={() => api.revokeKey(id)} onDone={onRevoked} />;
}

function KeysSection() {
  const { can } = useAuth();
  const { data, error, loading, reload } = useApi((signal) => api.keys(signal));
  const [showForm, setShowForm] = useState(false);
  const [created, setCreated] = useState<{ secret: string; apiKey: ApiKeyRecord } | undefined>();
  const keys = data?.keys ?? [];
  const manage = can('keys:manage');

  return (
    <Card
      title="API keys"
      testId="keys-section"
      actions={
        manage ? (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            aria-expanded={showForm}
            onClick={() => setShowForm((v) => !v)}
            data-testid="create-key-toggle"
          >
            {showForm ? 'Cancel' : 'Create API key'}
          </button>
        ) : null
      }
    >
      <p className="muted">
        API keys let scripts and integrations call the Custos API with a fixed role. Every use is recorded in the audit log.
      </p>
      {created ? <NewKeyPanel secret={created.secret} apiKey={created.apiKey} onDone={() => setCreated(undefined)} /> : null}
      {showForm && manage ? (
        <div className="subpanel">
          <CreateKeyForm
            onCreated={(secret, apiKey) => {
              setCreated({ secret, apiKey });
              setShowForm(false);
              reload();
            }}
          />
        </div>
      ) : null}
      <RequestState loading={loading} error={error} hasData={data !== undefined} onRetry={reload} label="Loading API keys…" />
      {data && keys.length === 0 ? <EmptyState title="No API keys yet" /> : null}
      {keys.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="keys-table">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                {manage ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={String(k.id)} data-testid="keys-row" data-key-id={String(k.id)} className={k.revokedAt ? 'row-muted' : undefined}>
                  <th scope="row">{k.name}</th>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>
                    <RoleBadge role={k.role} />
                  </td>
                  <td>
                    <DateTime value={k.createdAt} />
                  </td>
                  <td>{k.lastUsedAt ? <DateTime value={k.lastUsedAt} relative /> : <span className="muted">Never</span>}</td>
                  <td>
                    {k.revokedAt ? (
                      <Badge tone="danger" title={k.revokedAt}>
                        Revoked
                      </Badge>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}
                  </td>
                  {manage ? (
                    <td className="actions">
                      {k.revokedAt ? null : <RevokeButton id={k.id} name={k.name} onRevoked={reload} />}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}

export function AdminPage() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader
        title="Users & API keys"
        description="Who can sign in to Custos, which role they hold, and the keys that automation uses."
      />
      <div className="stack">
        {can('users:read') ? <UsersSection /> : null}
        {can('keys:read') ? <KeysSection /> : null}
      </div>
    </>
  );
}
