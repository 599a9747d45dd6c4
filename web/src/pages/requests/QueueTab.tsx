/** The queue: open, overdue or every request by due date; a row opens the request. */
import { EmptyState, RequestState } from '../../components/Feedback';
import { SelectField } from '../../components/Field';
import { formatDate, pluralise } from '../../format';
import { useApi } from '../../hooks';
import { requestsApi } from './client';
import { DueLabel, StatusBadge } from './shared';
import { humanise, REQUEST_STATUSES, typeLabel } from './types';

export type QueueFilter = 'open' | 'overdue' | 'all';

export function QueueTab({ filter, status, onStatus, onOpen, reloadKey }: { filter: QueueFilter; status: string; onStatus: (s: string) => void; onOpen: (id: string) => void; reloadKey: number }) {
  const query = filter === 'all' ? status || undefined : filter;
  const result = useApi((signal) => requestsApi.list(query, signal), [query, reloadKey]);
  const requests = [...(result.data?.requests ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));

  return (
    <div className="dm-surface" data-testid="requests-queue" data-filter={filter}>
      <div className="table-toolbar">
        <p className="muted" data-testid="requests-count">
          {result.data ? `${pluralise(requests.length, 'request')}${filter === 'open' ? ' open' : filter === 'overdue' ? ' overdue' : ''}, soonest due first` : '\u00a0'}
        </p>
        {filter === 'all' ? (
          <SelectField label="Status" value={status} onChange={(e) => onStatus(e.target.value)} options={[{ value: '', label: 'Every status' }, ...REQUEST_STATUSES.map((s) => ({ value: s, label: humanise(s) }))]} fieldClassName="dsr-status-filter" testId="requests-status-filter" />
        ) : null}
      </div>
      <RequestState loading={result.loading} error={result.error} hasData={Boolean(result.data)} onRetry={result.reload} label="Loading the requests…" />
      {result.data && requests.length === 0 ? (
        <EmptyState title={filter === 'overdue' ? 'Nothing is overdue' : filter === 'open' ? 'No open requests' : 'No requests'}>
          <p>Requests arrive through the public portal at <code>/portal</code>, the API, the CLI or staff intake.</p>
        </EmptyState>
      ) : null}
      {requests.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-audit" data-testid="requests-table">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
                <th scope="col">Received</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-testid="request-row" data-id={r.id} data-type={r.type} data-status={r.status} data-overdue={String(r.overdue)} className={r.overdue ? 'dsr-row-overdue' : undefined}>
                  <th scope="row">
                    <a
                      href={`/subject-requests?id=${encodeURIComponent(r.id)}`}
                      className="cell-title"
                      onClick={(e) => {
                        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                        e.preventDefault();
                        onOpen(r.id);
                      }}
                      data-testid="request-open"
                    >
                      {typeLabel(r.type)}
                    </a>
                    <span className="cell-sub mono">{r.id.slice(0, 8)}</span>
                  </th>
                  <td>{r.jurisdiction}</td>
                  <td>{humanise(r.channel)}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="nowrap">{formatDate(r.receivedAt)}</td>
                  <td>
                    <DueLabel dueAt={r.dueAt} status={r.status} overdue={r.overdue} testId="request-due" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
