import type { Role } from './permissions.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Who is calling, once a credential has been checked. */
export type Principal =
  | { kind: 'user'; user: User; sessionId: string }
  | { kind: 'api_key'; apiKey: ApiKey };

export const API_KEY_PREFIX = 'cus_';
export const SESSION_COOKIE = 'custos_session';
