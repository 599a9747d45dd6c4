/**
 * A short-lived, in-process cache of checked credentials (by their SHA-256), so a busy API client
 * does not cost a store query per request. Revocation, logout and user changes in this process
 * clear it at once; other processes sharing a PostgreSQL store see them within the TTL.
 */
import type { Principal } from './identity.types.js';

export interface CredentialCache {
  get(hash: string): Principal | undefined;
  /** The current generation: take it before reading the store, pass it to `set`. */
  generation(): number;
  /** Caches, unless an eviction happened since `generation` was taken (the read may be stale). */
  set(hash: string, principal: Principal, generation: number): void;
  /** Forgets every entry for which `matches` is true (a revoked key, a disabled user). */
  evict(matches: (principal: Principal) => boolean): void;
}

export function createCredentialCache({ ttlMs, maxEntries }: { ttlMs: number; maxEntries: number }): CredentialCache {
  const entries = new Map<string, { principal: Principal; expiresAt: number }>();
  let generation = 0;
  return {
    generation: () => generation,
    get(hash) {
      const entry = entries.get(hash);
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        entries.delete(hash);
        return undefined;
      }
      return entry.principal;
    },
    set(hash, principal, readAt) {
      if (ttlMs <= 0 || readAt !== generation) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(hash, { principal, expiresAt: Date.now() + ttlMs });
    },
    evict(matches) {
      generation += 1;
      for (const [hash, entry] of entries) if (matches(entry.principal)) entries.delete(hash);
    },
  };
}
