/**
 * API overhead: an authenticated GET /api/systems (API key check, permission, store query, zod
 * serialisation) against a bare Fastify route returning the same JSON, with the same client,
 * concurrency and request count, in the same run.
 */
import Fastify from 'fastify';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { buildServer } from '../src/http/server.js';
import { createLogger } from '../src/lib/logger.js';
import { tempDir, time, type Row } from './support.js';

async function hammer(url: string, headers: Record<string, string>, n: number, concurrency: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next += 1;
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      await response.arrayBuffer();
    }
  };
  const { ms } = await time(() => Promise.all(Array.from({ length: concurrency }, worker)));
  return n / (ms / 1000);
}

export async function benchHttp(n: number): Promise<Row[]> {
  const { dir, remove } = tempDir('custos-bench-http-');
  const config = loadConfig({ env: {}, overrides: { dataDir: dir, port: 0 } });
  const app = await createApp(config, createLogger({ level: 'silent' }));
  const { server } = await buildServer(app);
  const bare = Fastify();
  try {
    await app.systems.upsertSystem({ actor: { type: 'system', id: null, name: 'bench', role: null } }, { name: 'bench', description: 'x', engine: 'postgres', connection: 'postgres://x', origin: 'user' });
    const { key } = await app.identity.createApiKey({ actor: { type: 'system', id: null, name: 'bench', role: null } }, { name: 'bench', role: 'analyst', createdBy: null });
    const custosUrl = await server.listen({ port: 0, host: '127.0.0.1' });
    const payload = { systems: await app.systems.listSystems() };
    bare.get('/api/systems', async () => payload);
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    await hammer(`${custosUrl}/api/systems`, { authorization: `Bearer ${key}` }, 200, 10); // warm-up
    await hammer(`${bareUrl}/api/systems`, {}, 200, 10);
    const custosRate = await hammer(`${custosUrl}/api/systems`, { authorization: `Bearer ${key}` }, n, 10);
    const bareRate = await hammer(`${bareUrl}/api/systems`, {}, n, 10);
    return [{
      benchmark: 'GET /api/systems (req/s, 10 concurrent)',
      store: 'pglite',
      n,
      custos: custosRate.toFixed(0),
      baseline: `${bareRate.toFixed(0)} (bare Fastify route)`,
      ratio: `${(bareRate / custosRate).toFixed(2)}× slower`,
    }];
  } finally {
    await bare.close();
    await server.close();
    await app.close();
    remove();
  }
}
