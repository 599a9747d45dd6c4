/** E-mail, URL, IP (v4/v6) and MAC addresses. */
import { isIP } from 'node:net';
import { emit, isDigitCode, isWordCode } from './candidate.js';
import type { ScanState } from './candidate.js';

const LOCAL_CHAR = /[A-Za-z0-9._%+'-]/;
const EMAIL_DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;

/** At an '@': walk back over the local part, forward over a domain with a letter TLD. */
export function scanAt(state: ScanState, at: number): number {
  const { text } = state;
  let s = at;
  while (s > 0 && at - s < 64 && LOCAL_CHAR.test(text[s - 1]!)) s--;
  while (s < at && (text[s] === '.' || text[s] === '-')) s++;
  if (s === at || text[at - 1] === '.') return at + 1;
  EMAIL_DOMAIN.lastIndex = at + 1;
  const m = EMAIL_DOMAIN.exec(text);
  if (!m) return at + 1;
  let end = at + 1 + m[0].length;
  if (text.slice(s, end).includes('..')) return at + 1;
  while (text[end - 1] === '.') end--;
  emit(state, s, end, 'EMAIL_ADDRESS', 0.9);
  return end;
}

const URL_RE = /(?:https?|ftp):\/\/[^\s<>"'`\u3000-\u303f\uff00-\uffef]{3,2000}/iy;
const WWW_RE = /www\.[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,5}(?:[/?#][^\s<>"'`]{0,2000})?/iy;

function trimUrl(text: string, s: number, e: number): number {
  while (e > s && '.,;:!?)]}\'"'.includes(text[e - 1]!)) {
    if (text[e - 1] === ')' && text.slice(s, e).includes('(')) break;
    e--;
  }
  return e;
}

/** At a token that may open a URL (http, https, ftp, www). */
export function scanUrl(state: ScanState, start: number): number {
  const { text } = state;
  const re = text.charCodeAt(start) === 119 || text.charCodeAt(start) === 87 ? WWW_RE : URL_RE;
  re.lastIndex = start;
  const m = re.exec(text);
  if (!m) return 0;
  const end = trimUrl(text, start, start + m[0].length);
  if (end - start < 10) return 0;
  emit(state, start, end, 'URL', re === URL_RE ? 0.6 : 0.5);
  return end;
}

const IPV4 = /(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?:\/\d{1,2})?/y;
const IPV6 = /[0-9A-Fa-f:.]{2,45}/y;
// A trailing ':' '-' '.' is sentence punctuation unless another hex group follows it.
const MAC = /[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![0-9A-Fa-f]|[:-][0-9A-Fa-f])/y;
const MAC_DOT = /[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![0-9A-Fa-f]|\.[0-9A-Fa-f])/y;

/** Broadcast (ff:ff:…) and all-zero addresses name no device. */
function isNullMac(hex12: string): boolean {
  const v = hex12.toLowerCase();
  return v === '000000000000' || v === 'ffffffffffff';
}
const VERSION_BEFORE = /(?:^|[^A-Za-z])(?:version|ver|v|release|build|firmware|sdk|node|python|java|chrome|firefox|safari|android|ios|windows)[\s:=]*$/i;

/** At a token followed by '.' or ':' that may be an IPv4, IPv6 or MAC address. Returns end or 0. */
export function scanNetwork(state: ScanState, start: number, colon: boolean): number {
  const { text } = state;
  const p = text.charCodeAt(start - 1);
  if (start > 0 && (p === 46 || isWordCode(p) || (p === 58 && !labelBefore(text, start - 1)))) return 0;
  if (!colon) {
    if (!mayBeIpv4(text, start)) return 0;
    IPV4.lastIndex = start;
    const m = IPV4.exec(text);
    if (!m) return 0;
    const end = start + m[0].length;
    const next = text.charCodeAt(end);
    if (isWordCode(next) || (next === 46 && isWordCode(text.charCodeAt(end + 1)))) return 0;
    if (VERSION_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return end;
    // A product token's version (`Chrome/124.0.0.0` in a user agent), not an address; a URL's
    // host (`http://10.0.0.1/`) has a slash before the slash.
    if (text.charCodeAt(start - 1) === 47 && isWordCode(text.charCodeAt(start - 2))) return end;
    emit(state, start, end, 'IP_ADDRESS', 0.7);
    return end;
  }
  const sep = text.charCodeAt(start + 2);
  // MAC: six groups of two hex digits, one separator throughout (a time "13:31:56" has three).
  if ((sep === 58 || sep === 45) && text.charCodeAt(start + 5) === sep && text.charCodeAt(start + 8) === sep && text.charCodeAt(start + 11) === sep && text.charCodeAt(start + 14) === sep) {
    MAC.lastIndex = start;
    const mac = MAC.exec(text);
    if (mac) {
      if (!isNullMac(mac[0].replace(/[:-]/g, ''))) emit(state, start, start + mac[0].length, 'MAC_ADDRESS', 0.75);
      return start + mac[0].length;
    }
  }
  if (!mayBeIpv6(text, start)) return 0;
  IPV6.lastIndex = start;
  const m6 = IPV6.exec(text);
  if (!m6) return 0;
  let cand = m6[0];
  while (cand.length > 2 && (cand.endsWith(':') && !cand.endsWith('::') || cand.endsWith('.'))) cand = cand.slice(0, -1);
  if (isWordCode(text.charCodeAt(start + cand.length))) return 0;
  let groups = 1;
  for (let k = 0; k < cand.length; k++) if (cand.charCodeAt(k) === 58) groups++;
  // Times (12:30:45) are not IPv6: require a '::' or 8 groups (cheap tests before isIP).
  if ((cand.includes('::') || groups === 8) && groups >= 3 && isIP(cand) === 6 && cand.replace(/[:0.]/g, '') !== '') {
    {
      emit(state, start, start + cand.length, 'IP_ADDRESS', cand.includes('::') && cand.length < 6 ? 0.2 : 0.7);
      return start + cand.length;
    }
  }
  return 0;
}

/**
 * What IPV4 needs from character codes: three groups of 1-3 digits, each followed by a '.', then a
 * digit (an octet takes its whole group when a '.' must follow). Prices and versions ("1.234,56",
 * "v1.2.3") stop here before the regex.
 */
function mayBeIpv4(text: string, start: number): boolean {
  let p = start;
  for (let g = 0; g < 3; g++) {
    const q = p;
    while (p - q < 4 && isDigitCode(text.charCodeAt(p))) p++;
    if (p === q || p - q > 3 || text.charCodeAt(p) !== 46) return false;
    p++;
  }
  return isDigitCode(text.charCodeAt(p));
}

/**
 * What the IPv6 reading below needs, from character codes: IPV6's run of hex digits, ':' and '.'
 * holds a '::' or at least 7 colons, and at least 2 (the trimmed candidate has no more). Times
 * ("12:30:45") and "host:port" stop here before the regex.
 */
function mayBeIpv6(text: string, start: number): boolean {
  let colons = 0;
  let double = false;
  const max = Math.min(text.length, start + 45);
  for (let k = start; k < max; k++) {
    const c = text.charCodeAt(k);
    if (c === 58) {
      colons++;
      if (text.charCodeAt(k - 1) === 58 && k > start) double = true;
    } else if (!(c === 46 || (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102))) break;
  }
  return colons >= 2 && (double || colons >= 7);
}

/**
 * Whether the ':' at `colon` ends a label (`mac:`, `hwaddr:`, `IPv6:`), not a group of a longer
 * hex/colon address: the word before it has a letter outside a-f.
 */
function labelBefore(text: string, colon: number): boolean {
  let k = colon - 1;
  let label = false;
  while (k >= 0 && colon - k <= 16 && isWordCode(text.charCodeAt(k))) {
    const c = text.charCodeAt(k) | 32;
    if (c >= 103 && c <= 122) label = true;
    k--;
  }
  return label && k >= -1 && text.charCodeAt(k) !== 58;
}

/**
 * A bare 12-hex-digit token ("001A2B3C4D5E"): a MAC address only when a context word names it. The
 * last group of a UUID ("…-93bf-f2f55e6bbd16") is part of an identifier of its own, not a MAC, even
 * beside a word like "device": refused before the context look-up that most UUIDs in logs and JSON
 * would otherwise cost.
 */
export function bareMac(state: ScanState, start: number, end: number): void {
  if (end - start !== 12) return;
  const { text } = state;
  if (isUuidTail(text, start)) return;
  let letters = 0;
  let digits = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k) | 32;
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 97 && c <= 102) letters++;
    else return;
  }
  if (letters === 0 || digits < 2 || isNullMac(text.slice(start, end))) return;
  emit(state, start, end, 'MAC_ADDRESS', 0.15);
}

/** Whether the 12 characters at start close a UUID: 8-4-4-4 hex groups and hyphens right before them. */
function isUuidTail(text: string, start: number): boolean {
  if (start < 24 || text.charCodeAt(start - 1) !== 45) return false;
  for (let k = start - 24; k < start - 1; k++) {
    const c = text.charCodeAt(k);
    const hyphen = k === start - 6 || k === start - 11 || k === start - 16;
    if (hyphen ? c !== 45 : !isHexCode(c)) return false;
  }
  return true;
}

function isHexCode(c: number): boolean {
  const l = c | 32;
  return (c >= 48 && c <= 57) || (l >= 97 && l <= 102);
}

export function scanCiscoMac(state: ScanState, start: number): number {
  MAC_DOT.lastIndex = start;
  const m = MAC_DOT.exec(state.text);
  if (!m) return 0;
  if (!isNullMac(m[0].replace(/\./g, ''))) emit(state, start, start + m[0].length, 'MAC_ADDRESS', 0.6);
  return start + m[0].length;
}
