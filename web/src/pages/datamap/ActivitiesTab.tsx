/** Processing activities: the records of processing, with what needs review, and the editor. */
import { useState } from 'react';
import { toApiError } from '../../api';
import { Badge, DateTime } from '../../components/Badge';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyState, ErrorBanner, Notice, RequestState } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import type { AsyncResult } from '../../hooks';
import { ActivityEditor, NEW_ACTIVITY } from './ActivityEditor';
import { datamapApi } from './client';
import { ChipList } from './shared';
import { humanise, ROLE_LABELS, type Activity } from './types';

function DeleteButton({ activity, onDeleted }: { activity: Activity; onDeleted: () => void }) {
  return (
    <ConfirmButton
      label="Delete"
      hiddenLabel={activity.name}
      question={`Delete “${activity.name}”?`}
      busyLabel="Deleting…"
      onConfirm={() => datamapApi.deleteActivity(activity.key)}
      onDone={onDeleted}
      testId="activity-delete"
    />
  );
}

export function ActivitiesTab({ result, editing, onEdit, onChanged, canManage }: {
  result: AsyncResult<{ activities: Activity[] }>;
  editing: string | null;
  onEdit: (key: string | null) => void;
  onChanged: () => void;
  canManage: boolean;
}) {
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  const activities = result.data?.activities ?? [];
  if (editing !== null) {
    const current = editing === NEW_ACTIVITY ? null : activities.find((a) => a.key === editing);
    if (current === undefined) {
      return result.data ? (
        <ErrorBanner error={toApiError(new Error(`No processing activity with the key ${editing}.`))} title="Activity not found" onRetry={() => onEdit(null)} />
      ) : (
        <RequestState loading={result.loading} error={result.error} hasData={false} onRetry={result.reload} label="Loading the activity…" />
      );
    }
    return (
      <ActivityEditor
        key={editing}
        activity={current}
        readOnly={!canManage}
        onClose={() => onEdit(null)}
        onSaved={(saved) => {
          setLastSaved(saved.name);
          onChanged();
          onEdit(null);
        }}
      />
    );
  }

  const review = activities.filter((a) => a.reviewRequired).length;
  return (
    <div className="dm-surface">
      <RequestState loading={result.loading} error={result.error} hasData={Boolean(result.data)} onRetry={result.reload} label="Loading activities…" />
      {lastSaved ? (
        <Notice tone="success" testId="activity-saved">
          Saved <strong>{lastSaved}</strong>.
        </Notice>
      ) : null}
      <div className="table-toolbar">
        <p className="muted" data-testid="activities-count">
          {activities.length} {activities.length === 1 ? 'activity' : 'activities'}
          {review ? ` · ${review} to review` : ''}
        </p>
        {canManage ? (
          <button type="button" className="btn btn-primary" onClick={() => onEdit(NEW_ACTIVITY)} data-testid="activity-new">
            <Icon name="plus" size={16} />
            New activity
          </button>
        ) : null}
      </div>
      {result.data && activities.length === 0 ? (
        <EmptyState title="No processing activities yet">
          An activity says why personal data is processed: its purpose, legal basis, retention and recipients. The gate reports every category no activity covers.
        </EmptyState>
      ) : null}
      {activities.length > 0 ? (
        <div className="table-wrap dm-table-wrap">
          <table className="table" data-testid="activities-table">
            <caption className="visually-hidden">Processing activities</caption>
            <thead>
              <tr>
                <th scope="col">Activity</th>
                <th scope="col">Role</th>
                <th scope="col">Legal bases</th>
                <th scope="col">Categories</th>
                <th scope="col">Retention</th>
                <th scope="col">DPIA</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {activities.map((a) => (
                <tr key={a.key} data-testid="activity-row" data-key={a.key} data-review={String(a.reviewRequired)}>
                  <th scope="row">
                    <span className="cell-title">{a.name}</span>
                    <span className="cell-sub mono">{a.key}</span>
                    {a.reviewRequired ? (
                      <span className="dm-review" data-testid="activity-review">
                        <Badge tone="warning">Review required</Badge>
                        <ul className="dm-review-reasons">
                          {a.reviewReasons.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      </span>
                    ) : null}
                  </th>
                  <td>{ROLE_LABELS[a.role]}</td>
                  <td>{a.legalBases.length ? <ChipList items={a.legalBases.map((b) => `${b.jurisdiction}: ${b.basis}`)} /> : <Badge tone="danger">None</Badge>}</td>
                  <td>
                    <ChipList items={a.dataCategories} max={3} empty="None" />
                  </td>
                  <td className="mono">{a.retention ? (a.retention.period ?? a.retention.description ?? '') : <Badge tone="danger">None</Badge>}</td>
                  <td>{humanise(a.dpia.status)}</td>
                  <td>
                    <DateTime value={a.updatedAt} relative />
                  </td>
                  <td className="actions">
                    <span className="row-actions">
                      <button type="button" className="btn btn-secondary btn-small" onClick={() => onEdit(a.key)} data-testid={canManage ? 'activity-edit' : 'activity-view'}>
                        {canManage ? 'Edit' : 'View'}
                        <span className="visually-hidden"> {a.name}</span>
                      </button>
                      {canManage ? <DeleteButton activity={a} onDeleted={onChanged} /> : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
