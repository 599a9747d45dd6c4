/**
 * Fonts for the PDF. pdfkit's built-in Helvetica only encodes WinAnsi (Western European), so the
 * renderer embeds system fonts when they exist: a Latin font with Latin Extended coverage (Noto Sans
 * or DejaVu Sans) and a CJK font (Noto Sans CJK, Debian package fonts-noto-cjk). Text is split into
 * runs by script and each run drawn with the font that covers it; embedded fonts are subset, so the
 * PDF stays small. Nothing is bundled: without these files the PDF uses Helvetica and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { RenderOptions } from '../report.types.js';

const LATIN = ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];
const LATIN_BOLD = ['/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'];
const CJK = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc'];
const CJK_BOLD = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc'];

/** A font pdfkit can load: a built-in name, or file bytes with the face to pick from a collection. */
export interface FontFace {
  src: string | Buffer;
  family?: string;
}

export interface FontPlan {
  latin: FontFace;
  latinBold: FontFace;
  cjk?: FontFace;
  cjkBold?: FontFace;
  /** True when Latin text uses a built-in font limited to WinAnsi. */
  builtin: boolean;
  /** Printed on the first page when some text cannot be shown as written. */
  note?: string;
}

const bytes = new Map<string, Buffer>();

function load(path: string): Buffer {
  let data = bytes.get(path);
  if (!data) {
    data = readFileSync(path);
    bytes.set(path, data);
  }
  return data;
}

function first(explicit: string | undefined, candidates: readonly string[]): string | undefined {
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return candidates.find((path) => existsSync(path));
}

function collectionFace(path: string, family: string): FontFace {
  return { src: load(path), family: /\.(ttc|otc)$/i.test(path) ? family : undefined };
}

export function planFonts(options: RenderOptions['fonts'] = {}): FontPlan {
  const latinPath = first(options.latin, LATIN);
  const latinBoldPath = first(options.latinBold, LATIN_BOLD) ?? latinPath;
  const cjkPath = first(options.cjk, CJK);
  const cjkBoldPath = first(options.cjkBold, CJK_BOLD) ?? cjkPath;
  const plan: FontPlan = latinPath
    ? { latin: { src: load(latinPath) }, latinBold: { src: load(latinBoldPath!) }, builtin: false }
    : { latin: { src: 'Helvetica' }, latinBold: { src: 'Helvetica-Bold' }, builtin: true };
  if (cjkPath) {
    plan.cjk = collectionFace(cjkPath, options.cjkFamily ?? 'NotoSansCJKsc-Regular');
    plan.cjkBold = collectionFace(cjkBoldPath!, cjkBoldPath === cjkPath ? (options.cjkFamily ?? 'NotoSansCJKsc-Regular') : (options.cjkBoldFamily ?? 'NotoSansCJKsc-Bold'));
  }
  if (!cjkPath) {
    plan.note = plan.builtin
      ? 'Font note: no CJK font (e.g. Noto Sans CJK, package fonts-noto-cjk) or Unicode Latin font was found, so this PDF uses the built-in Helvetica; characters outside Western European Latin are shown as "?". The HTML and XLSX formats show all characters.'
      : 'Font note: no CJK font (e.g. Noto Sans CJK, package fonts-noto-cjk) was found, so Chinese, Japanese and Korean characters are shown as "?". The HTML and XLSX formats show all characters.';
  }
  return plan;
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF]/u;

export function isCjk(ch: string): boolean {
  return CJK_CHAR.test(ch);
}

/** Characters of Windows-1252 beyond ASCII and Latin-1 that the built-in fonts can encode. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '→': '->', '≥': '>=', '≤': '<=', '✓': 'v' };

/** What the built-in Helvetica can show: WinAnsi characters kept, a few symbols spelled out, the rest "?". */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === '\n' || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += REPLACEMENTS[ch] ?? '?';
  }
  return out;
}
