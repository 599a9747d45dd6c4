import type { ReactNode } from 'react';
import { roleLabel } from '../api';
import { formatDateTime, formatRelative } from '../format';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'danger' | 'warning' | 'accent';

export function Badge({ tone = 'neutral', children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

const OUTCOME_TONES: Record<string, BadgeTone> = { success: 'success', failure: 'danger', denied: 'warning' };

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const label = outcome.charAt(0).toUpperCase() + outcome.slice(1);
  return <Badge tone={OUTCOME_TONES[outcome] ?? 'neutral'}>{label}</Badge>;
}

export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={role === 'admin' ? 'accent' : 'info'}>{roleLabel(role)}</Badge>;
}

/** A timestamp shown in the reader's locale, with the exact ISO value on hover. */
export function DateTime({ value, relative = false }: { value: string | null | undefined; relative?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <time dateTime={value} title={value}>
      {relative ? formatRelative(value) : formatDateTime(value)}
    </time>
  );
}
