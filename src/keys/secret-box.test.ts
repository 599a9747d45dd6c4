import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretBox } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips, and never stores the plaintext', () => {
    const sealed = box.seal('postgres://app:hunter2@db/prod', 'system:1');
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed, 'system:1')).toBe('postgres://app:hunter2@db/prod');
    expect(box.seal('x', 'a')).not.toBe(box.seal('x', 'a')); // fresh IV each time
  });

  it('refuses a ciphertext moved to another record, altered, or sealed under another key', () => {
    const sealed = box.seal('secret', 'system:1');
    expect(() => box.open(sealed, 'system:2')).toThrow(/integrity/);
    const parts = sealed.split(':');
    parts[3] = `A${parts[3]!.slice(1)}`;
    expect(() => box.open(parts.join(':'), 'system:1')).toThrow(/integrity/);
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'system:1')).toThrow(/sealed with key/);
  });

  it('creates a key file once and reuses it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-keys-'));
    const first = loadSecretBox({ dataDir: dir });
    expect(loadSecretBox({ dataDir: dir }).keyId).toBe(first.keyId);
    expect(() => loadSecretBox({ dataDir: dir, secretKey: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});
