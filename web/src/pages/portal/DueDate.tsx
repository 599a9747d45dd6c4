import type { PortalRequest } from '../../api';
import { Icon } from '../../components/Icon';
import { formatDueDate } from './rights';

/** The legal deadline the server computed for the request, as a calm, prominent line. */
export function DueDate({ request, pending = false }: { request: PortalRequest; pending?: boolean }) {
  if (!request.dueAt) return null;
  return (
    <div className="portal-due" data-testid="portal-due">
      <Icon name="retention" className="portal-due-icon" />
      <div>
        <p className="portal-due-label">{pending ? 'Once confirmed, the organisation must answer by' : 'The organisation must answer by'}</p>
        <p className="portal-due-date" data-testid="portal-due-date" data-due={request.dueAt}>
          {formatDueDate(request.dueAt)}
        </p>
        {request.jurisdiction ? <p className="portal-due-law">Deadline under {request.jurisdiction}; it can be extended only in the cases the law allows, and you would be told why.</p> : null}
      </div>
    </div>
  );
}
