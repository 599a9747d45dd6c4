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

  it('reads the SMTP and verification settings, with mail off by default', () => {
    const defaults = loadConfig({ env: {}, cwd: '/tmp' });
    expect(defaults.smtp).toEqual({ secure: false, starttls: 'require', timeoutSeconds: 15 });
    expect(defaults.verification).toEqual({ codeLength: 6, ttlMinutes: 15, maxAttempts: 5 });
    const config = loadConfig({
      cwd: '/tmp',
      env: {
        CUSTOS_SMTP_HOST: 'smtp.example.com',
        CUSTOS_SMTP_PORT: '465',
        CUSTOS_SMTP_SECURE: 'true',
        CUSTOS_SMTP_STARTTLS: 'opportunistic',
        CUSTOS_SMTP_USER: 'custos',
        CUSTOS_SMTP_PASSWORD: 'smtp-secret',
        CUSTOS_SMTP_FROM: 'Example Privacy <privacy@example.com>',
        CUSTOS_SMTP_CA_FILE: '/etc/ssl/private-ca.pem',
        CUSTOS_SMTP_TIMEOUT_SECONDS: '5',
        CUSTOS_VERIFICATION_CODE_LENGTH: '8',
        CUSTOS_VERIFICATION_TTL_MINUTES: '30',
        CUSTOS_VERIFICATION_MAX_ATTEMPTS: '3',
      },
    });
    expect(config.smtp).toEqual({ host: 'smtp.example.com', port: 465, secure: true, starttls: 'opportunistic', user: 'custos', password: 'smtp-secret', from: 'Example Privacy <privacy@example.com>', caFile: '/etc/ssl/private-ca.pem', timeoutSeconds: 5 });
    expect(config.verification).toEqual({ codeLength: 8, ttlMinutes: 30, maxAttempts: 3 });

    const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-config-'));
    writeFileSync(path.join(dir, 'custos.yaml'), 'smtp:\n  host: mail.internal\n  from: privacy@example.com\nverification:\n  ttlMinutes: 60\n');
    expect(loadConfig({ env: {}, cwd: dir })).toMatchObject({ smtp: { host: 'mail.internal', from: 'privacy@example.com', starttls: 'require' }, verification: { ttlMinutes: 60, codeLength: 6 } });
  });

  it('checks the SMTP settings together, never echoing the password', () => {
    expect(fail(() => loadConfig({ env: { CUSTOS_SMTP_HOST: 'smtp.example.com' } })).message).toBe('configuration error: smtp.from: is required when smtp.host is set (the sender of every message)');
    expect(fail(() => loadConfig({ env: { CUSTOS_SMTP_STARTTLS: 'maybe' } })).message).toContain('CUSTOS_SMTP_STARTTLS (smtp.starttls)');
    expect(fail(() => loadConfig({ env: { CUSTOS_SMTP_FROM: 'privacy at example' } })).message).toContain('CUSTOS_SMTP_FROM (smtp.from): expected an address');
    expect(fail(() => loadConfig({ env: { CUSTOS_VERIFICATION_CODE_LENGTH: '4' } })).message).toContain('CUSTOS_VERIFICATION_CODE_LENGTH (verification.codeLength)');
    const missingUser = fail(() => loadConfig({ env: { CUSTOS_SMTP_PASSWORD: 'smtp-secret' } }));
    expect(missingUser.message).toContain('smtp.user: is required when smtp.password is set');
    expect(missingUser.message).not.toContain('smtp-secret');
    const tooLong = 'p'.repeat(1025);
    const err = fail(() => loadConfig({ env: { CUSTOS_SMTP_USER: 'custos', CUSTOS_SMTP_PASSWORD: tooLong } }));
    expect(err.message).toContain('CUSTOS_SMTP_PASSWORD (smtp.password)');
    expect(err.message).not.toContain('ppppp');
  });
});
