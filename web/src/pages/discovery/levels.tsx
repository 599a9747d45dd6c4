/**
 * Sensitivity levels as the console shows them: names come from the server's policy (the DPO may
 * rename them), colours are fixed (L1 green … L4 red) and every colour is paired with its label, so
 * nothing depends on colour alone.
 */
import { LEVELS, type FindingStatus, type Level, type ScanStatus, type SensitivityPolicy } from '../../api';
import { Badge, type BadgeTone } from '../../components/Badge';

const FALLBACK_LEVELS: Record<Level, { name: string; description: string }> = {
  L1: { name: 'Public', description: 'Not personal data, or made public on purpose' },
  L2: { name: 'Internal', description: 'Pseudonymous identifiers and low-risk personal data' },
  L3: { name: 'Confidential', description: 'Personal data that identifies or contacts a person' },
  L4: { name: 'Sensitive', description: 'Special categories, sensitive personal information, credentials' },
};

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export function levelInfo(level: Level, policy: SensitivityPolicy | undefined): { name: string; description: string } {
  return policy?.levels?.[level] ?? FALLBACK_LEVELS[level];
}

/** Higher is more sensitive; null (no level) sorts below L1. */
export function levelRank(level: Level | null | undefined): number {
  return level ? LEVELS.indexOf(level) + 1 : 0;
}

export function LevelBadge({ level, policy }: { level: Level | null | undefined; policy: SensitivityPolicy | undefined }) {
  if (!level) return <span className="muted">—</span>;
  const info = levelInfo(level, policy);
  return (
    <span className={`level-badge level-${level}`} title={`${level} ${info.name}: ${info.description}`} data-level={level}>
      <span className="level-code">{level}</span>
      <span className="level-name">{info.name}</span>
    </span>
  );
}

/** The level a category would get under the policy: the most specific matching rule wins. */
export function gradeCategory(category: string, policy: SensitivityPolicy | undefined): Level | null {
  if (!policy || !category) return null;
  let best: SensitivityPolicy['rules'][number] | undefined;
  for (const rule of policy.rules) {
    const matches = category === rule.category || category.startsWith(`${rule.category}.`);
    if (matches && (!best || rule.category.length > best.category.length)) best = rule;
  }
  return best ? best.level : 'L3';
}

export function LevelLegend({
  policy,
  hidden,
  onToggle,
}: {
  policy: SensitivityPolicy | undefined;
  hidden?: ReadonlySet<Level>;
  onToggle?: (level: Level) => void;
}) {
  return (
    <ul className="level-legend" aria-label="Sensitivity levels" data-testid="level-legend">
      {[...LEVELS].reverse().map((level) => {
        const info = levelInfo(level, policy);
        const shown = !hidden?.has(level);
        const content = (
          <>
            <span className={`legend-swatch level-${level}`} aria-hidden="true" />
            <span>
              <strong>{level}</strong> {info.name}
            </span>
          </>
        );
        return (
          <li key={level} title={info.description}>
            {onToggle ? (
              <button
                type="button"
                className={`legend-toggle${shown ? '' : ' legend-off'}`}
                aria-pressed={shown}
                onClick={() => onToggle(level)}
                data-testid="legend-toggle"
                data-level={level}
              >
                {content}
                <span className="visually-hidden">{shown ? ' (shown; select to hide)' : ' (hidden; select to show)'}</span>
              </button>
            ) : (
              <span className="legend-toggle">{content}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const FINDING_STATUS: Record<FindingStatus, { label: string; tone: BadgeTone }> = {
  proposed: { label: 'Proposed', tone: 'info' },
  confirmed: { label: 'Confirmed', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'neutral' },
};

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  const info = FINDING_STATUS[status] ?? { label: status, tone: 'neutral' as const };
  return <Badge tone={info.tone}>{info.label}</Badge>;
}

const SCAN_STATUS: Record<ScanStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelling: { label: 'Cancelling', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'warning' },
};

export function ScanStatusBadge({ status, scanId }: { status: ScanStatus; scanId?: string }) {
  const info = SCAN_STATUS[status] ?? { label: status, tone: 'neutral' as const };
  return (
    <span className="scan-status" data-testid="scan-status" data-status={status} data-scan-id={scanId}>
      <Badge tone={info.tone}>{info.label}</Badge>
    </span>
  );
}

/** "L4 2 · L3 5" chips for a scan summary. */
export function LevelCounts({ levels }: { levels: Partial<Record<Level, number>> | undefined }) {
  const present = [...LEVELS].reverse().filter((level) => (levels?.[level] ?? 0) > 0);
  if (present.length === 0) return <span className="muted">none</span>;
  return (
    <span className="level-counts">
      {present.map((level) => (
        <span key={level} className={`level-count level-${level}`} title={`${levels?.[level]} tables at ${level}`}>
          {level} <strong>{levels?.[level]}</strong>
        </span>
      ))}
    </span>
  );
}
