/**
 * Problems found in manifest files, each named by file, YAML path and line, collected across all
 * files and thrown as one VALIDATION_FAILED error.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CustosError } from '../../lib/errors.js';
import { toSnakeKey } from './convert.js';

export type YamlPath = (string | number)[];

export interface ManifestIssue {
  file: string;
  /** In the manifest's spelling (snake_case). */
  path: YamlPath;
  line?: number;
  message: string;
}

/** `activity.legal_bases[0].basis` */
export function formatYamlPath(path: YamlPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

export function formatIssue(issue: ManifestIssue): string {
  const where = issue.path.length ? `${issue.file}: ${formatYamlPath(issue.path)}` : issue.file;
  return `${where}: ${issue.message}${issue.line ? ` (line ${issue.line})` : ''}`;
}

/** One parsed YAML file: its plain value, and the line of any path in it. */
export interface ParsedYaml {
  file: string;
  value: unknown;
  lineOf(path: YamlPath): number | undefined;
}

export class IssueList {
  readonly items: ManifestIssue[] = [];

  add(file: string | ParsedYaml, path: YamlPath, message: string): void {
    const parsed = typeof file === 'string' ? undefined : file;
    const line = parsed?.lineOf(path);
    this.items.push({ file: parsed?.file ?? (file as string), path, message, ...(line ? { line } : {}) });
  }

  /** Adds zod's issues; their paths are in the schemas' camelCase and are given back in snake_case. */
  addZod(file: ParsedYaml, error: z.ZodError, prefix: YamlPath = []): void {
    for (const issue of error.issues) {
      const path = [...prefix, ...issue.path.map((p) => (typeof p === 'string' ? toSnakeKey(p) : (p as number)))];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) this.add(file, [...path, toSnakeKey(key)], 'unknown key');
      } else {
        this.add(file, path, /received undefined$/.test(issue.message) ? 'Required' : issue.message);
      }
    }
  }

  /** Throws one VALIDATION_FAILED listing every problem, when there are any. */
  throwIfAny(what: string): void {
    if (!this.items.length) return;
    const sorted = [...this.items].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
    const lines = sorted.map(formatIssue);
    const shown = lines.slice(0, 20).join('\n');
    throw new CustosError('VALIDATION_FAILED', `${lines.length} problem${lines.length === 1 ? '' : 's'} in ${what}:\n${shown}${lines.length > 20 ? `\n… and ${lines.length - 20} more` : ''}`, {
      details: sorted.map((i) => ({ field: i.path.length ? `${i.file}: ${formatYamlPath(i.path)}` : i.file, message: `${i.message}${i.line ? ` (line ${i.line})` : ''}` })),
    });
  }
}

/** Parses YAML, recording syntax errors (with their lines); the value is undefined when it did not parse. */
export function parseYamlFile(file: string, text: string, issues: IssueList): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (path: YamlPath) => lineOfPath(doc, lineCounter, path);
  if (doc.errors.length) {
    for (const err of doc.errors) {
      const line = err.linePos?.[0].line ?? lineCounter.linePos(err.pos[0]).line;
      issues.items.push({ file, path: [], message: `not valid YAML: ${err.message.split('\n')[0]}`, ...(line ? { line } : {}) });
    }
    return { file, value: undefined, lineOf };
  }
  return { file, value: doc.toJS(), lineOf };
}

/** The line of the deepest node on the path that exists: a key's own line, or its parent's when it is missing. */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: YamlPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as { range?: number[] } | null)?.range?.[0];
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === part);
      if (!pair) break;
      offset = (pair.key as { range?: number[] } | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
      node = node.items[part];
      offset = (node as { range?: number[] } | null)?.range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
