/**
 * Recover typed spans from a redacted string: many npm detectors only return the input with
 * each finding replaced by a token such as `EMAIL_ADDRESS` or `[Redacted: sin]`.
 *
 * The redacted output is split into literal runs and tokens (found by `tokenRe`); the literal runs
 * must appear in the input in order, and each token stands for the non-empty input text between
 * them. Literal runs are placed at their earliest possible position (like glob matching, which
 * finds an alignment whenever one exists). A token whose gap equals its own text is the input's
 * own word, not a redaction, and is dropped. Adjacent tokens with no literal text between them
 * cannot be told apart: the whole gap goes to the first token's type.
 *
 * Returns null when the output cannot be aligned with the input (the caller reports it).
 */
import type { Span } from '../types.js';

export interface RecoveredSpan {
  start: number;
  end: number;
  /** The detector's own label, from the token. */
  label: string;
}

export function recoverSpans(input: string, output: string, tokenRe: RegExp, labelOf: (m: RegExpExecArray) => string): RecoveredSpan[] | null {
  if (!tokenRe.global) throw new Error('tokenRe must be global');
  const literals: string[] = [];
  const tokens: { label: string; text: string }[] = [];
  let last = 0;
  tokenRe.lastIndex = 0;
  for (let m = tokenRe.exec(output); m; m = tokenRe.exec(output)) {
    if (m[0].length === 0) {
      tokenRe.lastIndex++;
      continue;
    }
    literals.push(output.slice(last, m.index));
    tokens.push({ label: labelOf(m), text: m[0] });
    last = m.index + m[0].length;
  }
  literals.push(output.slice(last));
  if (tokens.length === 0) return output === input ? [] : null;

  // Group adjacent tokens (empty literal between them).
  const groups: { label: string; text: string; after: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const after = literals[i + 1]!;
    const prev = groups[groups.length - 1];
    if (i > 0 && literals[i] === '' && prev) {
      prev.text += tokens[i]!.text;
      prev.after = after;
    } else groups.push({ label: tokens[i]!.label, text: tokens[i]!.text, after });
  }

  const head = literals[0]!;
  if (!input.startsWith(head)) return null;
  let pos = head.length;
  const out: RecoveredSpan[] = [];
  for (let i = 0; i < groups.length; i++) {
    const grp = groups[i]!;
    let end: number;
    if (i === groups.length - 1) {
      end = input.length - grp.after.length;
      if (end < pos + 1 || !input.endsWith(grp.after)) return null;
    } else {
      end = input.indexOf(grp.after, pos + 1);
      if (end < 0) return null;
    }
    if (input.slice(pos, end) !== grp.text) out.push({ start: pos, end, label: grp.label });
    pos = end + grp.after.length;
  }
  return out;
}

/** Map recovered labels to benchmark types; labels without a mapping are dropped. */
export function typed(spans: readonly RecoveredSpan[], map: Readonly<Record<string, string>>): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const type = map[s.label];
    if (type) out.push({ start: s.start, end: s.end, type });
  }
  return out;
}
