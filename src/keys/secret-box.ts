/**
 * Sealing secrets at rest (connection URLs with passwords, later API tokens of governed systems):
 * AES-256-GCM under a root key kept outside the store, from CUSTOS_SECRET_KEY (base64, 32 bytes)
 * or the file <data dir>/keys/secret.key (created on first use, mode 0600). A sealed value names
 * its key id so a rotated key is detected rather than mis-decrypted; the associated data binds a
 * ciphertext to the row it belongs to, so it cannot be copied to another row.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CustosError } from '../lib/errors.js';

const VERSION = 'v1';

export interface SecretBox {
  keyId: string;
  seal(plaintext: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
  /**
   * A keyed hash (HMAC-SHA256 under a key derived for `purpose`): finds a sealed value again
   * (a subject's e-mail across requests) without storing it in clear or hashing it guessably.
   */
  keyedHash(value: string, purpose: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new CustosError('CONFIG_INVALID', 'the secret key must be 32 bytes (base64 of 32 random bytes)');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return {
    keyId,
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, keyId, iv.toString('base64url'), body.toString('base64url')].join(':');
    },
    open(sealed, associatedData) {
      const [version, sealedKeyId, iv, body] = sealed.split(':');
      if (version !== VERSION || !iv || !body) throw new CustosError('VALIDATION_FAILED', 'a sealed secret is malformed');
      if (sealedKeyId !== keyId) throw new CustosError('SECRET_KEY_MISMATCH', `a secret was sealed with key ${sealedKeyId}, but the secret key now in use is ${keyId}; restore the original key`);
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
      } catch {
        throw new CustosError('VALIDATION_FAILED', 'a sealed secret failed its integrity check (altered, or moved from another record)');
      }
    },
    keyedHash(value, purpose) {
      const derived = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `custos keyed hash: ${purpose}`, 32));
      return createHmac('sha256', derived).update(value, 'utf8').digest('hex');
    },
  };
}

/** The root key from configuration, or the key file, created on first use. */
export function loadSecretBox(options: { secretKey?: string; dataDir: string }): SecretBox {
  if (options.secretKey) return createSecretBox(Buffer.from(options.secretKey, 'base64'));
  const file = path.join(options.dataDir, 'keys', 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return createSecretBox(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
}
