import { Card, PageHeader } from '../components/PageHeader';
import { Link } from '../router';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <PageHeader title="Page not found" />
      <Card testId="not-found">
        <p>
          There is no console page at <code>{path}</code>.
        </p>
        <p>
          <Link to="/">Go to the dashboard</Link>
        </p>
      </Card>
    </>
  );
}

export function ForbiddenPage({ label, permissions }: { label: string; permissions: string[] }) {
  return (
    <>
      <PageHeader title={label} />
      <Card testId="forbidden">
        <p>
          Your role does not include access to {label.toLowerCase()}. It requires{' '}
          {permissions.map((p, i) => (
            <span key={p}>
              {i > 0 ? ' or ' : ''}
              <code>{p}</code>
            </span>
          ))}
          . Ask an administrator if you need it.
        </p>
        <p>
          <Link to="/">Go to the dashboard</Link>
        </p>
      </Card>
    </>
  );
}
