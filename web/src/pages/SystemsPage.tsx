import { api } from '../api';
import { Badge, DateTime } from '../components/Badge';
import { EmptyState, ErrorBanner, Loading } from '../components/Feedback';
import { Card, PageHeader } from '../components/PageHeader';
import { engineLabel, formatNumber } from '../format';
import { useApi } from '../hooks';

export function SystemsPage() {
  const { data, error, loading, reload } = useApi((signal) => api.systems(signal));
  const systems = data?.systems ?? [];
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
                </tr>
              </thead>
              <tbody>
                {systems.map((system) => (
                  <tr
                    key={String(system.id)}
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
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
    </>
  );
}
