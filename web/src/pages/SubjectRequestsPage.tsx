/**
 * Data subject requests for staff: the queue by due date (open, overdue, every status), staff
 * intake, and one request with its clock, verification, plan, run, package and timeline. The view
 * is in the address (?id=, ?view=new, ?filter=) so it survives a reload and can be linked.
 */
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { useApi } from '../hooks';
import { requestsApi } from './requests/client';
import { HoldsCard } from './requests/HoldsCard';
import { IntakeForm } from './requests/IntakeForm';
import { QueueTab, type QueueFilter } from './requests/QueueTab';
import { RequestView } from './requests/RequestView';

const FILTERS: { id: QueueFilter; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'all', label: 'All statuses' },
];

interface Location {
  filter: QueueFilter;
  status: string;
  id: string | null;
  creating: boolean;
}

function readLocation(): Location {
  const params = new URLSearchParams(window.location.search);
  const filter = params.get('filter');
  return {
    filter: FILTERS.some((f) => f.id === filter) ? (filter as QueueFilter) : 'open',
    status: params.get('status') ?? '',
    id: params.get('id'),
    creating: params.get('view') === 'new',
  };
}

function locationUrl(l: Location): string {
  const params = new URLSearchParams();
  if (l.id) params.set('id', l.id);
  else if (l.creating) params.set('view', 'new');
  else {
    if (l.filter !== 'open') params.set('filter', l.filter);
    if (l.filter === 'all' && l.status) params.set('status', l.status);
  }
  const qs = params.toString();
  return `/subject-requests${qs ? `?${qs}` : ''}`;
}

export function SubjectRequestsPage() {
  const { can } = useAuth();
  const canManage = can('dsr:manage');
  const [location, setLocation] = useState<Location>(readLocation);
  const [tick, setTick] = useState(0);
  const overdue = useApi((signal) => requestsApi.list('overdue', signal), [tick]);
  const overdueCount = overdue.data?.requests.length ?? 0;

  // Opening a request or the form is a step the browser's Back button undoes.
  const go = useCallback((next: Partial<Location>, push = true) => {
    setLocation((current) => {
      const merged = { ...current, ...next };
      const url = locationUrl(merged);
      if (url !== window.location.pathname + window.location.search) {
        if (push) window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
      }
      return merged;
    });
    window.scrollTo(0, 0);
  }, []);

  useEffect(() => {
    const onPop = () => setLocation(readLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const changed = useCallback(() => setTick((t) => t + 1), []);
  const showQueue = !location.id && !(location.creating && canManage);

  return (
    <>
      <PageHeader
        title="Subject requests"
        description="Access, correction, erasure and other requests from data subjects: verify who is asking, meet the legal deadline and fulfil the request across every connected system."
        actions={
          <>
            <button type="button" className="btn btn-secondary" onClick={changed} data-testid="requests-refresh">
              <Icon name="refresh" size={16} />
              Refresh
            </button>
            {canManage && !location.creating ? (
              <button type="button" className="btn btn-primary" onClick={() => go({ creating: true, id: null })} data-testid="requests-new">
                <Icon name="plus" size={16} />
                New request
              </button>
            ) : null}
          </>
        }
      />
      {location.id ? <RequestView key={location.id} id={location.id} onBack={() => go({ id: null, creating: false })} onChanged={changed} /> : null}
      {!location.id && location.creating && canManage ? (
        <IntakeForm
          onClose={() => go({ creating: false })}
          onCreated={(r) => {
            changed();
            go({ creating: false, id: r.id }, false);
          }}
        />
      ) : null}
      {showQueue ? (
        <>
          <div className="dm-tabs" role="tablist" aria-label="Request queues">
            {FILTERS.map((f) => (
              <button
                key={f.id}
                type="button"
                role="tab"
                id={`dsr-tab-${f.id}`}
                aria-selected={location.filter === f.id}
                aria-controls="dsr-panel"
                className={`dm-tab${location.filter === f.id ? ' active' : ''}`}
                onClick={() => go({ filter: f.id }, false)}
                data-testid={`requests-tab-${f.id}`}
              >
                {f.label}
                {f.id === 'overdue' && overdueCount > 0 ? (
                  <span className="dm-tab-count" data-testid="requests-overdue-count">
                    {overdueCount}
                    <span className="visually-hidden"> overdue</span>
                  </span>
                ) : null}
              </button>
            ))}
          </div>
          <div id="dsr-panel" role="tabpanel" aria-labelledby={`dsr-tab-${location.filter}`}>
            <QueueTab filter={location.filter} status={location.status} onStatus={(status) => go({ status }, false)} onOpen={(id) => go({ id })} reloadKey={tick} />
          </div>
          <div className="dsr-holds">
            <HoldsCard canManage={canManage} />
          </div>
        </>
      ) : null}
    </>
  );
}
