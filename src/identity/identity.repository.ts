import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ApiKeysTable, UsersTable } from './identity.tables.js';
import type { ApiKey, User } from './identity.types.js';
import type { Role } from './permissions.js';

export async function countAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Executor, user: { username: string; displayName: string; role: Role; passwordHash: string }) {
  return db
    .insertInto('users')
    .values({ username: user.username, display_name: user.displayName, role: user.role, password_hash: user.passwordHash })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Executor) {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function updateUser(db: Executor, id: string, changes: { role?: Role; disabledAt?: Date | null; passwordHash?: string; displayName?: string }) {
  return db
    .updateTable('users')
    .set({
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.disabledAt !== undefined ? { disabled_at: changes.disabledAt } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function touchUserLogin(db: Executor, id: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', id).execute();
}

export async function insertSession(db: Executor, session: { tokenHash: string; userId: string; expiresAt: Date }) {
  return db
    .insertInto('sessions')
    .values({ token_hash: session.tokenHash, user_id: session.userId, expires_at: session.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findLiveSession(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as session_id'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeSession(db: Executor, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
}

export async function revokeUserSessions(db: Executor, userId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

export async function insertApiKey(db: Executor, key: { name: string; role: Role; prefix: string; keyHash: string; createdBy: string | null }) {
  return db
    .insertInto('api_keys')
    .values({ name: key.name, role: key.role, prefix: key.prefix, key_hash: key.keyHash, created_by: key.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findLiveApiKey(db: Executor, keyHash: string) {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function listApiKeys(db: Executor) {
  return db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').execute();
}

export async function revokeApiKey(db: Executor, id: string) {
  return db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
}

export async function touchApiKey(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function replaceSetupToken(db: Executor, token: { tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.deleteFrom('setup_tokens').execute();
  await db.insertInto('setup_tokens').values({ token_hash: token.tokenHash, expires_at: token.expiresAt }).execute();
}

export async function isSetupTokenLive(db: Executor, tokenHash: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('setup_tokens').select('token_hash').where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return row !== undefined;
}

export async function consumeSetupToken(db: Executor, tokenHash: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('setup_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('token_hash')
    .executeTakeFirst();
  return row !== undefined;
}

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
