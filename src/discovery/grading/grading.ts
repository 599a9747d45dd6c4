/**
 * Grading: which sensitivity level a data category has, from a policy kept as data
 * (sensitivity-policy.yaml, each rule with its citation). Tables and systems take the highest
 * level of their columns.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CustosError } from '../../lib/errors.js';

export const LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type Level = (typeof LEVELS)[number];

const PolicySchema = z
  .object({
    version: z.literal(1),
    levels: z.record(z.enum(LEVELS), z.object({ name: z.string(), description: z.string() }).strict()),
    rules: z.array(z.object({ category: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a dotted category key'), level: z.enum(LEVELS), citation: z.string().min(5) }).strict()).min(1),
  })
  .strict();

export type SensitivityPolicy = z.infer<typeof PolicySchema>;

export function parsePolicy(yamlText: string, source = 'policy'): SensitivityPolicy {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new CustosError('VALIDATION_FAILED', `${source} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = PolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CustosError('VALIDATION_FAILED', `${source}: ${issue.path.join('.')}: ${issue.message}`, { details: [{ field: issue.path.join('.'), message: issue.message }] });
  }
  return parsed.data;
}

let defaultPolicy: SensitivityPolicy | undefined;

export function loadDefaultPolicy(): SensitivityPolicy {
  defaultPolicy ??= parsePolicy(readFileSync(new URL('./sensitivity-policy.yaml', import.meta.url), 'utf8'), 'sensitivity-policy.yaml');
  return defaultPolicy;
}

export interface Grade {
  level: Level;
  citation: string;
  /** The rule's category: the category itself or the ancestor it inherited its level from. */
  rule: string;
}

/** The most specific rule whose key is the category or one of its ancestors. */
export function gradeCategory(category: string, policy: SensitivityPolicy = loadDefaultPolicy()): Grade {
  let best: SensitivityPolicy['rules'][number] | undefined;
  for (const rule of policy.rules) {
    const matches = category === rule.category || category.startsWith(`${rule.category}.`);
    if (matches && (!best || rule.category.length > best.category.length)) best = rule;
  }
  if (!best) return { level: 'L3', citation: 'no rule matched; personal data by default (GDPR Art. 4(1))', rule: '' };
  return { level: best.level, citation: best.citation, rule: best.category };
}

export function highestLevel(levels: Iterable<Level>): Level | null {
  let highest: Level | null = null;
  for (const level of levels) if (!highest || LEVELS.indexOf(level) > LEVELS.indexOf(highest)) highest = level;
  return highest;
}
