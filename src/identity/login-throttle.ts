/** Counts failed sign-ins per (address, username) in memory; enough for one process. */
export function createLoginThrottle({ maxFailures, windowMs }: { maxFailures: number; windowMs: number }) {
  const failures = new Map<string, { count: number; since: number }>();
  function current(key: string, now: number) {
    const entry = failures.get(key);
    if (entry && now - entry.since > windowMs) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  }
  return {
    isBlocked: (key: string) => (current(key, Date.now())?.count ?? 0) >= maxFailures,
    fail(key: string) {
      const now = Date.now();
      const entry = current(key, now) ?? { count: 0, since: now };
      entry.count += 1;
      failures.set(key, entry);
      if (failures.size > 100_000) failures.delete(failures.keys().next().value!);
    },
    reset: (key: string) => void failures.delete(key),
  };
}
