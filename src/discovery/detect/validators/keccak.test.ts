import { describe, expect, it } from 'vitest';
import { RATE, keccak256Hex, keccakPadded } from './keccak.js';

/** The straightforward BigInt Keccak-256 (64-bit lanes as BigInts) that the typed-array version replaced: the reference. */
function referenceKeccak256Hex(text: string): string {
  const MASK = (1n << 64n) - 1n;
  const ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]];
  const RC: bigint[] = [];
  let r = 1;
  for (let i = 0; i < 24; i++) {
    let c = 0n;
    for (let j = 0; j < 7; j++) {
      r = ((r << 1) ^ ((r >> 7) * 0x71)) % 256;
      if (r & 2) c ^= 1n << ((1n << BigInt(j)) - 1n);
    }
    RC.push(c);
  }
  const rotl = (x: bigint, n: number): bigint => (n % 64 === 0 ? x : ((x << BigInt(n % 64)) | (x >> (64n - BigInt(n % 64)))) & MASK);
  const permute = (a: bigint[]): void => {
    for (let round = 0; round < 24; round++) {
      const c = [0, 1, 2, 3, 4].map((x) => a[x]! ^ a[x + 5]! ^ a[x + 10]! ^ a[x + 15]! ^ a[x + 20]!);
      for (let x = 0; x < 5; x++) {
        const d = c[(x + 4) % 5]! ^ rotl(c[(x + 1) % 5]!, 1);
        for (let y = 0; y < 25; y += 5) a[x + y] = a[x + y]! ^ d;
      }
      const b = new Array<bigint>(25).fill(0n);
      for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) b[y + ((2 * x + 3 * y) % 5) * 5] = rotl(a[x + y * 5]!, ROT[x]![y]!);
      for (let x = 0; x < 5; x++) for (let y = 0; y < 25; y += 5) a[x + y] = b[x + y]! ^ (~b[((x + 1) % 5) + y]! & MASK & b[((x + 2) % 5) + y]!);
      a[0] = a[0]! ^ RC[round]!;
    }
  };
  const rate = RATE;
  // The padding is shared; the published vectors below check it on its own.
  const padded = keccakPadded(text);
  const state = new Array<bigint>(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let k = 7; k >= 0; k--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + k]!);
      state[i] = state[i]! ^ lane;
    }
    permute(state);
  }
  let out = '';
  for (let i = 0; i < 4; i++) for (let k = 0; k < 8; k++) out += Number((state[i]! >> BigInt(8 * k)) & 0xffn).toString(16).padStart(2, '0');
  return out;
}

describe('keccak256Hex', () => {
  it('matches published Keccak-256 vectors', () => {
    expect(keccak256Hex('')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(keccak256Hex('abc')).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    expect(keccak256Hex('The quick brown fox jumps over the lazy dog')).toBe('4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15');
  });

  it('matches the BigInt reference on random strings of 0-400 characters (one to three blocks)', () => {
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(next() * 400);
      let s = '';
      for (let k = 0; k < len; k++) s += String.fromCharCode(32 + Math.floor(next() * 95));
      expect(keccak256Hex(s)).toBe(referenceKeccak256Hex(s));
    }
  });
});
