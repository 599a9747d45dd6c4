/** The CI gate (`custos check`) as a list, and the reports built from the live map. */
import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Notice, RequestState } from '../../components/Feedback';
import { SelectField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Card } from '../../components/PageHeader';
import { pluralise } from '../../format';
import { useApi } from '../../hooks';
import { datamapApi, reportUrl } from './client';
import type { CheckRule, Violation } from './types';

const REPORTS: { kind: string; title: string; summary: string; formats: string[]; jurisdiction?: boolean }[] = [
  { kind: 'ropa', title: 'Record of processing (controller)', summary: 'GDPR Art. 30(1): every activity with purposes, categories, recipients, transfers and retention.', formats: ['xlsx', 'pdf', 'html', 'csv'] },
  { kind: 'processor-ropa', title: 'Record of processing (processor)', summary: 'GDPR Art. 30(2): processing carried out on behalf of controllers.', formats: ['xlsx', 'pdf', 'html', 'csv'] },
  { kind: 'pipl', title: 'PIPL processing record', summary: 'China PIPL: processing activities, sensitive personal information and cross-border provision.', formats: ['xlsx', 'pdf', 'html', 'csv'] },
  { kind: 'notice', title: 'Privacy notice (draft)', summary: 'A draft notice for one jurisdiction, written from the map: counsel reviews it before publication.', formats: ['html', 'md', 'pdf'], jurisdiction: true },
  { kind: 'inventory', title: 'Data inventory', summary: 'Systems, tables and fields with categories and levels.', formats: ['xlsx', 'csv', 'html'] },
];

const NOTICE_JURISDICTIONS = ['GDPR', 'UK_GDPR', 'PIPL', 'CCPA'];

function RuleGroup({ rule, help, violations }: { rule: string; help: CheckRule | undefined; violations: Violation[] }) {
  const severity = violations[0]?.severity ?? 'error';
  return (
    <section className="dm-rule" data-testid="gate-rule" data-rule={rule}>
      <header className="dm-rule-head">
        <Badge tone={severity === 'error' ? 'danger' : 'warning'}>{severity}</Badge>
        <code className="mono">{rule}</code>
        <strong>{help?.title ?? ''}</strong>
        <span className="muted small">× {violations.length}</span>
        {help ? <p className="muted small dm-rule-help">How to fix: {help.help}</p> : null}
      </header>
      <ul className="dm-violations">
        {violations.map((v, i) => (
          <li key={`${v.subject}-${i}`} className={`dm-violation dm-${v.severity}`} data-testid="gate-violation" data-rule={v.rule} data-severity={v.severity}>
            <Icon name="alert" className="dm-violation-icon" size={16} />
            <div>
              <p>{v.message}</p>
              {v.file ? (
                <p className="muted small">
                  Manifest: <code>{v.file}</code>
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function GateTab({ reloadKey }: { reloadKey: number }) {
  const result = useApi((signal) => datamapApi.check(signal), [reloadKey]);
  const [severity, setSeverity] = useState<'' | 'error' | 'warning'>('');
  const [rule, setRule] = useState('');
  const [jurisdiction, setJurisdiction] = useState('GDPR');
  const check = result.data?.check;
  const ruleHelp = new Map((result.data?.rules ?? []).map((r) => [r.id, r]));
  const rules = check ? [...new Set(check.violations.map((v) => v.rule))].sort() : [];
  const shown = check?.violations.filter((v) => (!severity || v.severity === severity) && (!rule || v.rule === rule)) ?? [];

  return (
    <div className="dm-gate">
      <Card
        title="Gate"
        testId="gate-card"
        actions={
          <button type="button" className="btn btn-ghost btn-small" onClick={result.reload} disabled={result.loading} data-testid="gate-refresh">
            Re-run
          </button>
        }
      >
        <RequestState loading={result.loading} error={result.error} hasData={Boolean(check)} onRetry={result.reload} label="Running the checks…" />
        {check ? (
          <>
            <div className={`dm-gate-summary ${check.ok ? 'ok' : 'bad'}`} data-testid="gate-summary" data-ok={String(check.ok)} data-errors={check.errors} data-warnings={check.warnings}>
              <Icon name={check.ok ? 'check' : 'alert'} size={22} />
              <p>
                <strong>{check.ok ? 'Passes' : 'Fails'}</strong> · {pluralise(check.errors, 'error')}, {pluralise(check.warnings, 'warning')}
                <span className="muted small"> · the same result as <code>custos check</code> in CI</span>
              </p>
            </div>
            {check.violations.length > 0 ? (
              <div className="dm-toolbar">
                <SelectField label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as '' | 'error' | 'warning')} options={[{ value: '', label: 'Errors and warnings' }, { value: 'error', label: 'Errors' }, { value: 'warning', label: 'Warnings' }]} fieldClassName="dm-toolbar-select" testId="gate-filter-severity" />
                <SelectField label="Rule" value={rule} onChange={(e) => setRule(e.target.value)} options={[{ value: '', label: 'Every rule' }, ...rules.map((r) => ({ value: r, label: r }))]} fieldClassName="dm-toolbar-select" testId="gate-filter-rule" />
              </div>
            ) : (
              <Notice tone="success">The records of processing cover everything the map holds.</Notice>
            )}
            <div data-testid="gate-list">
              {[...new Set(shown.map((v) => v.rule))].map((r) => (
                <RuleGroup key={r} rule={r} help={ruleHelp.get(r)} violations={shown.filter((v) => v.rule === r)} />
              ))}
            </div>
          </>
        ) : null}
      </Card>

      <Card title="Reports" testId="reports-card">
        <p className="muted">Generated from the live map when you download them.</p>
        <ul className="dm-reports">
          {REPORTS.map((r) => (
            <li key={r.kind} className="dm-report" data-testid="report" data-kind={r.kind}>
              <div>
                <p className="cell-title">{r.title}</p>
                <p className="muted small">{r.summary}</p>
              </div>
              <div className="dm-report-actions">
                {r.jurisdiction ? (
                  <SelectField label="Jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} options={NOTICE_JURISDICTIONS.map((j) => ({ value: j, label: j }))} fieldClassName="dm-report-select" testId="report-jurisdiction" />
                ) : null}
                {r.formats.map((format) => (
                  <a key={format} className="btn btn-secondary btn-small" href={reportUrl(r.kind, format, r.jurisdiction ? jurisdiction : undefined)} download data-testid="report-download" data-format={format}>
                    <Icon name="download" size={14} />
                    {format.toUpperCase()}
                  </a>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
