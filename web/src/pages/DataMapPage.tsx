/**
 * The data map: where personal data lives (systems → tables → fields), why it is processed
 * (processing activities), what changed since (drift), what the records miss (the CI gate) and the
 * reports built from all of it. Tabs keep one page; the tab is in the address (?tab=) so it
 * survives a reload and can be linked.
 */
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { useApi } from '../hooks';
import { ActivitiesTab } from './datamap/ActivitiesTab';
import { datamapApi } from './datamap/client';
import { DriftTab } from './datamap/DriftTab';
import { GateTab } from './datamap/GateTab';
import { LocationsTab } from './datamap/LocationsTab';
import { MapTab } from './datamap/MapTab';
import { ReferencesTab } from './datamap/ReferencesTab';

const TABS = [
  { id: 'map', label: 'Map' },
  { id: 'locations', label: 'Data locations' },
  { id: 'activities', label: 'Activities' },
  { id: 'drift', label: 'Drift' },
  { id: 'gate', label: 'Gate & reports' },
  { id: 'references', label: 'References' },
] as const;

type TabId = (typeof TABS)[number]['id'];

function readLocation(): { tab: TabId; activity: string | null } {
  const params = new URLSearchParams(window.location.search);
  const tab = params.get('tab');
  return { tab: TABS.some((t) => t.id === tab) ? (tab as TabId) : 'map', activity: params.get('activity') };
}

function writeLocation(tab: TabId, activity: string | null): void {
  const params = new URLSearchParams();
  if (tab !== 'map') params.set('tab', tab);
  if (activity !== null) params.set('activity', activity);
  const qs = params.toString();
  window.history.replaceState(null, '', `/data-map${qs ? `?${qs}` : ''}`);
}

export function DataMapPage() {
  const { can } = useAuth();
  const canManage = can('map:manage');
  const [{ tab, activity }, setLocation] = useState(readLocation);
  const [mapTick, setMapTick] = useState(0);
  const map = useApi((signal) => datamapApi.map(signal), [mapTick]);
  const activities = useApi((signal) => datamapApi.activities(signal), [mapTick]);
  const unread = useApi((signal) => datamapApi.notifications(true, signal), [mapTick]);
  const unreadCount = unread.data?.notifications.length ?? 0;

  useEffect(() => writeLocation(tab, activity), [tab, activity]);

  const show = useCallback((next: TabId, activityKey: string | null = null) => setLocation({ tab: next, activity: activityKey }), []);
  const openActivity = useCallback((key: string | null) => setLocation({ tab: 'activities', activity: key }), []);
  const changed = useCallback(() => setMapTick((t) => t + 1), []);

  return (
    <>
      <PageHeader
        title="Data map"
        description="Where personal data lives, why it is processed and who receives it: built from your systems and discovery results, and checked against what your records of processing declare."
        actions={
          <button type="button" className="btn btn-secondary" onClick={changed} data-testid="datamap-refresh">
            <Icon name="refresh" size={16} />
            Refresh
          </button>
        }
      />
      <div className="dm-tabs" role="tablist" aria-label="Data map views">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`dm-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="dm-panel"
            className={`dm-tab${tab === t.id ? ' active' : ''}`}
            onClick={() => show(t.id)}
            data-testid={`datamap-tab-${t.id}`}
          >
            {t.label}
            {t.id === 'drift' && unreadCount > 0 ? (
              <span className="dm-tab-count" data-testid="drift-unread" title={`${unreadCount} unread notifications`}>
                {unreadCount}
                <span className="visually-hidden"> unread</span>
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div id="dm-panel" role="tabpanel" aria-labelledby={`dm-tab-${tab}`} className="dm-panel" data-testid={`datamap-panel-${tab}`}>
        {tab === 'map' ? (
          <div className="dm-surface">
            <MapTab result={map} activities={activities.data?.activities ?? []} onOpenActivity={openActivity} />
          </div>
        ) : null}
        {tab === 'locations' ? (
          <div className="dm-surface">
            <LocationsTab result={map} onOpenActivity={openActivity} />
          </div>
        ) : null}
        {tab === 'activities' ? (
          <ActivitiesTab result={activities} editing={activity} onEdit={openActivity} onChanged={changed} canManage={canManage} />
        ) : null}
        {tab === 'drift' ? (
          <div className="dm-surface">
            <DriftTab canManage={canManage} unread={unread.data?.notifications ?? []} onNotificationsRead={unread.reload} onOpenActivity={openActivity} onChanged={changed} />
          </div>
        ) : null}
        {tab === 'gate' ? <GateTab reloadKey={mapTick} /> : null}
        {tab === 'references' ? <ReferencesTab canManage={canManage} map={map.data?.map} onChanged={changed} /> : null}
      </div>
    </>
  );
}
