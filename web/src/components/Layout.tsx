import { useEffect, useRef, useState, type ReactNode } from 'react';
import { roleLabel } from '../api';
import { useAuth, useSession } from '../auth';
import { NAV_SECTIONS } from '../navigation';
import { Link, usePathname } from '../router';
import { Icon, Logo } from './Icon';

function Sidebar({ pathname }: { pathname: string }) {
  const { canAny } = useAuth();
  return (
    <nav className="sidebar-nav" aria-label="Main">
      {NAV_SECTIONS.map((section) => {
        const items = section.items.filter((item) => !item.anyOf || canAny(item.anyOf));
        if (items.length === 0) return null;
        return (
          <div className="nav-section" key={section.label}>
            <p className="nav-section-label">{section.label}</p>
            <ul>
              {items.map((item) => {
                const active = pathname === item.path;
                return (
                  <li key={item.id}>
                    <Link
                      to={item.path}
                      className={`nav-item${active ? ' active' : ''}${item.comingSoon ? ' soon' : ''}`}
                      aria-current={active ? 'page' : undefined}
                      data-testid={`nav-${item.id}`}
                      data-coming-soon={item.comingSoon ? 'true' : undefined}
                    >
                      <Icon name={item.icon} />
                      <span className="nav-label">{item.label}</span>
                      {item.comingSoon ? (
                        <span className="nav-soon" aria-label="(coming soon)">
                          Soon
                        </span>
                      ) : null}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

function UserMenu() {
  const { logout } = useAuth();
  const { user } = useSession();
  const [busy, setBusy] = useState(false);
  const name = user.displayName || user.username;
  const initials = name
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
  return (
    <div className="user-menu">
      <div className="user-identity" data-testid="current-user" data-username={user.username} data-role={user.role}>
        <span className="avatar" aria-hidden="true">
          {initials || '?'}
        </span>
        <span className="user-text">
          <span className="user-name">{name}</span>
          <span className="user-role">
            {roleLabel(user.role)}
            {user.displayName ? <span className="muted"> · {user.username}</span> : null}
          </span>
        </span>
      </div>
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="logout-button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void logout();
        }}
      >
        <Icon name="logout" size={16} />
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}

function Breadcrumb({ pathname }: { pathname: string }) {
  const section = NAV_SECTIONS.find((s) => s.items.some((item) => item.path === pathname));
  const item = section?.items.find((i) => i.path === pathname);
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li>{section?.label ?? 'Console'}</li>
        {item ? <li aria-current="page">{item.label}</li> : null}
      </ol>
    </nav>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Move focus to the new page for keyboard and screen-reader users after in-app navigation.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <Link to="/" className="brand" aria-label="Custos home">
          <Logo />
          <span className="brand-text">
            <span className="brand-name">Custos</span>
            <span className="brand-tagline">Privacy management</span>
          </span>
        </Link>
        <Sidebar pathname={pathname} />
        <p className="sidebar-footer">
          <a href="/docs" target="_blank" rel="noreferrer">
            API reference
          </a>
        </p>
      </aside>
      <div className="workspace">
        <header className="topbar">
          <Breadcrumb pathname={pathname} />
          <UserMenu />
        </header>
        <main id="main" ref={mainRef} tabIndex={-1} className="content">
          {children}
        </main>
      </div>
    </div>
  );
}
