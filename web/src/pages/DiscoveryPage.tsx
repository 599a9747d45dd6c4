/**
 * Discovery: where personal data lives across the connected systems. A heat map of tables by
 * sensitivity, the findings review queue, scans (live progress, history) and registering systems.
 */
import { useCallback, useMemo, useState } from 'react';
import { api, type Finding, type HeatmapCell, type Scan, type System } from '../api';
import { useAuth } from '../auth';
import { ErrorBanner, Loading, Notice, EmptyState } from '../components/Feedback';
import { Icon } from '../components/Icon';
import { Card, PageHeader } from '../components/PageHeader';
import { useApi } from '../hooks';
import { EMPTY_FINDING_FILTERS, FindingsPanel, type FindingFilterState } from './discovery/Findings';
import { Heatmap, sameTable, type TableRef } from './discovery/Heatmap';
import { RegisterSystemForm } from './discovery/RegisterSystem';
import { isActive, ScanProgress, SystemsScans, useScans } from './discovery/Scans';

function scrollToFindings(): void {
  const target = document.getElementById('findings');
  if (!target) return;
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
}

export function DiscoveryPage() {
  const { can } = useAuth();
  const canReadSystems = can('systems:read');
  const canManage = can('systems:manage');

  const [systemsTick, setSystemsTick] = useState(0);
  const [heatTick, setHeatTick] = useState(0);
  const [findingsTick, setFindingsTick] = useState(0);
  const [scansTick, setScansTick] = useState(0);
  const [filters, setFilters] = useState<FindingFilterState>(EMPTY_FINDING_FILTERS);
  const [table, setTable] = useState<TableRef | null>(null);
  const [showRegister, setShowRegister] = useState(false);
  const [registered, setRegistered] = useState<{ system: System; scan: Scan | null } | null>(null);

  const catalogue = useApi((signal) => api.entities(signal));
  const systemsResult = useApi(
    (signal) => (canReadSystems ? api.systems(signal) : Promise.resolve({ systems: [] as System[] })),
    [canReadSystems, systemsTick],
  );
  const heat = useApi((signal) => api.heatmap(signal), [heatTick]);

  const onScanFinished = useCallback(() => {
    setHeatTick((t) => t + 1);
    setFindingsTick((t) => t + 1);
    setSystemsTick((t) => t + 1);
  }, []);
  const scans = useScans(scansTick, onScanFinished);

  const policy = catalogue.data?.policy;
  const entities = catalogue.data?.entities ?? [];
  const cells = heat.data?.cells ?? [];

  // Without systems:read the filter still lists the systems that have findings.
  const systems = useMemo<System[]>(() => {
    if (canReadSystems) return systemsResult.data?.systems ?? [];
    const seen = new Map<string, System>();
    for (const cell of cells) {
      if (!seen.has(cell.systemId)) {
        seen.set(cell.systemId, { id: cell.systemId, name: cell.system, engine: '', connection: '', origin: '', createdAt: '' });
      }
    }
    return [...seen.values()];
  }, [canReadSystems, systemsResult.data, cells]);

  const activeScans = scans.scans.filter(isActive);
  const systemName = (id: string) => systems.find((s) => String(s.id) === id)?.name ?? 'System';

  function refreshAll() {
    setSystemsTick((t) => t + 1);
    setHeatTick((t) => t + 1);
    setFindingsTick((t) => t + 1);
    setScansTick((t) => t + 1);
    catalogue.reload();
  }

  function selectCell(cell: HeatmapCell) {
    const ref: TableRef = { systemId: cell.systemId, system: cell.system, schema: cell.schema, table: cell.table };
    if (sameTable(table, ref)) {
      setTable(null);
      return;
    }
    setTable(ref);
    setFilters((f) => ({ ...f, systemId: '', search: '' }));
    window.requestAnimationFrame(scrollToFindings);
  }

  const onDecided = useCallback((_finding: Finding) => setHeatTick((t) => t + 1), []);

  return (
    <>
      <PageHeader
        title="Discovery"
        description="Where personal data lives in your systems: scan them, see which tables are most sensitive, and review what the scanner found. Only masked examples ever reach Custos."
        actions={
          <>
            <button type="button" className="btn btn-secondary" onClick={refreshAll} data-testid="discovery-refresh">
              <Icon name="refresh" size={16} />
              Refresh
            </button>
            {canManage ? (
              <button
                type="button"
                className="btn btn-primary"
                aria-expanded={showRegister}
                onClick={() => {
                  setShowRegister((v) => !v);
                  setRegistered(null);
                }}
                data-testid="register-system-open"
              >
                <Icon name="plus" size={16} />
                Register system
              </button>
            ) : null}
          </>
        }
      />

      {registered ? (
        <Notice tone="success" testId="register-system-done">
          Registered <strong>{registered.system.name}</strong> (<code>{registered.system.connection}</code>).
          {registered.scan ? ' A scan has been queued; its progress shows below.' : ' Start a scan from the list of systems when ready.'}
        </Notice>
      ) : null}

      {showRegister && canManage ? (
        <Card title="Register a system" testId="register-system">
          <RegisterSystemForm
            onCancel={() => setShowRegister(false)}
            onRegistered={(system, scan) => {
              setRegistered({ system, scan });
              setShowRegister(false);
              setSystemsTick((t) => t + 1);
              if (scan) scans.merge([scan]);
            }}
          />
        </Card>
      ) : null}

      {activeScans.length > 0 ? (
        <Card title="Scans in progress" testId="scans-active">
          <div className="scan-progress-list">
            {activeScans.map((scan) => (
              <ScanProgress
                key={scan.id}
                scan={scan}
                system={systemName(scan.systemId)}
                canScan={can('discovery:scan')}
                onChanged={(updated) => scans.merge([updated])}
              />
            ))}
          </div>
        </Card>
      ) : null}

      {catalogue.error ? (
        <ErrorBanner error={catalogue.error} title="The detector catalogue could not be loaded" onRetry={catalogue.reload} />
      ) : null}

      <Card title="Sensitivity heat map" testId="discovery-heatmap-card">
        {heat.loading && !heat.data ? <Loading label="Loading the heat map…" /> : null}
        {heat.error ? <ErrorBanner error={heat.error} onRetry={() => setHeatTick((t) => t + 1)} /> : null}
        {heat.data && cells.length === 0 ? (
          <EmptyState title="No personal data found yet">
            Tables appear here once a scan has found personal data in them.
            {can('discovery:scan') ? ' Start one from the list of systems below.' : null}
          </EmptyState>
        ) : null}
        {cells.length > 0 ? <Heatmap cells={cells} policy={policy} selected={table} onSelect={selectCell} /> : null}
      </Card>

      <div id="findings" className="anchor">
        <Card title="Findings" testId="discovery-findings">
          <FindingsPanel
            systems={systems}
            entities={entities}
            policy={policy}
            filters={filters}
            onFiltersChange={setFilters}
            table={table}
            onClearTable={() => setTable(null)}
            reloadKey={findingsTick}
            onDecided={onDecided}
          />
        </Card>
      </div>

      {canReadSystems ? (
        <Card
          title="Systems and scans"
          testId="discovery-scans"
          actions={
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setScansTick((t) => t + 1)} disabled={scans.loading}>
              Refresh
            </button>
          }
        >
          {systemsResult.error ? <ErrorBanner error={systemsResult.error} onRetry={() => setSystemsTick((t) => t + 1)} /> : null}
          {systemsResult.loading && !systemsResult.data ? (
            <Loading label="Loading systems…" />
          ) : (
            <SystemsScans systems={systems} state={scans} onStarted={(scan) => scans.merge([scan])} />
          )}
        </Card>
      ) : null}
    </>
  );
}
