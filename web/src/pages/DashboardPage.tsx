import { api, roleLabel, type Readiness } from '../api';
import { useAuth, useSession } from '../auth';
import { actorLabel } from '../components/AuditSummary';
import { Badge, DateTime, OutcomeBadge } from '../components/Badge';
import { EmptyState, RequestState } from '../components/Feedback';
import { Card, PageHeader } from '../components/PageHeader';
import { engineLabel, formatNumber } from '../format';
import { useApi } from '../hooks';
import { COMING_SOON_ITEMS } from '../navigation';
import { Link } from '../router';
import { requestsApi } from './requests/client';

function SystemsCard() {
  const { data, error, loading, reload } = useApi((signal) => api.systems(signal));
  const systems = data?.systems ?? [];
  return (
    <Card
      title="Connected systems"
      testId="dashboard-systems"
      actions={
        <Link to="/systems" className="card-link">
          View all
        </Link>
      }
    >
      <RequestState loading={loading} error={error} hasData={data !== undefined} onRetry={reload} />
      {data ? (
        <>
          <p className="metric">
            <span className="metric-value" data-testid="dashboard-systems-count">
              {formatNumber(systems.length)}
            </span>
            <span className="metric-label">{systems.length === 1 ? 'system' : 'systems'} connected</span>
          </p>
          {systems.length === 0 ? (
            <p className="muted">No systems are connected yet.</p>
          ) : (
            <ul className="compact-list">
              {systems.slice(0, 6).map((system) => (
                <li key={String(system.id)}>
                  <span className="compact-main" title={system.name}>
                    {system.name}
                  </span>
                  <span className="compact-aside">
                    {system.origin === 'demo' ? <Badge tone="warning">Demo</Badge> : null}
                    <Badge>{engineLabel(system.engine)}</Badge>
                  </span>
                </li>
              ))}
              {systems.length > 6 ? <li className="muted">and {systems.length - 6} more</li> : null}
            </ul>
          )}
        </>
      ) : null}
    </Card>
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(describe).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${describe(v)}`)
    .join(', ');
}

function statusTone(readiness: Readiness): 'success' | 'danger' | 'warning' {
  if (readiness.httpStatus >= 500) return 'danger';
  return ['ok', 'ready', 'up', 'healthy'].includes(readiness.status.toLowerCase()) ? 'success' : 'warning';
}

function StoreCard() {
  const { data, error, loading, reload } = useApi((signal) => api.readiness(signal));
  return (
    <Card
      title="Store status"
      testId="dashboard-store"
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={reload} disabled={loading}>
          Refresh
        </button>
      }
    >
      <RequestState loading={loading} error={error} hasData={data !== undefined} onRetry={reload} />
      {data ? (
        <dl className="kv">
          <dt>Status</dt>
          <dd>
            <Badge tone={statusTone(data)}>{data.status}</Badge>
          </dd>
          {data.store !== undefined ? (
            <>
              <dt>Store</dt>
              <dd>{describe(data.store)}</dd>
            </>
          ) : null}
          {data.reason ? (
            <>
              <dt>Reason</dt>
              <dd>{data.reason}</dd>
            </>
          ) : null}
          {data.migrations !== undefined ? (
            <>
              <dt>Migrations</dt>
              <dd>{describe(data.migrations)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </Card>
  );
}

function RecentAuditCard() {
  const { data, error, loading, reload } = useApi((signal) => api.auditEvents({ limit: 6 }, signal));
  return (
    <Card
      title="Recent audit events"
      className="card-wide"
      testId="dashboard-audit"
      actions={
        <Link to="/audit" className="card-link">
          Open audit log
        </Link>
      }
    >
      <RequestState loading={loading} error={error} hasData={data !== undefined} onRetry={reload} />
      {data && data.events.length === 0 ? <EmptyState title="No audit events yet" /> : null}
      {data && data.events.length > 0 ? (
        <ul className="event-list">
          {data.events.map((event) => (
            <li key={event.id} data-testid="dashboard-audit-event" data-action={event.action}>
              <code className="event-action">{event.action}</code>
              <span className="event-actor">{actorLabel(event.actor)}</span>
              <OutcomeBadge outcome={event.outcome} />
              <span className="event-time">
                <DateTime value={event.occurredAt} relative />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function SubjectRequestsCard() {
  const open = useApi((signal) => requestsApi.list('open', signal));
  const overdue = useApi((signal) => requestsApi.list('overdue', signal));
  const error = open.error ?? overdue.error;
  const loaded = open.data !== undefined && overdue.data !== undefined;
  const overdueCount = overdue.data?.requests.length ?? 0;
  return (
    <Card
      title="Subject requests"
      testId="dashboard-requests"
      actions={
        <Link to="/subject-requests" className="card-link">
          Open queue
        </Link>
      }
    >
      <RequestState loading={open.loading || overdue.loading} error={error} hasData={loaded} onRetry={() => { open.reload(); overdue.reload(); }} />
      {loaded ? (
        <p className="metric">
          <span className="metric-value" data-testid="dashboard-requests-open">
            {formatNumber(open.data?.requests.length ?? 0)}
          </span>
          <span className="metric-label">
            open,{' '}
            {overdueCount > 0 ? (
              <Link to="/subject-requests?filter=overdue" className="text-danger" data-testid="dashboard-requests-overdue">
                {formatNumber(overdueCount)} overdue
              </Link>
            ) : (
              <span data-testid="dashboard-requests-overdue">none overdue</span>
            )}
          </span>
        </p>
      ) : null}
    </Card>
  );
}

function AccessCard() {
  const { user, permissions } = useSession();
  return (
    <Card title="Your access" testId="dashboard-access">
      <dl className="kv">
        <dt>Signed in as</dt>
        <dd>{user.username}</dd>
        <dt>Role</dt>
        <dd>{roleLabel(user.role)}</dd>
        <dt>Permissions</dt>
        <dd>
          {permissions.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <span className="tag-list">
              {permissions.map((p) => (
                <code key={p} className="tag">
                  {p}
                </code>
              ))}
            </span>
          )}
        </dd>
      </dl>
    </Card>
  );
}

function RoadmapCard() {
  return (
    <Card title="Coming next" testId="dashboard-roadmap">
      <ul className="roadmap">
        {COMING_SOON_ITEMS.map((item) => (
          <li key={item.id}>
            <Link to={item.path}>{item.label}</Link>
            <span className="muted"> — {item.comingSoon?.summary}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function DashboardPage() {
  const { can } = useAuth();
  const { user } = useSession();
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Welcome, ${user.displayName || user.username}. An overview of your privacy programme.`}
      />
      <div className="grid">
        {can('systems:read') ? <SystemsCard /> : null}
        {can('dsr:read') ? <SubjectRequestsCard /> : null}
        <StoreCard />
        <AccessCard />
        {can('audit:read') ? <RecentAuditCard /> : null}
        <RoadmapCard />
      </div>
    </>
  );
}
