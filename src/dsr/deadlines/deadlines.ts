/**
 * Deadline rules as data: how long each law gives to answer a data subject request, whether it may
 * be extended, when the clock starts and whether it may pause, kept in deadlines.yaml with a
 * citation on every rule. This module loads and validates them and computes due dates with
 * date-only arithmetic in the operator's time zone (DST-safe). Custos supports compliance; it does
 * not give legal advice.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CustosError } from '../../lib/errors.js';
import { loadTransferMechanisms } from '../../law/law.js';
import { parseYamlData } from '../../law/yaml-data.js';
import { REQUEST_TYPES, type RequestType } from '../dsr.tables.js';

/** The request types of src/dsr (one list for the store, the API and these rules). */
export type DeadlineRequestType = RequestType;

const CITATION = z.string().min(5);
const TEXT = z.string().min(1);
const UNIT = z.enum(['calendar_days', 'business_days', 'months']);
const AMOUNT = z.number().int().positive();

const PeriodSchema = z.object({ amount: AMOUNT, unit: UNIT }).strict();

const PauseSchema = z.object({ allowed: z.boolean(), citation: CITATION, note: TEXT.optional(), verified: z.boolean() }).strict();

const ExtensionSchema = z
  .object({
    /** Absent: open-ended (e.g. PDPA reg. 5: the time the organisation notifies). */
    amount: AMOUNT.optional(),
    unit: UNIT.optional(),
    conditions: TEXT,
    notice: TEXT,
    notice_within_original: z.boolean(),
    citation: CITATION,
    verified: z.boolean(),
  })
  .strict()
  .refine((e) => (e.amount === undefined) === (e.unit === undefined), 'amount and unit go together');

const AcknowledgeSchema = z.object({ amount: AMOUNT, unit: UNIT, what: TEXT, citation: CITATION, verified: z.boolean() }).strict();

const RuleSchema = z
  .object({
    period: PeriodSchema,
    basis: z.enum(['statute', 'regulation', 'guidance', 'standard', 'practice', 'custos_default']),
    standard: TEXT,
    citation: CITATION,
    note: TEXT.optional(),
    verified: z.boolean(),
    extension: ExtensionSchema.nullable(),
    acknowledge: AcknowledgeSchema.optional(),
    pause: PauseSchema.optional(),
  })
  .strict();

const RequestTypeSchema = z.enum(REQUEST_TYPES);

const JurisdictionSchema = z
  .object({
    name: TEXT,
    citation_root: CITATION,
    clock: z
      .object({ starts: TEXT, citation: CITATION, weekend_rollover: z.boolean(), note: TEXT.optional(), pause: PauseSchema })
      .strict(),
    types: z.array(RequestTypeSchema).min(1),
    rules: z.object({ default: RuleSchema }).catchall(RuleSchema),
  })
  .strict()
  .superRefine((j, ctx) => {
    for (const key of Object.keys(j.rules)) {
      if (key === 'default') continue;
      if (!RequestTypeSchema.safeParse(key).success) ctx.addIssue({ code: 'custom', path: ['rules', key], message: `not a request type (${REQUEST_TYPES.join(', ')})` });
      else if (!j.types.includes(key as DeadlineRequestType)) ctx.addIssue({ code: 'custom', path: ['rules', key], message: 'override for a type not listed in types' });
    }
    if (new Set(j.types).size !== j.types.length) ctx.addIssue({ code: 'custom', path: ['types'], message: 'duplicate request type' });
  });

const DeadlinesSchema = z
  .object({
    version: z.literal(1),
    verified_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date'),
    jurisdictions: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an upper-case jurisdiction id'), JurisdictionSchema),
  })
  .strict();

export type DeadlinesFile = z.infer<typeof DeadlinesSchema>;
export type JurisdictionDeadlines = DeadlinesFile['jurisdictions'][string];
export type DeadlineRule = z.infer<typeof RuleSchema>;
export type DeadlinePeriod = z.infer<typeof PeriodSchema>;
export type PeriodUnit = DeadlinePeriod['unit'];
export type PauseRule = z.infer<typeof PauseSchema>;

