/**
 * Session state for the console: who is signed in, what they may do, and whether the server is
 * waiting for first-run setup.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, hasPermission, setUnauthorizedHandler, toApiError, type User } from './api';

export type AuthState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: ApiError }
  | { status: 'anonymous'; setupRequired: boolean; notice?: string }
  | { status: 'authenticated'; user: User; permissions: string[] };

interface AuthContextValue {
  state: AuthState;
  /** Throws ApiError on failure so the form can show it. */
  login(username: string, password: string): Promise<void>;
  setup(token: string, username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  can(permission: string): boolean;
  canAny(permissions: readonly string[]): boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function anonymousState(notice?: string): Promise<AuthState> {
  try {
    const { required } = await api.setupStatus();
    return { status: 'anonymous', setupRequired: required === true, ...(notice ? { notice } : {}) };
  } catch {
    // If the setup probe fails the login form is still the right screen; it will show the error.
    return { status: 'anonymous', setupRequired: false, ...(notice ? { notice } : {}) };
  }
}

async function loadSession(): Promise<AuthState> {
  try {
    const session = await api.me();
    if (!session.user) return anonymousState();
    return { status: 'authenticated', user: session.user, permissions: session.permissions ?? [] };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.status === 401 || apiError.status === 403) return anonymousState();
    return { status: 'unreachable', error: apiError };
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    setState(await loadSession());
  }, []);

  useEffect(() => {
    let cancelled = false;
    void loadSession().then((next) => {
      if (!cancelled) setState(next);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setState((current) =>
        current.status === 'authenticated'
          ? { status: 'anonymous', setupRequired: false, notice: 'Your session has ended. Sign in again to continue.' }
          : current,
      );
    });
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const afterSignIn = useCallback(async (user: User) => {
    try {
      const session = await api.me();
      setState({ status: 'authenticated', user: session.user ?? user, permissions: session.permissions ?? [] });
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status === 401) {
        throw new ApiError({
          status: 401,
          code: 'SESSION_NOT_STORED',
          title: 'Signed in, but the session was not kept',
          detail:
            'The server accepted the credentials but the browser did not keep the session cookie. If Custos is served over plain HTTP on a non-local address, check its cookie settings.',
        });
      }
      // Signed in, but permissions could not be loaded: proceed with none rather than a blank screen.
      setState({ status: 'authenticated', user, permissions: [] });
    }
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const { user } = await api.login({ username, password });
      await afterSignIn(user);
    },
    [afterSignIn],
  );

  const setup = useCallback(
    async (token: string, username: string, password: string) => {
      const { user } = await api.setup({ token, username, password });
      await afterSignIn(user);
    },
    [afterSignIn],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session is dropped locally either way; a failed logout call must not trap the user.
    } finally {
      setState({ status: 'anonymous', setupRequired: false, notice: 'You have signed out.' });
    }
  }, []);

  const value = useMemo<AuthContextValue>(() => {
    const permissions = state.status === 'authenticated' ? state.permissions : [];
    return {
      state,
      login,
      setup,
      logout,
      refresh,
      can: (permission) => hasPermission(permissions, permission),
      canAny: (list) => list.some((permission) => hasPermission(permissions, permission)),
    };
  }, [state, login, setup, logout, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only call inside the authenticated shell. */
export function useSession(): { user: User; permissions: string[] } {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useSession called without a session');
  return { user: state.user, permissions: state.permissions };
}
