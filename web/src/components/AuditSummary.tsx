import type { AuditEvent } from '../api';

/** "user alice (admin)" style label for an audit actor. */
export function actorLabel(actor: AuditEvent['actor']): string {
  if (!actor) return 'unknown';
  return actor.name ?? (actor.id != null ? String(actor.id) : actor.type);
}

/** Long ids (UUIDs) shortened for tables; the full value stays in the details and the tooltip. */
export function shortId(id: string, keep = 8): string {
  return id.length > keep + 4 ? `${id.slice(0, keep)}…` : id;
}

export function targetLabel(target: AuditEvent['target'], short = false): string {
  if (!target || (!target.type && target.id == null)) return '—';
  if (target.id == null) return target.type ?? '—';
  const id = String(target.id);
  return `${target.type ?? 'object'} ${short ? shortId(id) : id}`;
}