/** The rule that applies to one request, with the jurisdiction's clock folded in. */
export interface ResolvedDeadlineRule extends Omit<DeadlineRule, 'pause'> {
  jurisdiction: string;
  type: DeadlineRequestType;
  /** True when the period is set by the law itself (basis statute or regulation), not a target. */
  statutory: boolean;
  clock: { starts: string; citation: string; weekend_rollover: boolean; note?: string };
  pause: PauseRule;
}

export function parseDeadlines(yamlText: string, source = 'deadlines'): DeadlinesFile {
  return parseYamlData(DeadlinesSchema, yamlText, source);
}

let cached: DeadlinesFile | undefined;

/** The default deadline rules (cached). */
export function loadDeadlines(): DeadlinesFile {
  cached ??= parseDeadlines(readFileSync(new URL('./deadlines.yaml', import.meta.url), 'utf8'), 'deadlines.yaml');
  return cached;
}

/** The rule for a request type, or undefined when the jurisdiction provides no such request. */
export function deadlineRule(jurisdiction: string, type: DeadlineRequestType, file: DeadlinesFile = loadDeadlines()): ResolvedDeadlineRule | undefined {
  const j = Object.hasOwn(file.jurisdictions, jurisdiction) ? file.jurisdictions[jurisdiction] : undefined;
  if (!j) throw new CustosError('VALIDATION_FAILED', `unknown jurisdiction ${jurisdiction} for deadlines (known: ${Object.keys(file.jurisdictions).join(', ')})`);
  if (!j.types.includes(type)) return undefined;
  const { pause, ...rule } = j.rules[type] ?? j.rules.default;
  const { pause: clockPause, ...clock } = j.clock;
  return { ...rule, jurisdiction, type, statutory: rule.basis === 'statute' || rule.basis === 'regulation', clock, pause: pause ?? clockPause };
}

// ---------------------------------------------------------------------------------------------
// Date-only arithmetic. A calendar date is a day number (days since 1970-01-01); weekdays and
// month lengths come from UTC, so no time-zone or DST offset enters the arithmetic. Only the
// conversion between an instant and the local calendar date uses the time zone.

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayOfIso(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The same date `months` later; when the target month is shorter, its last day (31 Jan + 1 month =
 * 28 or 29 Feb), as in Regulation 1182/71 Art. 3(2)(c) and the ICO's guidance.
 */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfTarget)) / DAY_MS;
}

/** `count` Mondays-to-Fridays after `day` (the start day itself is not counted). Public holidays are not known. */
export function addBusinessDays(day: number, count: number): number {
  let current = day;
  for (let left = count; left > 0; ) {
    current += 1;
    if (!isWeekend(current)) left -= 1;
  }
  return current;
}

function nextWeekday(day: number): number {
  let current = day;
  while (isWeekend(current)) current += 1;
  return current;
}

