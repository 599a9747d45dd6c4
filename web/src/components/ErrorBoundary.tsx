import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Keeps a rendering bug from blanking the console: shows what broke and a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Custos console: render failed', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="alert alert-error" role="alert" data-testid="render-error">
        <div className="alert-body">
          <p className="alert-title">This page could not be displayed</p>
          <p className="alert-detail">{this.state.error.message}</p>
          <p className="alert-detail">Reload the page; if it keeps happening, report it with the message above.</p>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
