import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR, type AuditContext } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from '../lib/crypto.js';
import { CustosError } from '../lib/errors.js';
import * as repo from './identity.repository.js';
import { API_KEY_PREFIX, type ApiKey, type Principal, type User } from './identity.types.js';
import type { Role } from './permissions.js';
import { createCredentialCache } from './credential-cache.js';

export interface IdentityServiceDeps {
  db: Kysely<Database>;
  audit: Pick<AuditService, 'record' | 'recordAlone'>;
  sessionTtlHours: number;
  /** How long a checked credential is trusted without asking the store again (0 turns it off). */
  credentialCacheMs?: number;
}

const SETUP_TOKEN_TTL_HOURS = 24;
/** Last-used times are written at most this often per key, not on every request. */
const KEY_TOUCH_INTERVAL_MS = 60_000;
// A hash of a random password, so an unknown username costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomToken('', 16)));

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService({ db, audit, sessionTtlHours, credentialCacheMs = 10_000 }: IdentityServiceDeps) {
  const credentials = createCredentialCache({ ttlMs: credentialCacheMs, maxEntries: 10_000 });
  const forgetUser = (userId: string) => credentials.evict((p) => p.kind === 'user' && p.user.id === userId);

  async function bootstrap(adminPassword: string | undefined): Promise<{ admin: 'created' | 'exists' | 'needs-setup'; setupToken?: string }> {
    if ((await repo.countAdmins(db)) > 0) return { admin: 'exists' };
    if (adminPassword) {
      await createUser({ actor: SYSTEM_ACTOR }, { username: 'admin', displayName: 'Administrator', role: 'admin', password: adminPassword });
      return { admin: 'created' };
    }
    const setupToken = randomToken('setup_', 24);
    await db.transaction().execute(async (tx) => {
      await repo.replaceSetupToken(tx, { tokenHash: sha256Hex(setupToken), expiresAt: hoursFromNow(SETUP_TOKEN_TTL_HOURS) });
      await audit.record(tx, { actor: SYSTEM_ACTOR }, { action: 'setup.token_issue', details: { validHours: SETUP_TOKEN_TTL_HOURS } });
    });
    return { admin: 'needs-setup', setupToken };
  }

  async function isSetupRequired(): Promise<boolean> {
    return (await repo.countAdmins(db)) === 0;
  }

  async function completeSetup(context: AuditContext, input: { token: string; username: string; password: string }) {
    // Cheap checks first: the password hash costs 32 MiB and ~100 ms, and this route is public.
    if ((await repo.countAdmins(db)) > 0) throw new CustosError('CONFLICT', 'setup is already complete; sign in instead');
    if (!(await repo.isSetupTokenLive(db, sha256Hex(input.token), new Date()))) {
      await audit.recordAlone(context, { action: 'setup.complete', outcome: 'failure', details: { reason: 'bad_token' } });
      throw new CustosError('UNAUTHENTICATED', 'the setup token is wrong, used or expired; restart the server to print a new one');
    }
    const passwordHash = await hashPassword(input.password);
    const user = await db.transaction().execute(async (tx) => {
      if ((await repo.countAdmins(tx)) > 0) throw new CustosError('CONFLICT', 'setup is already complete; sign in instead');
      if (!(await repo.consumeSetupToken(tx, sha256Hex(input.token), new Date()))) {
        throw new CustosError('UNAUTHENTICATED', 'the setup token is wrong, used or expired; restart the server to print a new one');
      }
      const row = await repo.insertUser(tx, { username: input.username, displayName: input.username, role: 'admin', passwordHash });
      // Whoever held the setup token becomes this admin: the event is theirs.
      const actor = actorOfUser(repo.toUser(row));
      await audit.record(tx, { ...context, actor }, { action: 'setup.complete', target: { type: 'user', id: row.id }, details: { role: 'admin', via: 'setup_token' } });
      return repo.toUser(row);
    });
    return { user, ...(await openSession(context, user)) };
  }

  async function login(context: AuditContext, username: string, password: string) {
    const row = await repo.findUserByUsername(db, username);
    const valid = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
    if (!row || !valid || row.disabled_at) {
      await audit.recordAlone(context, {
        action: 'auth.login',
        outcome: 'failure',
        target: row ? { type: 'user', id: row.id } : null,
        details: { reason: !row ? 'unknown_user' : row.disabled_at ? 'disabled' : 'wrong_password' },
      });
      throw new CustosError('UNAUTHENTICATED', 'wrong username or password');
    }
    const user = repo.toUser(row);
    return { user, ...(await openSession({ ...context, actor: actorOfUser(user) }, user)) };
  }

  async function openSession(context: AuditContext, user: User) {
    const sessionToken = randomToken('', 32);
    const expiresAt = hoursFromNow(sessionTtlHours);
    await db.transaction().execute(async (tx) => {
      const session = await repo.insertSession(tx, { tokenHash: sha256Hex(sessionToken), userId: user.id, expiresAt });
      await repo.touchUserLogin(tx, user.id);
      await audit.record(tx, { ...context, actor: actorOfUser(user) }, { action: 'auth.login', target: { type: 'session', id: session.id } });
    });
    return { sessionToken, expiresAt };
  }

  async function logout(context: AuditContext, sessionId: string): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await repo.revokeSession(tx, sessionId);
      await audit.record(tx, context, { action: 'auth.logout', target: { type: 'session', id: sessionId } });
    });
    // After commit, so no request can re-cache the session from before the change.
    credentials.evict((p) => p.kind === 'user' && p.sessionId === sessionId);
  }

  async function authenticateSession(token: string): Promise<Principal | null> {
    const hash = sha256Hex(token);
    const cached = credentials.get(hash);
    if (cached) return cached;
    const generation = credentials.generation();
    const row = await repo.findLiveSession(db, hash, new Date());
    if (!row) return null;
    const principal: Principal = { kind: 'user', user: repo.toUser(row), sessionId: row.session_id };
    credentials.set(hash, principal, generation);
    return principal;
  }

  async function authenticateApiKey(key: string): Promise<Principal | null> {
    if (!key.startsWith(API_KEY_PREFIX)) return null;
    const hash = sha256Hex(key);
    const cached = credentials.get(hash);
    if (cached) return cached;
    const generation = credentials.generation();
    const row = await repo.findLiveApiKey(db, hash);
    if (!row) return null;
    const now = new Date();
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > KEY_TOUCH_INTERVAL_MS) {
      await repo.touchApiKey(db, row.id, now);
      row.last_used_at = now;
    }
    // Cached for less than the touch interval, so last-used times stay accurate to the minute.
    const principal: Principal = { kind: 'api_key', apiKey: repo.toApiKey(row) };
    credentials.set(hash, principal, generation);
    return principal;
  }

  async function createUser(context: AuditContext, input: { username: string; displayName?: string; role: Role; password: string }): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return db.transaction().execute(async (tx) => {
      if (await repo.findUserByUsername(tx, input.username)) throw new CustosError('CONFLICT', `a user named ${input.username} already exists`, { details: [{ field: 'username', message: 'already taken' }] });
      const row = await repo.insertUser(tx, { username: input.username, displayName: input.displayName ?? input.username, role: input.role, passwordHash });
      await audit.record(tx, context, { action: 'user.create', target: { type: 'user', id: row.id }, details: { role: input.role } });
      return repo.toUser(row);
    });
  }

  async function listUsers(): Promise<User[]> {
    return (await repo.listUsers(db)).map(repo.toUser);
  }

  async function findUserByUsername(username: string): Promise<User | undefined> {
    const row = await repo.findUserByUsername(db, username);
    return row ? repo.toUser(row) : undefined;
  }

  async function updateUser(context: AuditContext, id: string, changes: { role?: Role; disabled?: boolean; password?: string; displayName?: string }): Promise<User> {
    const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
    const user = await db.transaction().execute(async (tx) => {
      const before = await repo.findUserById(tx, id);
      if (!before) throw new CustosError('NOT_FOUND', `no user with id ${id}`);
      const updated = await repo.updateUser(tx, id, {
        ...(changes.role ? { role: changes.role } : {}),
        ...(changes.disabled !== undefined ? { disabledAt: changes.disabled ? new Date() : null } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(changes.displayName ? { displayName: changes.displayName } : {}),
      });
      if ((await repo.countAdmins(tx)) === 0) throw new CustosError('CONFLICT', 'this change would leave no active admin; make another user admin first');
      if (changes.disabled || passwordHash) await repo.revokeUserSessions(tx, id);
      await audit.record(tx, context, {
        action: 'user.update',
        target: { type: 'user', id },
        details: { changed: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined), ...(changes.role ? { role: changes.role } : {}) },
      });
      return repo.toUser(updated!);
    });
    forgetUser(id); // role, name or status changed: the next request reads them afresh
    return user;
  }

  async function createApiKey(context: AuditContext, input: { name: string; role: Role; createdBy: string | null }): Promise<{ key: string; apiKey: ApiKey }> {
    const key = randomToken(API_KEY_PREFIX, 32);
    return db.transaction().execute(async (tx) => {
      const row = await repo.insertApiKey(tx, { name: input.name, role: input.role, prefix: key.slice(0, API_KEY_PREFIX.length + 6), keyHash: sha256Hex(key), createdBy: input.createdBy });
      await audit.record(tx, context, { action: 'api_key.create', target: { type: 'api_key', id: row.id }, details: { role: input.role, name: input.name } });
      return { key, apiKey: repo.toApiKey(row) };
    });
  }

  async function listApiKeys(): Promise<ApiKey[]> {
    return (await repo.listApiKeys(db)).map(repo.toApiKey);
  }

  async function revokeApiKey(context: AuditContext, id: string): Promise<ApiKey> {
    const revoked = await db.transaction().execute(async (tx) => {
      const row = await repo.revokeApiKey(tx, id);
      if (!row) throw new CustosError('NOT_FOUND', `no active API key with id ${id}`);
      await audit.record(tx, context, { action: 'api_key.revoke', target: { type: 'api_key', id } });
      return repo.toApiKey(row);
    });
    credentials.evict((p) => p.kind === 'api_key' && p.apiKey.id === id);
    return revoked;
  }

  return {
    recordRead: audit.recordAlone,
    bootstrap,
    isSetupRequired,
    completeSetup,
    login,
    logout,
    authenticateSession,
    authenticateApiKey,
    createUser,
    listUsers,
    findUserByUsername,
    updateUser,
    createApiKey,
    listApiKeys,
    revokeApiKey,
  };
}

export function actorOfUser(user: User) {
  return { type: 'user' as const, id: user.id, name: user.username, role: user.role };
}

export function actorOf(principal: Principal) {
  return principal.kind === 'user'
    ? actorOfUser(principal.user)
    : { type: 'api_key' as const, id: principal.apiKey.id, name: principal.apiKey.name, role: principal.apiKey.role };
}

export function roleOf(principal: Principal): Role {
  return principal.kind === 'user' ? principal.user.role : principal.apiKey.role;
}

function hoursFromNow(hours: number): Date {
  return new Date(Date.now() + hours * 3_600_000);
}