function addPeriod(day: number, period: { amount: number; unit: PeriodUnit }): number {
  switch (period.unit) {
    case 'months':
      return addMonths(day, period.amount);
    case 'business_days':
      return addBusinessDays(day, period.amount);
    case 'calendar_days':
      return day + period.amount;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch {
      throw new CustosError('VALIDATION_FAILED', `unknown time zone ${timeZone}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock time in the zone as if it were UTC, in ms (seconds precision). */
function wallClock(instant: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** The calendar date (day number) of an instant in a time zone. */
export function localDay(instant: Date, timeZone = 'UTC'): number {
  return Math.floor(wallClock(instant.getTime(), timeZone) / DAY_MS);
}

/** The instant at which a local calendar day begins in a time zone (DST-safe). */
function startOfLocalDay(day: number, timeZone: string): number {
  const wall = day * DAY_MS;
  const offset = wallClock(wall, timeZone) - wall;
  let instant = wall - offset;
  const offsetThen = wallClock(instant, timeZone) - instant;
  if (offsetThen !== offset) instant = wall - offsetThen;
  return instant;
}

/** The last millisecond of a local calendar day: a period ends "with the expiry of the last hour" of its last day. */
function endOfLocalDay(day: number, timeZone: string): Date {
  return new Date(startOfLocalDay(day + 1, timeZone) - 1);
}

// ---------------------------------------------------------------------------------------------

export interface Pause {
  from: Date;
  to: Date;
}

export interface DueDateInput {
  jurisdiction: string;
  type: DeadlineRequestType;
  /** When the request was received. */
  receivedAt: Date;
  /** Calendar days the clock stood still (e.g. waiting for identity), where the rule allows it. */
  pausedDays?: number;
  /** Pause intervals; overlapping intervals count once. Length = local calendar days from `from` to `to`. */
  pauses?: Pause[];
  /** The extension was taken (notice given within the original period). */
  extended?: boolean;
  /** IANA zone whose calendar dates count (the controller's); default UTC. */
  timeZone?: string;
  /** Another rules file (e.g. the operator's), default the bundled one. */
  rules?: DeadlinesFile;
}

export interface DueDate {
  /** End of the last day to answer: the extended deadline when `extended`, the original one otherwise. */
  dueAt: Date;
  /** YYYY-MM-DD of dueAt in the time zone. */
  dueDate: string;
  /** End of the last day of the original period. */
  originalDueAt: Date;
  /** The deadline if the extension is (or were) taken; null when the rule allows none or it is open-ended. */
  extendedDueAt: Date | null;
  /** Last moment to notify the subject of an extension (within the original period), or null. */
  extensionNoticeBy: Date | null;
  /** Last moment to confirm receipt (CCPA: 10 business days), or null. */
  acknowledgeBy: Date | null;
  /** Calendar days of pause applied, and those given but not applied because the rule allows no pause. */
  pause: { appliedDays: number; ignoredDays: number };
  rule: ResolvedDeadlineRule;
}

function pauseDays(input: DueDateInput, timeZone: string): number {
  const days = input.pausedDays ?? 0;
  if (!Number.isInteger(days) || days < 0) throw new CustosError('VALIDATION_FAILED', 'pausedDays must be a whole number of days, 0 or more');
  const spans = (input.pauses ?? []).map((p) => {
    if (Number.isNaN(p.from.getTime()) || Number.isNaN(p.to.getTime()) || p.to < p.from) throw new CustosError('VALIDATION_FAILED', 'each pause needs valid from <= to');
    return [localDay(p.from, timeZone), localDay(p.to, timeZone)] as const;
  });
  spans.sort((a, b) => a[0] - b[0]);
  let total = days;
  let coveredTo = -Infinity;
  for (const [from, to] of spans) {
    const start = Math.max(from, coveredTo);
    if (to > start) total += to - start;
    coveredTo = Math.max(coveredTo, to);
  }
  return total;
}

/**
 * The due date of a request. The day of receipt is not counted; months land on the same date
 * (clamped to the month's last day), calendar days add, business days skip Saturdays and Sundays.
 * Pauses push the deadline back by their length in calendar days, only where the rule allows it;
 * where the jurisdiction says so (UK, ICO guidance) a deadline on a weekend moves to Monday.
 */
export function computeDueDate(input: DueDateInput): DueDate {
  const timeZone = input.timeZone ?? 'UTC';
  if (!(input.receivedAt instanceof Date) || Number.isNaN(input.receivedAt.getTime())) throw new CustosError('VALIDATION_FAILED', 'receivedAt must be a valid date');
  const rule = deadlineRule(input.jurisdiction, input.type, input.rules);
  if (!rule) throw new CustosError('VALIDATION_FAILED', `${input.jurisdiction} has no deadline rule for ${input.type} requests`);
  const ext = rule.extension;
  if (input.extended && !ext) throw new CustosError('VALIDATION_FAILED', `${input.jurisdiction} allows no extension for ${input.type} requests (${rule.citation})`);

  const received = localDay(input.receivedAt, timeZone);
  const paused = pauseDays(input, timeZone);
  const applied = rule.pause.allowed ? paused : 0;
  const finish = (day: number): number => {
    const end = day + applied;
    return rule.clock.weekend_rollover || rule.period.unit === 'business_days' ? nextWeekday(end) : end;
  };

  const original = finish(addPeriod(received, rule.period));
  let extended: number | null = null;
  if (ext?.amount !== undefined && ext.unit !== undefined) {
    // Same unit: count the whole period from receipt (ICO: "three months from the original start
    // date"; CCPA: "a maximum total of 90 calendar days from the day the request is received").
    extended =
      ext.unit === rule.period.unit
        ? finish(addPeriod(received, { amount: rule.period.amount + ext.amount, unit: ext.unit }))
        : finish(addPeriod(addPeriod(received, rule.period), { amount: ext.amount, unit: ext.unit }));
  }
  if (input.extended && extended === null) {
    throw new CustosError('VALIDATION_FAILED', `the ${input.jurisdiction} extension for ${input.type} is open-ended (${ext!.citation}): record the date notified to the subject instead`);
  }
  const dueDay = input.extended && extended !== null ? extended : original;

  return {
    dueAt: endOfLocalDay(dueDay, timeZone),
    dueDate: isoDate(dueDay),
    originalDueAt: endOfLocalDay(original, timeZone),
    extendedDueAt: extended === null ? null : endOfLocalDay(extended, timeZone),
    extensionNoticeBy: ext?.notice_within_original ? endOfLocalDay(original, timeZone) : null,
    acknowledgeBy: rule.acknowledge ? endOfLocalDay(addPeriod(received, rule.acknowledge), timeZone) : null,
    pause: { appliedDays: applied, ignoredDays: paused - applied },
    rule,
  };
}

/** Parses a YYYY-MM-DD date as the start of that day in UTC (handy for tests and CLI input). */
export function utcDate(date: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new CustosError('VALIDATION_FAILED', `not a YYYY-MM-DD date: ${date}`);
  return new Date(dayOfIso(date) * DAY_MS);
}

// ---------------------------------------------------------------------------------------------

const COUNTRY_DEFAULTS: Record<string, string> = { GB: 'UK_GDPR', CN: 'PIPL', SG: 'PDPA_SG', BR: 'LGPD', JP: 'APPI', CA: 'PIPEDA' };
const SUBDIVISION_DEFAULTS: Record<string, string | null> = {
  'US-CA': 'CCPA',
  // Provinces with private-sector laws declared substantially similar to PIPEDA: their own law
  // (e.g. Quebec Law 25) governs in-province collection and is not encoded.
  'CA-QC': null,
  'CA-AB': null,
  'CA-BC': null,
};

/**
 * A default jurisdiction for a subject's country (ISO 3166-1 alpha-2) or subdivision (ISO 3166-2,
 * e.g. "US-CA"): the EEA (as listed for GDPR in src/law/transfer-mechanisms.yaml) → GDPR, GB →
 * UK_GDPR, US-CA → CCPA, CN → PIPL, SG → PDPA_SG, BR → LGPD, JP → APPI, CA → PIPEDA. null when there
 * is no default (the US without a state, a Canadian province with its own law, other countries).
 * A default only: which law applies depends on the controller too, and the operator may override it.
 */
export function inferJurisdiction(countryCode: string, subdivision?: string): string | null {
  const [country = '', region] = countryCode.trim().toUpperCase().split('-');
  const sub = subdivision?.trim().toUpperCase() ?? region;
  if (sub) {
    const key = sub.includes('-') ? sub : `${country}-${sub}`;
    if (Object.hasOwn(SUBDIVISION_DEFAULTS, key)) return SUBDIVISION_DEFAULTS[key] ?? null;
  }
  if (Object.hasOwn(COUNTRY_DEFAULTS, country)) return COUNTRY_DEFAULTS[country] ?? null;
  const eea = loadTransferMechanisms().jurisdictions.GDPR?.territory ?? [];
  return eea.includes(country) ? 'GDPR' : null;
}
