import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import { Icon } from './Icon';

function fieldLabel(field: string): string {
  return field.replace(/^(body|query|params)[./]/, '').replace(/^\//, '') || 'request';
}

/** Renders an API problem: title, detail, field errors and the request id for support. */
export function ErrorBanner({
  error,
  title,
  onRetry,
  testId = 'error-banner',
  children,
}: {
  error: ApiError;
  title?: string | undefined;
  onRetry?: () => void;
  testId?: string;
  /** Extra actions under the problem (e.g. "Start again"). */
  children?: ReactNode;
}) {
  const heading = title ?? error.title;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-status={error.status} data-code={error.code}>
      <Icon name="alert" className="alert-icon" />
      <div className="alert-body">
        <p className="alert-title">{heading}</p>
        {error.detail && error.detail !== heading ? <p className="alert-detail">{error.detail}</p> : null}
        {error.errors.length > 0 ? (
          <ul className="alert-list">
            {error.errors.map((e, i) => (
              <li key={`${e.field}-${i}`}>
                {e.field ? <strong>{fieldLabel(e.field)}: </strong> : null}
                {e.message}
              </li>
            ))}
          </ul>
        ) : null}
        {error.requestId || (error.code && !error.code.startsWith('HTTP_')) ? (
          <p className="alert-meta">
            {error.code ? <span>Code {error.code}</span> : null}
            {error.requestId ? <span>Request {error.requestId}</span> : null}
          </p>
        ) : null}
        {onRetry ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
            Try again
          </button>
        ) : null}
        {children}
      </div>
    </div>
  );
}

export function Notice({
  tone = 'info',
  children,
  testId,
}: {
  tone?: 'info' | 'success' | 'warning';
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`alert alert-${tone}`} role="status" data-testid={testId}>
      <Icon name={tone === 'success' ? 'check' : tone === 'warning' ? 'alert' : 'info'} className="alert-icon" />
      <div className="alert-body">
        <div>{children}</div>
      </div>
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}

/**
 * What a page shows while its request is in flight or failed: a spinner until the first answer,
 * the problem with a retry button after a failure. The page renders its data itself.
 */
export function RequestState({ loading, error, hasData, onRetry, label }: { loading: boolean; error: ApiError | undefined; hasData: boolean; onRetry: () => void; label?: string }) {
  return (
    <>
      {loading && !hasData ? <Loading {...(label ? { label } : {})} /> : null}
      {error ? <ErrorBanner error={error} onRetry={onRetry} /> : null}
    </>
  );
}
