/** Pieces the queue and the detail share: the status badge and the legal clock. */
import { Badge } from '../../components/Badge';
import { formatDate } from '../../format';
import { daysUntil, humanise, isClosed, STATUS_TONES } from './types';

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? 'neutral'}>{humanise(status)}</Badge>;
}

/** "12 Mar 2026 · 9 days left", or "overdue by 3 days" in red; closed requests show the date only. */
export function DueLabel({ dueAt, status, overdue, testId }: { dueAt: string; status: string; overdue: boolean; testId?: string }) {
  const days = daysUntil(dueAt);
  const closed = isClosed(status);
  let clock: string | null = null;
  if (!closed) {
    if (overdue) clock = days < 0 ? `overdue by ${-days} ${-days === 1 ? 'day' : 'days'}` : 'overdue';
    else clock = days === 1 ? '1 day left' : `${days} days left`;
  }
  return (
    <span className="dsr-due" data-testid={testId} data-overdue={String(overdue)}>
      <time dateTime={dueAt} title={dueAt}>
        {formatDate(dueAt)}
      </time>
      {clock ? <span className={overdue ? 'dsr-clock text-danger' : days <= 7 ? 'dsr-clock dsr-clock-soon' : 'dsr-clock muted'}>{clock}</span> : null}
    </span>
  );
}
