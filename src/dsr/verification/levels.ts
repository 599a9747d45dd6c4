/**
 * Verification levels: how much proof of identity a request type needs before anything is
 * released or erased.
 *
 * - `email`: the subject typed back a one-time code sent to the request's address; a staff
 *   verification (a call back, in person, a signed letter) stands in for the code.
 * - `email+staff`: both the code and a staff verification, in either order, so that whoever
 *   controls the mailbox alone cannot have the data erased or changed.
 *
 * A request made by an authorised agent also needs a person at the company to check the agent's
 * authorisation (the `agent` step), whatever the level.
 *
 * Every type is `email` unless the configuration (`verification.levels`, CUSTOS_VERIFICATION_LEVELS)
 * says otherwise. Evaluation is pure: given the level, whether an agent asked, and the steps done,
 * it says what is missing.
 */
import { REQUEST_TYPES, type RequestType } from '../dsr.tables.js';

export const VERIFICATION_LEVELS = ['email', 'email+staff'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];
export const DEFAULT_VERIFICATION_LEVEL: VerificationLevel = 'email';

/** `email`: the e-mail code; `staff`: staff checked the identity; `agent`: staff checked the agent's authorisation. */
export const VERIFICATION_STEPS = ['email', 'staff', 'agent'] as const;
export type VerificationStep = (typeof VERIFICATION_STEPS)[number];

/** The configured level per request type; types left out are `email`. */
export type VerificationLevels = Partial<Record<RequestType, VerificationLevel>>;

export interface VerificationStatus {
  level: VerificationLevel;
  /** The request was made by an authorised agent: the `agent` step is required. */
  agent: boolean;
  done: VerificationStep[];
  /** At level `email`, a missing `email` may also be met by a staff verification. */
  missing: VerificationStep[];
  satisfied: boolean;
}

export function levelFor(levels: VerificationLevels | undefined, type: string): VerificationLevel {
  return levels?.[type as RequestType] ?? DEFAULT_VERIFICATION_LEVEL;
}

/** The more demanding of two levels. */
export function stricterLevel(a: VerificationLevel, b: VerificationLevel): VerificationLevel {
  return VERIFICATION_LEVELS.indexOf(a) >= VERIFICATION_LEVELS.indexOf(b) ? a : b;
}

export function isVerificationLevel(value: unknown): value is VerificationLevel {
  return typeof value === 'string' && (VERIFICATION_LEVELS as readonly string[]).includes(value);
}

/** What is done and what is left; `done` and `missing` are in the order email, staff, agent. */
export function evaluateVerification(input: { level: VerificationLevel; agent: boolean; done: Iterable<VerificationStep> }): VerificationStatus {
  const done = new Set(input.done);
  const missing = new Set<VerificationStep>();
  if (input.level === 'email') {
    if (!done.has('email') && !done.has('staff')) missing.add('email');
  } else {
    if (!done.has('email')) missing.add('email');
    if (!done.has('staff')) missing.add('staff');
  }
  if (input.agent && !done.has('agent')) missing.add('agent');
  const ordered = (steps: Set<VerificationStep>) => VERIFICATION_STEPS.filter((s) => steps.has(s));
  return { level: input.level, agent: input.agent, done: ordered(done), missing: ordered(missing), satisfied: missing.size === 0 };
}

/**
 * The steps a staff verification records when it does not name one: every step still missing
 * that a person can make (the identity, standing in for the code at level `email`; the agent's
 * authorisation).
 */
export function staffStepsLeft(status: VerificationStatus): VerificationStep[] {
  const steps = new Set<VerificationStep>();
  if (status.missing.includes('staff') || (status.level === 'email' && status.missing.includes('email'))) steps.add('staff');
  if (status.missing.includes('agent')) steps.add('agent');
  return VERIFICATION_STEPS.filter((s) => steps.has(s));
}

/** Words for what is left, for error messages and the CLI: "the e-mail code and a staff verification". */
export function describeSteps(steps: readonly VerificationStep[], level: VerificationLevel = 'email+staff'): string {
  const words: Record<VerificationStep, string> = {
    email: level === 'email' ? 'the e-mail code (or a staff verification)' : 'the e-mail code',
    staff: 'a staff verification of the identity',
    agent: "a staff check of the agent's authorisation",
  };
  const parts = steps.map((s) => words[s]);
  if (parts.length <= 1) return parts[0] ?? 'nothing';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Reads `verification.levels` as the YAML file gives it (a mapping, `erasure: email+staff`) or as
 * CUSTOS_VERIFICATION_LEVELS does (`erasure=email+staff,rectification=email+staff`). Errors name
 * the bad type or level; `path` is the key at fault in a mapping (empty for a string).
 */
export function parseVerificationLevels(input: unknown): { ok: true; levels: VerificationLevels } | { ok: false; message: string; path: string[] } {
  const types = REQUEST_TYPES.join(', ');
  const levelsList = VERIFICATION_LEVELS.join(' or ');
  const fail = (message: string, path: string[] = []) => ({ ok: false as const, message, path });
  let entries: [string, unknown, string[]][];
  if (input === null || input === undefined) return { ok: true, levels: {} };
  if (typeof input === 'string') {
    entries = [];
    for (const part of input.split(',').map((s) => s.trim()).filter(Boolean)) {
      const at = part.indexOf('=');
      if (at <= 0) return fail(`expected type=level pairs separated by commas (e.g. erasure=email+staff,rectification=email+staff); "${part}" has no type=level`);
      entries.push([part.slice(0, at).trim(), part.slice(at + 1).trim(), []]);
    }
  } else if (typeof input === 'object' && !Array.isArray(input)) {
    entries = Object.entries(input as Record<string, unknown>).map(([type, level]) => [type, level, [type]]);
  } else {
    return fail('expected a mapping of request type to level (erasure: email+staff) or type=level pairs separated by commas');
  }
  const levels: VerificationLevels = {};
  for (const [rawType, level, path] of entries) {
    const type = rawType.trim().toLowerCase().replace(/-/g, '_');
    if (!(REQUEST_TYPES as readonly string[]).includes(type)) return fail(`unknown request type "${rawType}"; the types are ${types}`, path);
    if (!isVerificationLevel(level)) return fail(`unknown verification level ${JSON.stringify(level ?? null)} for ${type}; expected ${levelsList}`, path);
    if (levels[type as RequestType] !== undefined) return fail(`the level of ${type} is given twice`, path);
    levels[type as RequestType] = level;
  }
  return { ok: true, levels };
}
