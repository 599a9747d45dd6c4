/** What every scanner emits; the engine scores context, resolves overlaps and reports spans. */
export interface Candidate {
  start: number;
  end: number;
  type: string;
  score: number;
}

/** Shared state of one detect() call, handed to each scanner. */
export interface ScanState {
  readonly text: string;
  /** Scan limit: nothing at or after this index is looked at. */
  readonly limit: number;
  readonly out: Candidate[];
  /** Entity types to report (null: all). Scanners skip work for types not wanted. */
  readonly wanted: ReadonlySet<string> | null;
  /** Types named by the hints (column names), with strength 0..1. */
  readonly hinted: ReadonlyMap<string, number>;
}

export function want(state: ScanState, type: string): boolean {
  return state.wanted === null || state.wanted.has(type);
}

export function emit(state: ScanState, start: number, end: number, type: string, score: number): void {
  if (end <= start || score <= 0) return;
  if (state.wanted !== null && !state.wanted.has(type)) return;
  state.out.push({ start, end, type, score });
}

/** ASCII character classes for the hot loops (one table lookup per character). */
export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
export const WORD = DIGIT | UPPER | LOWER | 8; // 8: underscore
export const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
CLASS[95] = 8;

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Latin letters including Latin-1 and Latin Extended-A (names like João, Müller, Łukasz). */
export function isLetterCode(c: number): boolean {
  if (c < 128) return (CLASS[c]! & (UPPER | LOWER)) !== 0;
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x3ff) || (c >= 0x400 && c <= 0x4ff);
}

export function isUpperCode(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x100 && c <= 0x17f && (c & 1) === 0);
}

export function isWordCode(c: number): boolean {
  return c < 128 ? CLASS[c]! !== 0 : isLetterCode(c);
}

export function isCjkCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}
