import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: CreatedAt;
  last_login_at: Date | null;
  disabled_at: Date | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  role: string;
  /** The first characters of the key, shown in listings so people can tell keys apart. */
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface IdentityTables {
  users: UsersTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
}
