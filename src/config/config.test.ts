import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustosError } from '../lib/errors.js';
import { loadConfig } from './config.js';

const fail = (fn: () => unknown): CustosError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof CustosError) return err;
    throw err;
  }
  throw new Error('expected a configuration error');
};

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({ env: {}, cwd: '/tmp' });
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '/tmp/.custos', logLevel: 'info', demo: { enabled: true } });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('takes flags over environment over custos.yaml', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-config-'));
    writeFileSync(path.join(dir, 'custos.yaml'), 'port: 7000\nlogLevel: debug\naudit:\n  checkpointEvery: 10\n');
    expect(loadConfig({ env: {}, cwd: dir })).toMatchObject({ port: 7000, logLevel: 'debug', audit: { checkpointEvery: 10 } });
    expect(loadConfig({ env: { CUSTOS_PORT: '7001' }, cwd: dir }).port).toBe(7001);
    expect(loadConfig({ env: { CUSTOS_PORT: '7001' }, cwd: dir, overrides: { port: 7002 } }).port).toBe(7002);
  });

  it('names the variable and what is expected when a value is bad', () => {
    const port = fail(() => loadConfig({ env: { CUSTOS_PORT: 'eighty' } }));
    expect(port.code).toBe('CONFIG_INVALID');
    expect(port.message).toMatch(/^configuration error: CUSTOS_PORT \(port\): .*got "eighty"$/);
    expect(fail(() => loadConfig({ env: { CUSTOS_DATABASE_URL: 'mysql://x' } })).message).toContain('CUSTOS_DATABASE_URL (databaseUrl): expected a postgres:// or postgresql:// URL');
    expect(fail(() => loadConfig({ env: { CUSTOS_LOG_LEVEL: 'loud' } })).message).toContain('CUSTOS_LOG_LEVEL');
  });

  it('never echoes a secret back', () => {
    const err = fail(() => loadConfig({ env: { CUSTOS_ADMIN_PASSWORD: 'short-pw' } }));
    expect(err.message).toContain('CUSTOS_ADMIN_PASSWORD');
    expect(err.message).not.toContain('short-pw');
  });

  it('rejects unknown keys and broken YAML in custos.yaml, naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-config-'));
    writeFileSync(path.join(dir, 'custos.yaml'), 'prot: 7000\n');
    expect(fail(() => loadConfig({ env: {}, cwd: dir })).message).toContain('prot');
    writeFileSync(path.join(dir, 'custos.yaml'), 'port: [1,\n');
    expect(fail(() => loadConfig({ env: {}, cwd: dir })).message).toMatch(/custos\.yaml is not valid YAML/);
    expect(fail(() => loadConfig({ env: { CUSTOS_CONFIG: 'nope.yaml' }, cwd: dir })).message).toContain('does not exist');
  });
});
