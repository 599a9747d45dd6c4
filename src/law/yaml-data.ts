/**
 * Reads a "law as data" YAML file against its zod schema, naming the first field that is wrong.
 * Shared by the law and taxonomy loaders (src/discovery/grading/grading.ts does the same by hand).
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CustosError } from '../lib/errors.js';

export function parseYamlData<T>(schema: z.ZodType<T>, yamlText: string, source: string): T {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new CustosError('VALIDATION_FAILED', `${source} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new CustosError('VALIDATION_FAILED', `${source}: ${field}: ${issue.message}`, { details: [{ field, message: issue.message }] });
  }
  return parsed.data;
}
