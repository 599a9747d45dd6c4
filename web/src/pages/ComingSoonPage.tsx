import { Badge } from '../components/Badge';
import { Icon } from '../components/Icon';
import { Card, PageHeader } from '../components/PageHeader';
import type { NavItem } from '../navigation';
import { Link } from '../router';

export function ComingSoonPage({ item }: { item: NavItem }) {
  const info = item.comingSoon;
  return (
    <>
      <PageHeader title={item.label} description={info?.summary} actions={<Badge tone="accent">Coming soon</Badge>} />
      <Card testId="coming-soon">
        <div className="coming-soon">
          <span className="coming-soon-icon" aria-hidden="true">
            <Icon name={item.icon} size={32} />
          </span>
          <div>
            <h2 className="card-title">This capability is on the roadmap</h2>
            <p className="muted">
              {item.label} is not available in this version of Custos yet. When it ships it will cover:
            </p>
            {info ? (
              <ul className="checklist">
                {info.points.map((point) => (
                  <li key={point}>{point}</li>
                ))}
              </ul>
            ) : null}
            <p>
              <Link to="/">Back to the dashboard</Link>
            </p>
          </div>
        </div>
      </Card>
    </>
  );
}
