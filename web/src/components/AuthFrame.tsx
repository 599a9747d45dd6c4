import type { ReactNode } from 'react';
import { useDocumentTitle } from '../hooks';
import { Logo } from './Icon';

/** The centred card used by sign-in and first-run setup. */
export function AuthFrame({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title);
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
        <h1 className="auth-title">{title}</h1>
        {subtitle ? <p className="auth-subtitle">{subtitle}</p> : null}
        {children}
      </main>
      <p className="auth-footer">
        Open-source privacy compliance platform · <a href="/docs">API reference</a>
      </p>
    </div>
  );
}
