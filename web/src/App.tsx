import type { ReactNode } from 'react';
import { AuthProvider, useAuth } from './auth';
import { ErrorBanner, Loading } from './components/Feedback';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Logo } from './components/Icon';
import { Layout } from './components/Layout';
import { findNavItem } from './navigation';
import { AdminPage } from './pages/AdminPage';
import { AuditPage } from './pages/AuditPage';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { DashboardPage } from './pages/DashboardPage';
import { DataMapPage } from './pages/DataMapPage';
import { DiscoveryPage } from './pages/DiscoveryPage';
import { LoginPage } from './pages/LoginPage';
import { PortalPage } from './pages/PortalPage';
import { ForbiddenPage, NotFoundPage } from './pages/NotFoundPage';
import { SetupPage } from './pages/SetupPage';
import { SubjectRequestsPage } from './pages/SubjectRequestsPage';
import { SystemsPage } from './pages/SystemsPage';
import { usePathname } from './router';

const PAGES: Record<string, () => ReactNode> = {
  '/': () => <DashboardPage />,
  '/systems': () => <SystemsPage />,
  '/discovery': () => <DiscoveryPage />,
  '/data-map': () => <DataMapPage />,
  '/subject-requests': () => <SubjectRequestsPage />,
  '/audit': () => <AuditPage />,
  '/admin': () => <AdminPage />,
};

/**
 * Pages anyone may open without signing in. They render outside <AuthProvider>, so they make no
 * session call and are never replaced by the sign-in form.
 */
const PUBLIC_PAGES: Record<string, () => ReactNode> = {
  '/portal': () => <PortalPage />,
};

function Routes({ pathname }: { pathname: string }) {
  const { canAny } = useAuth();
  const item = findNavItem(pathname);
  if (!item) return <NotFoundPage path={pathname} />;
  if (item.anyOf && !canAny(item.anyOf)) return <ForbiddenPage label={item.label} permissions={item.anyOf} />;
  if (item.comingSoon) return <ComingSoonPage item={item} />;
  const render = PAGES[item.path];
  return render ? <>{render()}</> : <NotFoundPage path={pathname} />;
}

function Splash({ children }: { children: ReactNode }) {
  return (
    <div className="auth-screen">
      <main className="auth-card" id="main">
        <div className="auth-brand">
          <Logo size={36} />
          <div>
            <p className="auth-product">Custos</p>
            <p className="auth-tagline">Personal information management</p>
          </div>
        </div>
        {children}
      </main>
    </div>
  );
}

export function App() {
  const { state, refresh } = useAuth();
  const pathname = usePathname();

  switch (state.status) {
    case 'loading':
      return (
        <Splash>
          <Loading label="Connecting to Custos…" />
        </Splash>
      );
    case 'unreachable':
      return (
        <Splash>
          <ErrorBanner error={state.error} title="The console cannot load" onRetry={() => void refresh()} testId="startup-error" />
        </Splash>
      );
    case 'anonymous':
      return state.setupRequired ? <SetupPage /> : <LoginPage notice={state.notice} />;
    case 'authenticated':
      return (
        <Layout>
          <ErrorBoundary resetKey={pathname}>
            <Routes pathname={pathname} />
          </ErrorBoundary>
        </Layout>
      );
  }
}

/** The whole SPA: a public page when the path is one, else the signed-in console. */
export function Root() {
  const pathname = usePathname();
  const publicPage = Object.hasOwn(PUBLIC_PAGES, pathname) ? PUBLIC_PAGES[pathname] : undefined;
  if (publicPage) return <>{publicPage()}</>;
  return (
    <AuthProvider>
      <App />
    </AuthProvider>
  );
}
