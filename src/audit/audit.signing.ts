/**
 * The Ed25519 key that signs audit checkpoints. It lives in a file outside the database (by
 * default `<data dir>/keys/audit-ed25519.key`, mode 0600), so someone who can write to the
 * database cannot forge signatures.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CustosError } from '../lib/errors.js';
import { sha256Hex } from '../lib/crypto.js';
import type { SignatureVerifier } from './audit.chain.js';

export interface AuditSigner {
  keyId: string;
  publicKeyPem: string;
  sign(payload: string): string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

export function defaultSigningKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'audit-ed25519.key');
}

/** Loads the signing key, creating it on first use unless `mustExist` (the log already has signatures). */
export function loadOrCreateSigner(file: string, options: { mustExist: boolean; expectedKeyId?: string }): AuditSigner {
  if (!existsSync(file)) {
    if (options.mustExist) {
      throw new CustosError(
        'AUDIT_KEY_MISSING',
        `the audit log is signed with key ${options.expectedKeyId ?? '(unknown)'} but the key file ${file} is missing; restore it or point CUSTOS_AUDIT_SIGNING_KEY_FILE at it`,
      );
    }
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (err) {
    throw new CustosError('AUDIT_KEY_MISSING', `the audit key file ${file} is not a readable Ed25519 private key`, { cause: err });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new CustosError('AUDIT_KEY_MISSING', `the audit key file ${file} holds a ${privateKey.asymmetricKeyType} key; an Ed25519 key is required`);
  }
  const publicKey = createPublicKey(privateKey);
  const signer: AuditSigner = {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (payload) => sign(null, Buffer.from(payload), privateKey).toString('base64'),
  };
  if (options.expectedKeyId && options.expectedKeyId !== signer.keyId) {
    throw new CustosError(
      'AUDIT_KEY_MISSING',
      `the audit log is signed with key ${options.expectedKeyId} but ${file} holds key ${signer.keyId}; restore the original key file`,
    );
  }
  return signer;
}

/** Verifies signatures against the public keys given (an auditor pins them; nothing is trusted from the log). */
export function createSignatureVerifier(publicKeyPems: string[]): SignatureVerifier {
  const keys = new Map<string, KeyObject>();
  for (const pem of publicKeyPems) {
    const key = createPublicKey(pem);
    keys.set(keyIdOf(key), key);
  }
  return {
    verify(keyId, payload, signature) {
      const key = keys.get(keyId);
      if (!key) return 'unknown_key';
      try {
        return verify(null, Buffer.from(payload), key, Buffer.from(signature, 'base64')) ? 'valid' : 'invalid';
      } catch {
        return 'invalid';
      }
    },
  };
}
