import { createHash } from 'node:crypto';
import { keccak256Hex } from './keccak.js';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text: string): Uint8Array | null {
  const bytes: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    let carry = B58.indexOf(text[i]!);
    if (carry < 0) return null;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < text.length && text[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

/** Legacy Bitcoin address (P2PKH `1…`, P2SH `3…`): Base58Check, 25 bytes, double-SHA-256 checksum. */
export function isBase58CheckAddress(text: string): boolean {
  if (!/^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(text)) return false;
  const raw = base58Decode(text);
  if (!raw || raw.length !== 25) return false;
  const payload = raw.subarray(0, 21);
  const sum = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  return sum[0] === raw[21] && sum[1] === raw[22] && sum[2] === raw[23] && sum[3] === raw[24];
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!;
  }
  return chk >>> 0;
}

/** SegWit address (`bc1…`, `tb1…`): bech32 for witness v0, bech32m for v1+ (BIP-173/350). */
export function isBech32Address(text: string): boolean {
  const lower = text.toLowerCase();
  if (lower !== text && text.toUpperCase() !== text) return false;
  const m = /^(bc|tb)1([qpzry9x8gf2tvdw0s3jn54khce6mua7l]{11,71})$/.exec(lower);
  if (!m) return false;
  const hrp = m[1]!;
  const data = [...m[2]!].map((c) => BECH32.indexOf(c));
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  const check = polymod(expanded.concat(data));
  const version = data[0]!;
  if (version === 0) return check === 1 && (data.length === 39 || data.length === 59);
  return version <= 16 && check === 0x2bc830a3;
}

/** Ethereum address: 0x + 40 hex. All-lower or all-upper carries no checksum; mixed case must match EIP-55. */
export function ethAddressStatus(text: string): 'checked' | 'unchecked' | null {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return null;
  const hex = text.slice(2);
  if (/^[0-9a-f]+$/.test(hex) || /^[0-9A-F]+$/.test(hex)) return /^0+$/.test(hex) ? null : 'unchecked';
  const hit = eip55Cache.get(hex);
  if (hit !== undefined) return hit;
  const result = eip55(hex);
  if (eip55Cache.size >= 4096) eip55Cache.clear();
  eip55Cache.set(hex, result);
  return result;
}

/** Keccak-256 in JavaScript costs ~10 µs: logs repeat the same wallets, so results are kept (bounded). */
const eip55Cache = new Map<string, 'checked' | null>();

function eip55(hex: string): 'checked' | null {
  const hash = keccak256Hex(hex.toLowerCase());
  for (let i = 0; i < 40; i++) {
    const c = hex[i]!;
    if (c >= '0' && c <= '9') continue;
    const upper = parseInt(hash[i]!, 16) >= 8;
    if (upper !== (c >= 'A' && c <= 'F')) return null;
  }
  return 'checked';
}
