import { readFileSync } from 'node:fs';
import { CustosError } from '../../lib/errors.js';
import { createDetector, parseCustomDetectors } from './index.js';

/** The built-in detectors plus the user's own from a YAML file (see README.md beside this file). */
export function loadDetector(file: string | undefined): ReturnType<typeof createDetector> {
  if (!file) return createDetector();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CustosError('VALIDATION_FAILED', `cannot read the detectors file ${file}`);
  }
  return createDetector({ custom: parseCustomDetectors(text) });
}
