/**
 * ISO 8601 timestamps ("2021-12-20 08:35:00", "2026-07-16T05:48:16+08:00"), which open almost every
 * log line. The general number path reads none of their parts as anything, but it gets there the
 * long way: the year's run of digit groups is read, refused at the ':' (a run touching another
 * identifier character) and skipped as an identifier, then the hour and minute are each tokenised,
 * asked whether they open an IP or MAC address, read as runs and skipped again. This does the same
 * from character codes, with the same outcome but for one thing said at the end:
 *
 * - the year token (4 digits, then '-') always ends skipped as an identifier up to the first
 *   character that is not a word character, '-', '.', '_' or '/' (the ' ' before the hour, or the
 *   ':' after "THH"), with nothing emitted (the coordinates reading needs at most 2 digits, and the
 *   run ends at the ':' with a word character after it, which refuses the run);
 * - the hour (space form) and the minute (when seconds follow) each ask scanNetwork, as the general
 *   path does, and an address it finds is kept the same way; otherwise they are skipped, as there;
 * - the seconds and what follows them in the common forms ("SS", "SS.fffZ", "SSZ", "SS+hh:mm")
 *   are read the same way: the calls that can find something (an address or a written date after
 *   the last number, an IP or MAC address at the zone's hour) are made as the general path makes
 *   them, and the rest, which finds nothing there, is skipped. Any other tail (a '-' zone, a
 *   fraction without 'Z') is left to the general path from the token where it starts. One thing
 *   differs on purpose: the timestamp's last number does not join digits after it (lastNumberEnd).
 *
 * bench/detect/fuzz.ts compares the outputs with the previous build's on timestamps with tails meant
 * to catch a difference (addresses, dates, coordinates, MAC and IPv6 groups after the time).
 */
import { isDigitCode, isWordCode } from './candidate.js';
import type { ScanState } from './candidate.js';
import { scanNetwork } from './network.js';
import { scanNumberAddress, scanWordDate } from './address.js';
import { skipIdentifier } from './numeric.js';

/** At a 4-digit token followed by '-': where to resume after the timestamp's date, hour and minute; 0 when it is not one. */
export function skipTimestamp(state: ScanState, i: number): number {
  const { text } = state;
  if (i + 20 > state.limit || !isTimestampAt(text, i)) return 0;
  // Space form: the hour is a token of its own, which asks for an address first (a "13:31:56"
  // that goes on as six groups is a MAC address). In the 'T' form it is skipped with the date.
  if (text.charCodeAt(i + 10) === 32) {
    const r = scanNetwork(state, i + 11, true);
    if (r) return r;
  }
  if (text.charCodeAt(i + 16) !== 58) return i + 14;
  const r = scanNetwork(state, i + 14, true);
  return r || secondsTail(state, i + 17);
}

/** From the seconds at s (after a ':'): where the general path resumes after them and their tail, or s to let it read them. */
function secondsTail(state: ScanState, s: number): number {
  const { text } = state;
  if (s + 13 > state.limit || !digitsAt(text, s, 2)) return s;
  const c = text.charCodeAt(s + 2);
  // "SS.fffZ": the run "SS.fff" touches the Z, so it is skipped as an identifier with what follows.
  if (c === 46) {
    let f = s + 3;
    while (f < s + 12 && isDigitCode(text.charCodeAt(f))) f++;
    return f > s + 3 && text.charCodeAt(f) === 90 ? skipIdentifier(text, s, state.limit) : s;
  }
  // "SSZ": one token of digits and a letter, which only a street address can follow.
  if (c === 90) {
    const t = text.charCodeAt(s + 3);
    if (isWordCode(t) || t === 58) return s;
    return (t === 32 ? scanNumberAddress(state, s) : 0) || s + 3;
  }
  // "SS+hh:mm": the seconds end at the '+' (a number asks nothing there); the hour asks for an
  // address as a token of its own, the minute is a last number.
  if (c === 43) {
    if (text.charCodeAt(s + 5) !== 58 || !digitsAt(text, s + 3, 2) || !digitsAt(text, s + 6, 2)) return s + 2;
    const r = scanNetwork(state, s + 3, true);
    if (r) return r;
    const m = lastNumberEnd(state, s + 6, s + 8);
    return m < 0 ? s + 6 : m;
  }
  const end = lastNumberEnd(state, s, s + 2);
  return end < 0 ? s : end;
}

/**
 * The number token [start, end) of 2 digits after a ':' or '+' that ends a timestamp (its seconds, or
 * its zone's minutes): where to resume after it, when what follows ends it; -1 otherwise. After a
 * space or a comma it asks for a street address or a written date ("… 00 March 2020") as any number
 * does. Unlike other numbers, it never joins the digit groups after a space: in "08:35:00 (415)
 * 555-0100" or "08:35:00 221 Baker Street" the general path read "00 (415) 555-0100" as one number
 * (a My Number candidate) and hid the phone number and the address behind it.
 */
function lastNumberEnd(state: ScanState, start: number, end: number): number {
  const { text } = state;
  const t = text.charCodeAt(end);
  // A word character makes the token longer; these separators may join it to an identifier.
  if (isWordCode(t) || t === 46 || t === 45 || t === 58 || t === 47 || t === 95 || t === 41 || t >= 128) return -1;
  if (t === 32 || t === 44) return scanNumberAddress(state, start) || scanWordDate(state, start, true) || end;
  return end;
}

/** dddd-dd-dd, a space or 'T', dd:dd. */
function isTimestampAt(text: string, i: number): boolean {
  const sep = text.charCodeAt(i + 10);
  return (sep === 32 || sep === 84) && text.charCodeAt(i + 4) === 45 && text.charCodeAt(i + 7) === 45 && text.charCodeAt(i + 13) === 58 &&
    digitsAt(text, i, 4) && digitsAt(text, i + 5, 2) && digitsAt(text, i + 8, 2) && digitsAt(text, i + 11, 2) && digitsAt(text, i + 14, 2);
}

function digitsAt(text: string, i: number, n: number): boolean {
  for (let k = i; k < i + n; k++) if (!isDigitCode(text.charCodeAt(k))) return false;
  return true;
}
