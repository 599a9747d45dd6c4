import type { PortalRequest } from '../../api';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { DueDate } from './DueDate';

/** Step 3: the request is confirmed; what the person keeps for reference. */
export function DoneStep({ request, label, email, onRestart }: { request: PortalRequest; label: string; email: string; onRestart: () => void }) {
  return (
    <div className="portal-step-body" data-testid="portal-confirmation">
      <div className="portal-done">
        <Icon name="check" size={22} className="portal-done-icon" />
        <p>
          Thank you. Your request “<strong data-testid="portal-done-type">{label}</strong>” is confirmed and has been passed to the privacy team.
        </p>
        {request.status !== 'verified' ? (
          // The organisation asks for a staff check too (its verification level for this kind of request).
          <p data-testid="portal-staff-check">Before anything is done, a member of the privacy team will also check the request with you.</p>
        ) : null}
      </div>
      <dl className="portal-summary">
        <div>
          <dt>Reference</dt>
          <dd>
            <code className="portal-reference" data-testid="portal-reference">
              {request.id}
            </code>
            <CopyButton text={request.id} label="Copy" />
          </dd>
        </div>
        <div>
          <dt>Replies go to</dt>
          <dd>{email}</dd>
        </div>
      </dl>
      <DueDate request={request} />
      <div className="portal-next">
        <h2 className="portal-next-title">What happens now</h2>
        <ol className="portal-next-list">
          <li>The privacy team looks for the data held about you in the organisation’s systems.</li>
          <li>If they need more information to find you or to confirm who you are, they will e-mail you.</li>
          <li>You get the answer by e-mail by the date above. Quote the reference if you write to them about it.</li>
        </ol>
      </div>
      <p className="portal-restart">
        <button type="button" className="btn-link" onClick={onRestart} data-testid="portal-new-request">
          Make another request
        </button>
      </p>
    </div>
  );
}
