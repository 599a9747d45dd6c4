import { Fragment, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { Badge, DateTime } from '../components/Badge';
import { EmptyState, ErrorBanner, Loading } from '../components/Feedback';
import { Card, PageHeader } from '../components/PageHeader';
import { engineLabel, formatNumber } from '../format';
import { useApi } from '../hooks';
import { SystemDetailsForm } from './datamap/SystemDetailsForm';
import { ROLE_LABELS } from './datamap/types';

export function SystemsPage() {
  const { data, error, loading, reload } = useApi((signal) => api.systems(signal));
  const systems = data?.systems ?? [];
  const canEdit = useAuth().can('map:manage');
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Systems"
        description="Databases and applications that hold personal data and are connected to Custos. Connection details are shown with secrets redacted."
        actions={
          <button type="button" className="btn btn-secondary" onClick={reload} disabled={loading}>
            Refresh
          </button>
        }
      />
      {error ? <ErrorBanner error={error} onRetry={reload} /> : null}
      <Card>
        {loading && !data ? <Loading label="Loading systems…" /> : null}
        {data && systems.length === 0 ? (
          <EmptyState title="No systems connected">
            Systems registered through the API or the <code>custos</code> command line appear here.
          </EmptyState>
        ) : null}
        {systems.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="systems-table">
              <caption className="visually-hidden">Connected systems</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Engine</th>
                  <th scope="col">Connection</th>
                  <th scope="col">Origin</th>
                  <th scope="col" className="num">
                    Tables
                  </th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col">Connected</th>
                  <th scope="col">Owner · hosting</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {systems.map((system) => (
                  <Fragment key={String(system.id)}>
                  <tr
                    data-testid="systems-row"
                    data-system-id={String(system.id)}
                    data-origin={system.origin}
                  >
                    <th scope="row">
                      <span className="cell-title">{system.name}</span>
                      {system.description ? <span className="cell-sub">{system.description}</span> : null}
                    </th>
                    <td>{engineLabel(system.engine)}</td>
                    <td>
                      <code className="connection">{system.connection}</code>
                    </td>
                    <td>
                      {system.origin === 'demo' ? (
                        <Badge tone="warning" title="Synthetic data created by Custos for evaluation">
                          Demo
                        </Badge>
                      ) : (
                        <Badge tone="info">{system.origin === 'user' ? 'User' : system.origin}</Badge>
                      )}
                    </td>
                    <td className="num">{formatNumber(system.tables)}</td>
                    <td className="num">{formatNumber(system.rows)}</td>
                    <td>
                      <DateTime value={system.createdAt} />
                    </td>
                    <td data-testid="system-details">
                      <span className="cell-title">{system.owner ?? <span className="muted">No owner</span>}</span>
                      <span className="cell-sub">
                        {[system.department, system.hostingCountry, system.hostingRegion, system.role ? ROLE_LABELS[system.role] : null].filter(Boolean).join(' · ') || 'Hosting not set'}
                      </span>
                    </td>
                    <td className="actions">
                      {canEdit ? (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          aria-expanded={editing === String(system.id)}
                          onClick={() => setEditing((id) => (id === String(system.id) ? null : String(system.id)))}
                          data-testid="system-details-edit"
                        >
                          Edit details<span className="visually-hidden"> of {system.name}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {canEdit && editing === String(system.id) ? (
                    <tr className="row-details">
                      <td colSpan={9}>
                        <SystemDetailsForm
                          system={system}
                          onCancel={() => setEditing(null)}
                          onSaved={() => {
                            setEditing(null);
                            reload();
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
    </>
  );
}
