/**
 * The embedded store has one owner: PGlite opens its data directory for one process only. A lock
 * file holding the owner's pid turns a second opener's corruption risk into a clear error.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CustosError } from '../lib/errors.js';

export interface DataDirLock {
  release(): void;
}

/** Lock files this process holds, removed on exit by one handler (not one per store opened). */
const held = new Set<string>();
process.once('exit', () => {
  for (const file of held) rmSync(file, { force: true });
});

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'store.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(file);
      const release = () => {
        if (!held.delete(file)) return;
        rmSync(file, { force: true });
      };
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new CustosError(
          'STORE_LOCKED',
          `the embedded store in ${dataDir} is in use by another Custos process (pid ${owner}); stop it first, or run against PostgreSQL with CUSTOS_DATABASE_URL`,
        );
      }
      // Stale: its owner is gone. (Two processes starting in the same instant over a stale lock can
      // still race here; the loser then fails to open PGlite's files rather than corrupting them.)
      rmSync(file, { force: true });
    }
  }
  throw new CustosError('STORE_LOCKED', `could not lock the embedded store in ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
