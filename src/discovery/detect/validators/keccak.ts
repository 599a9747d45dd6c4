/**
 * Keccak-256 (the pre-NIST padding Ethereum uses; node:crypto's sha3-256 pads differently), for
 * EIP-55 mixed-case addresses. Each 64-bit lane is two 32-bit halves in a typed array: a BigInt
 * version cost tens of microseconds per address, a noticeable share of detect() on text with
 * wallets.
 */

/** Round constants, low and high halves. */
const RC = new Uint32Array(48);
(function roundConstants() {
  let r = 1;
  for (let i = 0; i < 24; i++) {
    let lo = 0;
    let hi = 0;
    for (let j = 0; j < 7; j++) {
      r = ((r << 1) ^ ((r >> 7) * 0x71)) % 256;
      if (r & 2) {
        const bit = (1 << j) - 1;
        if (bit < 32) lo |= 1 << bit;
        else hi |= 1 << (bit - 32);
      }
    }
    RC[2 * i] = lo >>> 0;
    RC[2 * i + 1] = hi >>> 0;
  }
})();

/** Rotation offsets of lane x + 5y. */
const ROT = new Uint8Array(25);
/** Where rho-pi moves lane x + 5y: y + 5((2x + 3y) mod 5). */
const PI = new Uint8Array(25);
(function offsets() {
  const rot = [
    [0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14],
  ];
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      ROT[x + 5 * y] = rot[x]![y]!;
      PI[x + 5 * y] = y + 5 * ((2 * x + 3 * y) % 5);
    }
  }
})();

const C = new Uint32Array(10);
const B = new Uint32Array(50);

/** The 24 rounds on a state of 25 lanes, lane i at [2i] (low) and [2i + 1] (high). */
function permute(s: Uint32Array): void {
  for (let round = 0; round < 24; round++) {
    // theta
    for (let x = 0; x < 5; x++) {
      C[2 * x] = s[2 * x]! ^ s[2 * x + 10]! ^ s[2 * x + 20]! ^ s[2 * x + 30]! ^ s[2 * x + 40]!;
      C[2 * x + 1] = s[2 * x + 1]! ^ s[2 * x + 11]! ^ s[2 * x + 21]! ^ s[2 * x + 31]! ^ s[2 * x + 41]!;
    }
    for (let x = 0; x < 5; x++) {
      const p = ((x + 4) % 5) * 2;
      const q = ((x + 1) % 5) * 2;
      // d = c[x-1] ^ rotl(c[x+1], 1)
      const lo = C[p]! ^ ((C[q]! << 1) | (C[q + 1]! >>> 31));
      const hi = C[p + 1]! ^ ((C[q + 1]! << 1) | (C[q]! >>> 31));
      for (let y = 0; y < 25; y += 5) {
        s[2 * (x + y)] = s[2 * (x + y)]! ^ lo;
        s[2 * (x + y) + 1] = s[2 * (x + y) + 1]! ^ hi;
      }
    }
    // rho and pi
    for (let i = 0; i < 25; i++) {
      const n = ROT[i]!;
      const lo = s[2 * i]!;
      const hi = s[2 * i + 1]!;
      const j = 2 * PI[i]!;
      if (n === 0) {
        B[j] = lo;
        B[j + 1] = hi;
      } else if (n < 32) {
        B[j] = (lo << n) | (hi >>> (32 - n));
        B[j + 1] = (hi << n) | (lo >>> (32 - n));
      } else if (n === 32) {
        B[j] = hi;
        B[j + 1] = lo;
      } else {
        const m = n - 32;
        B[j] = (hi << m) | (lo >>> (32 - m));
        B[j + 1] = (lo << m) | (hi >>> (32 - m));
      }
    }
    // chi
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        const a = 2 * (x + y);
        const b = 2 * (((x + 1) % 5) + y);
        const c = 2 * (((x + 2) % 5) + y);
        s[a] = B[a]! ^ (~B[b]! & B[c]!);
        s[a + 1] = B[a + 1]! ^ (~B[b + 1]! & B[c + 1]!);
      }
    }
    // iota
    s[0] = s[0]! ^ RC[2 * round]!;
    s[1] = s[1]! ^ RC[2 * round + 1]!;
  }
}

/** Bytes absorbed per block by Keccak-256. */
export const RATE = 136;

/** The UTF-8 bytes of text with Keccak's pad10*1 padding (domain byte 0x01), a whole number of blocks. */
export function keccakPadded(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  const padded = new Uint8Array(Math.ceil((bytes.length + 1) / RATE) * RATE);
  padded.set(bytes);
  padded[bytes.length] = 0x01;
  padded[padded.length - 1]! |= 0x80;
  return padded;
}

/** Keccak-256 of an ASCII string, as lower-case hex. */
export function keccak256Hex(text: string): string {
  const rate = RATE;
  const padded = keccakPadded(text);
  const state = new Uint32Array(50);
  for (let off = 0; off < padded.length; off += rate) {
    // Lanes are little-endian 64-bit words: low half first.
    for (let i = 0; i < rate / 4; i++) {
      const k = off + 4 * i;
      state[i] = state[i]! ^ (padded[k]! | (padded[k + 1]! << 8) | (padded[k + 2]! << 16) | (padded[k + 3]! << 24));
    }
    permute(state);
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    const w = state[i]!;
    for (let k = 0; k < 4; k++) out += ((w >>> (8 * k)) & 0xff).toString(16).padStart(2, '0');
  }
  return out;
}
