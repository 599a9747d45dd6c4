/** The plan from the live map and a run's result: a table per system, counts only, never a value. */
import type { ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import { EmptyState, Notice } from '../../components/Feedback';
import { formatNumber } from '../../format';
import { Breakable } from '../datamap/shared';
import type { PlanView, RunSummary } from './types';

interface Counts {
  /** schema.table */
  name: string;
  /** The bare table name, for tests and links. */
  table: string;
  matched: number;
  shared?: number;
  deleted: number;
  updated: number;
  retained: number;
  retainReason?: string | undefined;
  /** What happens to each field, for an erasure plan. */
  fields?: string;
}

interface SystemCounts {
  system: string;
  status: string;
  error?: string | undefined;
  tables: Counts[];
}

/**
 * One system's table. Access shows the matched rows (and shared ones in a plan); erasure adds what
 * is deleted, updated and retained, with the reason, as planned (`tense: 'plan'`) or done.
 */
function SystemTable({ s, erasure, tense, note }: { s: SystemCounts; erasure: boolean; tense: 'plan' | 'done'; note?: ReactNode }) {
  const plan = tense === 'plan';
  const prefix = plan ? 'plan' : 'run';
  return (
    <section className="dsr-plan-system" data-testid={`${prefix}-system`} data-system={s.system} data-status={s.status}>
      <header className="dsr-plan-head">
        <h3 className="detail-title">{s.system}</h3>
        <Badge tone={s.status === 'failed' ? 'danger' : s.status === 'done' ? 'success' : 'neutral'}>{s.status}</Badge>
        {note}
      </header>
      {s.error ? <p className="field-error" data-testid={`${prefix}-system-error`}>{s.error}</p> : null}
      {s.tables.length > 0 ? (
        <div className="table-wrap dsr-plan-table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col" className="num">{plan || erasure ? 'Matched' : 'Rows collected'}</th>
                {plan ? <th scope="col" className="num" title="Rows also linked to other people: read for access, never erased">Shared</th> : null}
                {erasure ? (
                  <>
                    <th scope="col" className="num">{plan ? 'Delete' : 'Deleted'}</th>
                    <th scope="col" className="num">{plan ? 'Update' : 'Updated'}</th>
                    <th scope="col" className="num">{plan ? 'Retain' : 'Retained'}</th>
                    <th scope="col">Retain reason</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {s.tables.map((t) => (
                <tr key={t.name} data-testid={`${prefix}-table`} data-table={plan ? t.table : t.name} data-matched={t.matched}>
                  <th scope="row" className="mono dsr-table-name">
                    <Breakable text={t.name} />
                    {erasure && t.fields ? <span className="cell-sub">{t.fields}</span> : null}
                  </th>
                  <td className="num" data-testid={`${prefix}-matched`}>{formatNumber(t.matched)}</td>
                  {plan ? <td className="num">{formatNumber(t.shared ?? 0)}</td> : null}
                  {erasure ? (
                    <>
                      <td className="num">{formatNumber(t.deleted)}</td>
                      <td className="num">{formatNumber(t.updated)}</td>
                      <td className="num">{formatNumber(t.retained)}</td>
                      <td className="dsr-reason">{t.retainReason ?? <span className="muted">—</span>}</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function PlanTables({ plan, erasure }: { plan: PlanView; erasure: boolean }) {
  return (
    <div className="dsr-plan" data-testid="plan">
      <Notice tone="info" testId="plan-note">
        A dry run against the live systems: rows are counted, nothing is read out, changed or deleted.
        {erasure ? ' Delete, update and retain show what the run will do with the matched rows, per the erasure policy.' : ' A run collects the matched rows into the subject’s package; shared rows are linked to other people too and are released with care.'}
      </Notice>
      {plan.counts.length === 0 ? (
        <EmptyState title="No system holds data for these identities">
          <p>The data map links no table to the request&rsquo;s identity kinds. Scan the systems and confirm the identity columns, then preview again.</p>
        </EmptyState>
      ) : null}
      {plan.counts.map((s) => {
        const matched = s.tables.reduce((n, t) => n + t.matched, 0);
        const tables = s.tables.map((t) => ({
          ...t,
          name: t.table.schema ? `${t.table.schema}.${t.table.table}` : t.table.table,
          table: t.table.table,
          fields: t.fields.filter((f) => f.rows > 0).map((f) => `${f.column}: ${f.action.replace(/_/g, ' ')}`).join(' · '),
        }));
        const note = (
          <span className="muted small">
            {formatNumber(matched)} rows matched in {s.tables.length} {s.tables.length === 1 ? 'table' : 'tables'}
          </span>
        );
        return <SystemTable key={s.system} s={{ ...s, tables }} erasure={erasure} tense="plan" note={note} />;
      })}
    </div>
  );
}

/** For an access run only the matched (collected) rows mean anything; erasure shows what was done. */
export function RunResult({ summary, erasure }: { summary: RunSummary; erasure: boolean }) {
  const failed = summary.systems.filter((s) => s.status === 'failed');
  return (
    <div className="dsr-plan" data-testid="run-result" data-failed={failed.length}>
      {failed.length ? (
        <Notice tone="warning">
          {failed.length} {failed.length === 1 ? 'system' : 'systems'} failed. Run again to resume: finished systems are skipped.
        </Notice>
      ) : (
        <Notice tone="success">
          Every system finished.
          {summary.rowsCollected !== undefined ? ` ${formatNumber(summary.rowsCollected)} rows collected for the package.` : ''}
        </Notice>
      )}
      {summary.systems.map((s) => (
        <SystemTable key={s.system} s={{ ...s, tables: s.tables.map((t) => ({ ...t, name: t.table })) }} erasure={erasure} tense="done" />
      ))}
    </div>
  );
}
