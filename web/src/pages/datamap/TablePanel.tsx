/**
 * The side panel of the map: one table followed through the flow, top to bottom: how an identity
 * reaches it, the categories it holds, the activities (purposes) that cover them, and who receives
 * the data where (recipients, transfers, the system's hosting country).
 */
import type { ReactNode } from 'react';
import type { SensitivityPolicy } from '../../api';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { LevelBadge } from '../discovery/levels';
import { activitiesFor, Breakable, tableName } from './shared';
import type { Activity, MapSystem, MapTable } from './types';

function Step({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="dm-step" data-testid={testId}>
      <h4 className="detail-title">{title}</h4>
      {children}
    </section>
  );
}

export function TablePanel({ system, table, activities, policy, onClose, onOpenActivity }: {
  system: MapSystem;
  table: MapTable;
  activities: Activity[];
  policy: SensitivityPolicy | undefined;
  onClose: () => void;
  onOpenActivity: (key: string) => void;
}) {
  const categories = [...new Map(table.fields.filter((f) => f.category).map((f) => [f.category!, f.level])).entries()].sort(([a], [b]) => a.localeCompare(b));
  const covering = new Map<string, Activity>();
  const uncovered: string[] = [];
  for (const [category] of categories) {
    const found = activitiesFor(activities, system.name, category);
    if (found.length === 0) uncovered.push(category);
    for (const a of found) covering.set(a.key, a);
  }
  const recipients = [...covering.values()].flatMap((a) => a.recipients.map((r) => ({ ...r, activity: a.key })));
  const countries = new Set<string>();
  if (system.hostingCountry) countries.add(system.hostingCountry);
  for (const a of covering.values()) for (const t of a.transfers) countries.add(t.destination);
  for (const r of recipients) if (r.country) countries.add(r.country);
  const identities = table.fields.filter((f) => f.identity);

  return (
    <aside className="dm-panel-side" aria-label={`${tableName(table)} in ${system.name}`} data-testid="map-detail" data-table={table.table}>
      <header className="dm-side-head">
        <div>
          <p className="muted small">{system.name}</p>
          <h3 className="dm-side-title mono">
            <Breakable text={tableName(table)} />
          </h3>
        </div>
        <LevelBadge level={table.level} policy={policy} />
        <button type="button" className="btn btn-icon" onClick={onClose} title="Close" data-testid="map-detail-close">
          <Icon name="close" size={16} />
          <span className="visually-hidden">Close the details</span>
        </button>
      </header>

      <Step title="Identity path" testId="map-detail-path">
        {!table.reachable ? (
          <p className="text-danger">
            <strong>Unreachable.</strong> No identity reaches this table: a subject request would not find its rows.
          </p>
        ) : table.path.length === 0 ? (
          <p>
            Identity table
            {identities.length ? (
              <>
                : <span className="mono">{identities.map((f) => `${f.column} (${f.identity})`).join(', ')}</span>
              </>
            ) : null}
          </p>
        ) : (
          <ol className="dm-path">
            {table.path.map((hop) => (
              <li key={hop} className="mono">
                {hop}
              </li>
            ))}
          </ol>
        )}
      </Step>

      <Step title="Categories" testId="map-detail-categories">
        {categories.length === 0 ? (
          <p className="muted">No personal-data categories.</p>
        ) : (
          <ul className="dm-flow-list">
            {categories.map(([category, level]) => (
              <li key={category}>
                <span className="mono">
                  <Breakable text={category} />
                </span>
                <LevelBadge level={level} policy={policy} />
                {uncovered.includes(category) ? <Badge tone="danger" title="No processing activity covers it">No activity</Badge> : null}
              </li>
            ))}
          </ul>
        )}
      </Step>

      <Step title="Purposes (activities)" testId="map-detail-activities">
        {covering.size === 0 ? (
          <p className="muted">No processing activity covers these categories yet.</p>
        ) : (
          <ul className="dm-flow-list">
            {[...covering.values()].map((a) => (
              <li key={a.key}>
                <button type="button" className="btn-link" onClick={() => onOpenActivity(a.key)}>
                  {a.name}
                </button>
                <span className="muted small">{a.dataUses.join(', ') || 'no data use'}</span>
              </li>
            ))}
          </ul>
        )}
      </Step>

      <Step title="Recipients">
        {recipients.length === 0 ? (
          <p className="muted">None declared.</p>
        ) : (
          <ul className="dm-flow-list">
            {recipients.map((r, i) => (
              <li key={`${r.activity}-${r.name}-${i}`}>
                {r.name} <span className="muted small">{r.type.replace(/_/g, ' ')}{r.country ? ` · ${r.country}` : ''}</span>
              </li>
            ))}
          </ul>
        )}
      </Step>

      <Step title="Countries">
        {countries.size === 0 ? <p className="muted">Hosting country not set for {system.name}.</p> : <p className="tag-list">{[...countries].sort().map((c) => <code key={c} className="tag">{c}</code>)}</p>}
      </Step>
    </aside>
  );
}
