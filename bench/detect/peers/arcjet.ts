/**
 * @arcjet/redact: a Rust engine compiled to WebAssembly that classifies whitespace-separated
 * tokens. Version 1.4.0 is the newest that supports Node 20 (later releases need Node ≥ 22.21).
 *
 * Spans: its engine's findings (`@arcjet/redact-wasm`, the same call and configuration that
 * `redact()` makes), with the engine's UTF-8 byte offsets converted to string indices. The
 * redacted text that `redact()` itself returns cannot be used: it applies those byte offsets as
 * string indices, so on non-ASCII text (and when two findings overlap) its output is garbled.
 * Speed: the public `redact()` (what an application calls), timed as it is.
 */
import type { Span } from '../types.js';
import { installedVersion, type Detector } from './types.js';

const MAP: Record<string, string> = {
  email: 'EMAIL_ADDRESS',
  'phone-number': 'PHONE_NUMBER',
  'credit-card-number': 'CREDIT_CARD',
  'ip-address': 'IP_ADDRESS',
};

interface Finding {
  start: number;
  end: number;
  identifiedType: { tag: string };
}

/** UTF-8 byte offset → UTF-16 string index, for every offset up to the text's byte length. */
function byteToIndex(text: string): (byte: number) => number {
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const bytes = Buffer.byteLength(ch, 'utf8');
    for (let b = 0; b < bytes; b++) map.push(i);
    i += ch.length;
  }
  map.push(i);
  return (byte) => map[Math.min(byte, map.length - 1)]!;
}

export async function create(): Promise<Detector<unknown>> {
  const { redact } = await import('@arcjet/redact');
  const { initializeWasm } = await import('@arcjet/redact-wasm');
  const engine = await initializeWasm(
    () => [],
    () => undefined,
  );
  if (!engine) throw new Error('WebAssembly is not available');
  const config = { contextWindowSize: 1, skipCustomDetect: true, skipCustomRedact: true };
  return {
    name: '@arcjet/redact',
    version: installedVersion('@arcjet/redact'),
    supports: ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'IP_ADDRESS'],
    notes: "engine findings (redact-wasm, redact()'s own call; byte offsets converted); speed of redact()",
    run: (text) => redact(text),
    spans(text) {
      const at = byteToIndex(text);
      const out: Span[] = [];
      for (const f of engine.redact(text, config) as Finding[]) {
        const type = MAP[f.identifiedType.tag];
        if (type) out.push({ start: at(f.start), end: at(f.end), type });
      }
      return out;
    },
  };
}
