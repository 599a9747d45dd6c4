/**
 * The witness: the newest signed checkpoint known to be committed, kept in a file beside the
 * signing key, outside the database. Someone who can write the database can delete the end of the
 * log and its checkpoints together; they cannot move the witness back, so `verify` catches a log
 * that ends before, or does not pass through, the checkpoint the witness names.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CustosError } from '../lib/errors.js';

export interface Witness {
  seq: number;
  hash: string;
  updatedAt: string;
}

export interface WitnessStore {
  read(): Witness | undefined;
  /** Moves the witness forward; never back. */
  advance(to: { seq: number; hash: string }): void;
}

export function witnessFileFor(signingKeyFile: string): string {
  return path.join(path.dirname(signingKeyFile), 'audit-witness.json');
}

export function createWitnessStore(file: string): WitnessStore {
  let cached: Witness | undefined;
  function read(): Witness | undefined {
    if (cached) return cached;
    if (!existsSync(file)) return undefined;
    try {
      const value = JSON.parse(readFileSync(file, 'utf8')) as Witness;
      if (!Number.isInteger(value.seq) || !/^[0-9a-f]{64}$/.test(value.hash)) throw new Error('malformed');
      cached = value;
      return value;
    } catch {
      throw new CustosError('AUDIT_CHAIN_BROKEN', `the audit witness file ${file} is unreadable or was altered`);
    }
  }
  return {
    read,
    advance(to) {
      const current = read();
      if (current && current.seq >= to.seq) return;
      const next: Witness = { seq: to.seq, hash: to.hash, updatedAt: new Date().toISOString() };
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(next)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
      cached = next;
    },
  };
}
