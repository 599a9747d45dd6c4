/**
 * Subject requests as a service: intake (API, staff, portal, CLI), the legal clock from the
 * deadline rules, identity verification, extensions, and the request's timeline. Identities are
 * sealed at rest and found again by a keyed hash; no value reaches a log or an audit event.
 */
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import type { Database, Executor } from '../db/database.js';
import { maskValue } from '../discovery/scan/mask.js';
import type { SecretBox } from '../keys/secret-box.js';
import { CustosError } from '../lib/errors.js';
import type { Mailer } from '../notify/mailer.js';
import { computeDueDate, inferJurisdiction } from './deadlines/deadlines.js';
import {
  afterCheck,
  createVerificationCodes,
  DEFAULT_VERIFICATION_LEVEL,
  describeSteps,
  evaluateVerification,
  hashAddress,
  isVerificationLevel,
  levelFor,
  newVerificationRecord,
  staffStepsLeft,
  stricterLevel,
  VERIFICATION_STEPS,
  verificationError,
  verificationMessage,
  type VerificationLevel,
  type VerificationLevels,
  type VerificationStatus,
  type VerificationStep,
} from './verification/index.js';
import * as repo from './dsr.repository.js';
import type { RequestRow } from './dsr.repository.js';
import { SubmitRequestSchema, type SubmitRequestInput } from './dsr.schemas.js';
import type { RequestChannel, RequestStatus, RequestType } from './dsr.tables.js';

const DAY_MS = 86_400_000;
const CLOSED: RequestStatus[] = ['completed', 'rejected', 'cancelled'];

export interface DsrServiceDeps {
  db: Kysely<Database>;
  audit: Pick<AuditService, 'record'>;
  secrets: SecretBox;
  /** Sends verification codes; the null mailer refuses with a clear message when SMTP is not set. */
  mailer?: Pick<Mailer, 'send'>;
  /** Code length, lifetime and attempts; `levels`: the verification level per request type (`email` where unset). */
  verification?: { codeLength: number; ttlMinutes: number; maxAttempts: number; levels?: VerificationLevels };
  /** The organisation's name as the subject knows it, for the messages. */
  organisationName?: () => Promise<string>;
  /** The controller's country, to infer the jurisdiction when the subject's is unknown. */
  defaultJurisdiction?: string;
  now?: () => Date;
}

export type DsrService = ReturnType<typeof createDsrService>;

/** What a staff verification checked: the subject's identity, or an agent's authorisation to act for them. */
export type StaffCheck = 'identity' | 'agent';

/**
 * Verification progress, kept in the request's `details.verification` (no personal value): the
 * level fixed at intake and, per step done, when and by whom.
 */
interface VerificationState {
  level?: VerificationLevel;
  steps?: Partial<Record<VerificationStep, { at: string; by: string | null }>>;
}

const METHOD_OF: Record<VerificationStep, 'email_code' | 'staff'> = { email: 'email_code', staff: 'staff', agent: 'staff' };

/** E-mail and phone compare without case and spacing; the normal form is what is hashed. */
export function normaliseIdentity(kind: string, value: string): string {
  const trimmed = value.trim();
  if (kind === 'email') return trimmed.toLowerCase();
  if (kind === 'phone_number' || kind === 'national_id') return trimmed.replace(/[\s().-]/g, '').toUpperCase();
  return trimmed;
}

export function createDsrService({ db, audit, secrets, mailer, verification = { codeLength: 6, ttlMinutes: 15, maxAttempts: 5 }, organisationName = async () => 'our organisation', defaultJurisdiction = 'GDPR', now = () => new Date() }: DsrServiceDeps) {
  const codes = createVerificationCodes(secrets);
  const sealFor = (requestId: string, kind: string, value: string) => secrets.seal(value, `dsr:${requestId}:${kind}`);
  const hashOf = (kind: string, value: string) => secrets.keyedHash(`${kind}:${normaliseIdentity(kind, value)}`, 'dsr identity');

  function resolveJurisdiction(input: { jurisdiction?: string | undefined; subjectCountry?: string | undefined }): string {
    if (input.jurisdiction) return input.jurisdiction;
    if (input.subjectCountry) return inferJurisdiction(input.subjectCountry) ?? defaultJurisdiction;
    return defaultJurisdiction;
  }

  async function submit(context: AuditContext, input: SubmitRequestInput, channel: RequestChannel) {
    const parsed = SubmitRequestSchema.safeParse(input);
    if (!parsed.success) throw new CustosError('VALIDATION_FAILED', 'the request is invalid', { details: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
    const request = parsed.data;
    if (request.type === 'rectification' && !request.corrections) throw new CustosError('VALIDATION_FAILED', 'a rectification request says what to correct', { details: [{ field: 'corrections', message: 'required for rectification' }] });
    const jurisdiction = resolveJurisdiction(request);
    const receivedAt = now();
    const due = computeDueDate({ jurisdiction, type: request.type, receivedAt });
    const verificationLevel = levelFor(verification.levels, request.type);
    const row = await db.transaction().execute(async (tx) => {
      const created = await repo.insertRequest(tx, {
        type: request.type,
        status: 'received',
        jurisdiction,
        subject_country: request.subjectCountry ?? null,
        channel,
        agent: request.agent ?? null,
        details: { ...(request.corrections ? { correctionsSealed: secrets.seal(JSON.stringify(request.corrections), `dsr:corrections`) } : {}), ...(request.note ? { note: request.note } : {}), verification: { level: verificationLevel, steps: {} } satisfies VerificationState },
        received_at: receivedAt,
        due_at: due.dueAt,
        created_by: context.actor.name,
      });
      for (const identity of request.identities) {
        await repo.insertIdentity(tx, { requestId: created.id, kind: identity.kind, sealed: sealFor(created.id, identity.kind, identity.value), hash: hashOf(identity.kind, identity.value) });
      }
      await repo.addEvent(tx, { requestId: created.id, kind: 'received', actor: context.actor.name, details: { channel, jurisdiction, dueAt: due.dueAt.toISOString(), rule: due.rule.citation, agent: Boolean(request.agent), verificationLevel } });
      await audit.record(tx, context, { action: 'dsr.submit', target: { type: 'dsr', id: created.id }, details: { type: request.type, channel, jurisdiction, identities: request.identities.map((i) => i.kind), agent: Boolean(request.agent), verificationLevel } });
      return created;
    });
    return get(row.id);
  }

  /**
   * A person at the company checked the identity (phone call, in person, a signed letter), or an
   * authorised agent's authorisation to act for the subject. Without `check`, the note covers every
   * step still missing that a person can make: the identity (standing in for the e-mail code at
   * level `email`) and, on an agent's request, the agent's authorisation. When the level is met
   * the request is verified; where the rule lets the clock pause while identity is unverified, the
   * days waited are added back.
   */
  async function staffVerify(context: AuditContext, id: string, note: string, options: { check?: StaffCheck | undefined } = {}) {
    await db.transaction().execute(async (tx) => {
      const request = await openRequest(tx, id, { lock: true });
      if (request.verified_at) throw new CustosError('CONFLICT', `request ${id} is already verified`);
      const before = verificationOf(request);
      let steps: VerificationStep[];
      if (options.check === 'agent') {
        if (!before.agent) throw new CustosError('CONFLICT', `request ${id} was not made by an agent; there is no authorisation to check`);
        steps = ['agent'];
      } else if (options.check === 'identity') {
        steps = ['staff'];
      } else {
        steps = staffStepsLeft(before);
        if (steps.length === 0) throw new CustosError('CONFLICT', `request ${id} needs nothing more from staff; what is left: ${describeSteps(before.missing, before.level)}`);
      }
      const again = steps.filter((s) => before.done.includes(s));
      if (again.length > 0) throw new CustosError('CONFLICT', `request ${id}: ${describeSteps(again)} is already recorded; what is left: ${describeSteps(before.missing, before.level)}`);
      const { status, pausedDays } = await recordSteps(tx, context, request, steps, { note });
      await audit.record(tx, context, { action: 'dsr.verify', target: { type: 'dsr', id }, details: { method: 'staff', steps, level: status.level, satisfied: status.satisfied, missing: status.missing, ...(pausedDays === null ? {} : { pausedDays }) } });
    });
    return get(id);
  }

  /**
   * Sends a one-time code to the request's e-mail address. The subject proves control of the
   * address by typing it back; until the request's verification level is met, nothing is released
   * or erased.
   */
  async function sendVerification(context: AuditContext, id: string) {
    if (!mailer) throw new CustosError('MAIL_NOT_CONFIGURED', 'SMTP is not configured: set CUSTOS_SMTP_HOST and CUSTOS_SMTP_FROM to send verification codes');
    const request = await openRequest(db, id);
    if (request.verified_at) throw new CustosError('CONFLICT', `request ${id} is already verified`);
    const progress = verificationOf(request);
    if (progress.done.includes('email')) throw new CustosError('CONFLICT', `the e-mail address of request ${id} is already verified; what is left: ${describeSteps(progress.missing, progress.level)}`);
    const email = (await identitiesOf(id)).find((i) => i.kind === 'email');
    if (!email) {
      throw new CustosError(
        'CONFLICT',
        progress.level === 'email'
          ? `request ${id} names no e-mail address to send a code to; verify it by staff instead`
          : `request ${id} names no e-mail address, and ${request.type} requests need an e-mail code as well as a staff verification (verification level ${progress.level}); reject it, or take the request again with the subject's address`,
      );
    }
    const issued = codes.issueCode({ requestId: id, length: verification.codeLength });
    const record = newVerificationRecord({ requestId: id, addressHash: hashAddress(secrets, email.value), codeHash: issued.hash, now: now(), ttlMinutes: verification.ttlMinutes, maxAttempts: verification.maxAttempts });
    const message = verificationMessage({ organisation: await organisationName(), requestType: request.type, code: issued.code, expiresAt: record.expiresAt, now: now() });
    // Mail first: a code that never left must not replace the one the subject may already hold.
    await mailer.send({ to: email.value, subject: message.subject, text: message.text, html: message.html });
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('dsr_verifications')
        .values({ request_id: id, channel: 'email', address_hash: record.addressHash, code_hash: record.codeHash, expires_at: record.expiresAt, max_attempts: record.maxAttempts, verified_at: null })
        .onConflict((oc) => oc.column('request_id').doUpdateSet({ code_hash: record.codeHash, expires_at: record.expiresAt, attempts: 0, sent_at: now(), address_hash: record.addressHash }))
        .execute();
      await repo.updateRequest(tx, id, { status: 'verifying' });
      await repo.addEvent(tx, { requestId: id, kind: 'verification_sent', actor: context.actor.name, details: { channel: 'email', expiresAt: record.expiresAt.toISOString() } });
      await audit.record(tx, context, { action: 'dsr.verification_send', target: { type: 'dsr', id }, details: { channel: 'email' } });
    });
    return { expiresAt: record.expiresAt.toISOString() };
  }

  /**
   * Checks a code the subject typed; wrong codes count against a limit, a used code is spent. A
   * right code is the `email` step: it verifies the request when that meets its level.
   */
  async function verifyCode(context: AuditContext, id: string, code: string) {
    const outcome = await db.transaction().execute(async (tx) => {
      const request = await openRequest(tx, id, { lock: true });
      const stored = await tx.selectFrom('dsr_verifications').selectAll().where('request_id', '=', id).forUpdate().executeTakeFirst();
      if (!stored) throw new CustosError('CONFLICT', `no code was sent for request ${id}`);
      const result = codes.checkCode({ requestId: id, hash: stored.code_hash, expiresAt: stored.expires_at, attempts: stored.attempts, maxAttempts: stored.max_attempts, verifiedAt: stored.verified_at }, code, now());
      const after = afterCheck({ attempts: stored.attempts, verifiedAt: stored.verified_at }, result, now());
      await tx.updateTable('dsr_verifications').set({ attempts: after.attempts, verified_at: after.verifiedAt }).where('request_id', '=', id).execute();
      let progress: Record<string, unknown> = {};
      if (result === 'ok') {
        const { status, pausedDays } = await recordSteps(tx, context, request, ['email'], {});
        progress = { steps: ['email'], level: status.level, satisfied: status.satisfied, missing: status.missing, ...(pausedDays === null ? {} : { pausedDays }) };
      } else {
        await repo.addEvent(tx, { requestId: id, kind: 'verification_failed', actor: context.actor.name, details: { outcome: result } });
      }
      await audit.record(tx, context, { action: 'dsr.verify', outcome: result === 'ok' ? 'success' : 'failure', target: { type: 'dsr', id }, details: { method: 'email_code', outcome: result, ...progress } });
      return { result, attemptsLeft: Math.max(0, stored.max_attempts - after.attempts) };
    });
    const error = verificationError(outcome.result, outcome.attemptsLeft);
    if (error) throw error;
    return get(id);
  }

  /**
   * Records verification steps on a locked, open request. When they meet the request's level it
   * is verified (`verified_at`, status `verified`, the `verified` event) and, where the rule lets
   * the clock pause while identity is unverified, the days waited are added back; otherwise the
   * step is a `verification_step` event saying what is left. No personal value is recorded.
   */
  async function recordSteps(tx: Executor, context: AuditContext, request: RequestRow, steps: VerificationStep[], extra: Record<string, unknown>): Promise<{ status: VerificationStatus; pausedDays: number | null }> {
    const at = now();
    const before = verificationOf(request);
    const recorded = { ...(stateOf(request).steps ?? {}) };
    for (const step of steps) recorded[step] = { at: at.toISOString(), by: context.actor.name };
    const status = evaluateVerification({ level: before.level, agent: before.agent, done: VERIFICATION_STEPS.filter((s) => recorded[s]) });
    const state: VerificationState = { level: status.level, steps: recorded };
    await tx.updateTable('dsr_requests').set({ details: JSON.stringify({ ...(request.details ?? {}), verification: state }) }).where('id', '=', request.id).execute();
    const method = [...new Set(steps.map((s) => METHOD_OF[s]))].join('+');
    const progress = { method, steps, level: status.level, done: status.done, missing: status.missing };
    if (request.verified_at || !status.satisfied) {
      if (!request.verified_at && request.status === 'received') await repo.updateRequest(tx, request.id, { status: 'verifying' });
      await repo.addEvent(tx, { requestId: request.id, kind: 'verification_step', actor: context.actor.name, details: { ...progress, ...extra } });
      return { status, pausedDays: null };
    }
    const paused = Math.floor((at.getTime() - request.received_at.getTime()) / DAY_MS);
    const due = computeDueDate({ jurisdiction: request.jurisdiction, type: request.type as RequestType, receivedAt: request.received_at, pausedDays: paused, extended: request.extended_due_at !== null });
    await repo.updateRequest(tx, request.id, {
      status: 'verified',
      verified_at: at,
      verification_method: [...new Set(status.done.map((s) => METHOD_OF[s]))].join('+'),
      paused_days: due.pause.appliedDays,
      due_at: due.originalDueAt,
      ...(request.extended_due_at ? { extended_due_at: due.extendedDueAt } : {}),
    });
    await repo.addEvent(tx, { requestId: request.id, kind: 'verified', actor: context.actor.name, details: { ...progress, ...extra, pausedDays: due.pause.appliedDays } });
    return { status, pausedDays: due.pause.appliedDays };
  }

  function stateOf(request: RequestRow): VerificationState {
    const state = (request.details as { verification?: unknown } | null)?.verification;
    return state && typeof state === 'object' ? (state as VerificationState) : {};
  }

  /**
   * Where the request's verification stands. An open request needs the level it was received
   * under or, when the configuration now asks for more, the stricter level: tightening a type
   * applies to requests not yet verified, loosening never lowers one. A verified request keeps
   * the level it was verified under (requests verified before levels existed: `email`, with the
   * step read from the method).
   */
  function verificationOf(request: RequestRow): VerificationStatus {
    const state = stateOf(request);
    const recorded = isVerificationLevel(state.level) ? state.level : DEFAULT_VERIFICATION_LEVEL;
    const done = VERIFICATION_STEPS.filter((s) => state.steps?.[s]);
    const agent = Boolean(request.agent);
    if (request.verified_at) {
      const fromMethod = (request.verification_method ?? '').split('+').flatMap((m): VerificationStep[] => (m === 'email_code' ? ['email'] : m === 'staff' ? ['staff'] : []));
      return { level: recorded, agent, done: done.length > 0 ? done : fromMethod, missing: [], satisfied: true };
    }
    return evaluateVerification({ level: stricterLevel(recorded, levelFor(verification.levels, request.type)), agent, done });
  }

  /**
   * Closes a request by hand: rejected (manifestly unfounded, identity not proven), cancelled (the
   * subject withdrew it), or completed for what the engine does not execute, with what was done.
   */
  async function close(context: AuditContext, id: string, change: { status: 'rejected' | 'cancelled' | 'completed'; reason: string }) {
    await db.transaction().execute(async (tx) => {
      const request = await openRequest(tx, id);
      if (change.status === 'completed' && !request.verified_at) throw new CustosError('CONFLICT', `request ${id} is not verified; reject or cancel it instead`);
      await repo.updateRequest(tx, id, { status: change.status, completed_at: now(), result: { ...(request.result ?? {}), closedBy: 'staff', reason: change.reason } });
      await repo.addEvent(tx, { requestId: id, kind: change.status, actor: context.actor.name, details: { reason: change.reason } });
      await audit.record(tx, context, { action: `dsr.${change.status === 'completed' ? 'complete' : change.status === 'rejected' ? 'reject' : 'cancel'}`, target: { type: 'dsr', id }, details: { manual: true } });
    });
    return get(id);
  }

  /** Takes the extension the rule allows, with the reason sent to the subject. */
  async function extend(context: AuditContext, id: string, reason: string) {
    return db.transaction().execute(async (tx) => {
      const request = await openRequest(tx, id);
      if (request.extended_due_at) throw new CustosError('CONFLICT', `request ${id} was already extended`);
      const due = computeDueDate({ jurisdiction: request.jurisdiction, type: request.type as RequestType, receivedAt: request.received_at, pausedDays: request.paused_days, extended: true });
      if (due.extensionNoticeBy && now() > due.extensionNoticeBy) throw new CustosError('CONFLICT', `the extension had to be notified by ${due.extensionNoticeBy.toISOString()} (${due.rule.citation})`);
      await repo.updateRequest(tx, id, { extended_due_at: due.extendedDueAt, extension_reason: reason });
      await repo.addEvent(tx, { requestId: id, kind: 'extended', actor: context.actor.name, details: { reason, extendedDueAt: due.extendedDueAt?.toISOString() ?? null, rule: due.rule.citation } });
      await audit.record(tx, context, { action: 'dsr.extend', target: { type: 'dsr', id }, details: { extendedDueAt: due.extendedDueAt?.toISOString() ?? null } });
    }).then(() => get(id));
  }

  /** `lock` holds the row until the transaction ends, so two verification steps cannot both miss the other. */
  async function openRequest(tx: Executor, id: string, { lock = false } = {}) {
    const request = lock ? await tx.selectFrom('dsr_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : await repo.findRequest(tx, id);
    if (!request) throw new CustosError('NOT_FOUND', `no subject request with id ${id}`);
    if (CLOSED.includes(request.status)) throw new CustosError('CONFLICT', `request ${id} is ${request.status}`);
    return request;
  }

  /** The request as staff see it: identities masked, the clock, verification progress, the timeline. */
  async function get(id: string) {
    const request = await repo.findRequest(db, id);
    if (!request) throw new CustosError('NOT_FOUND', `no subject request with id ${id}`);
    const identities = await repo.listIdentities(db, id);
    const events = await repo.listEvents(db, id);
    const due = request.extended_due_at ?? request.due_at;
    return {
      id: request.id,
      type: request.type,
      status: request.status,
      jurisdiction: request.jurisdiction,
      subjectCountry: request.subject_country,
      channel: request.channel,
      agent: request.agent,
      identities: identities.map((i) => ({ kind: i.kind, masked: maskValue(secrets.open(i.value_sealed, `dsr:${id}:${i.kind}`)) })),
      receivedAt: request.received_at.toISOString(),
      verifiedAt: request.verified_at?.toISOString() ?? null,
      verificationMethod: request.verification_method,
      /** The level, the steps done and those left (`missing`), for staff to see what remains. */
      verification: verificationOf(request),
      dueAt: request.due_at.toISOString(),
      extendedDueAt: request.extended_due_at?.toISOString() ?? null,
      extensionReason: request.extension_reason,
      overdue: !CLOSED.includes(request.status) && due < now(),
      daysLeft: Math.ceil((due.getTime() - now().getTime()) / DAY_MS),
      result: request.result,
      completedAt: request.completed_at?.toISOString() ?? null,
      events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, actor: e.actor, details: e.details })),
    };
  }

  async function list(filter: { status?: RequestStatus | 'open' | 'overdue'; limit?: number } = {}) {
    const rows = await repo.listRequests(db, { ...(filter.status ? { status: filter.status } : {}), limit: filter.limit ?? 100, now: now() });
    return rows.map((r) => {
      const due = r.extended_due_at ?? r.due_at;
      return { id: r.id, type: r.type, status: r.status, jurisdiction: r.jurisdiction, channel: r.channel, receivedAt: r.received_at.toISOString(), dueAt: due.toISOString(), daysLeft: Math.ceil((due.getTime() - now().getTime()) / DAY_MS), overdue: !CLOSED.includes(r.status) && due < now() };
    });
  }

  /**
   * Restriction, objection, opt-out and consent withdrawal mark the subject (by each identity's
   * keyed hash) so that purpose and consent checks can deny the processing; the request is then
   * complete. Scope is what the subject named (e.g. direct marketing), else everything.
   */
  async function markSubject(context: AuditContext, id: string, scope = 'all') {
    const kinds = { restriction: 'restriction', objection: 'objection', opt_out: 'opt_out', consent_withdrawal: 'consent_withdrawal' } as const;
    await db.transaction().execute(async (tx) => {
      const request = await openRequest(tx, id);
      const kind = kinds[request.type as keyof typeof kinds];
      if (!kind) throw new CustosError('CONFLICT', `${request.type} requests do not mark the subject`);
      if (!request.verified_at) throw new CustosError('CONFLICT', `request ${id} is not verified`);
      const identities = await repo.listIdentities(tx, id);
      for (const identity of identities) {
        await tx.insertInto('dsr_subject_flags').values({ identity_hash: identity.value_hash, kind, scope, request_id: id, lifted_at: null }).onConflict((oc) => oc.columns(['identity_hash', 'kind', 'scope']).doUpdateSet({ request_id: id, lifted_at: null })).execute();
      }
      await repo.updateRequest(tx, id, { status: 'completed', completed_at: now(), result: { marked: kind, scope, identities: identities.length } });
      await repo.addEvent(tx, { requestId: id, kind: 'completed', actor: context.actor.name, details: { marked: kind, scope } });
      await audit.record(tx, context, { action: 'dsr.complete', target: { type: 'dsr', id }, details: { marked: kind, scope, identities: identities.length } });
    });
    return get(id);
  }

  /** Whether processing of this identity is restricted, objected to, opted out of or without consent. */
  async function flagsFor(identity: { kind: string; value: string }) {
    const rows = await db.selectFrom('dsr_subject_flags').selectAll().where('identity_hash', '=', hashOf(identity.kind, identity.value)).where('lifted_at', 'is', null).execute();
    return rows.map((r) => ({ kind: r.kind, scope: r.scope, since: r.since.toISOString(), requestId: r.request_id }));
  }

  /** The identities in clear, for the engine only (never returned by the API). */
  async function identitiesOf(id: string): Promise<{ kind: string; value: string }[]> {
    return (await repo.listIdentities(db, id)).map((i) => ({ kind: i.kind, value: secrets.open(i.value_sealed, `dsr:${id}:${i.kind}`) }));
  }

  /** A rectification's corrections in clear, for the engine only (never returned by the API). */
  async function correctionsOf(id: string): Promise<Record<string, string> | null> {
    const row = await repo.findRequest(db, id);
    if (!row) throw new CustosError('NOT_FOUND', `no request ${id}`);
    const sealed = (row.details as { correctionsSealed?: string }).correctionsSealed;
    return sealed ? (JSON.parse(secrets.open(sealed, 'dsr:corrections')) as Record<string, string>) : null;
  }

  return { submit, staffVerify, sendVerification, verifyCode, extend, close, markSubject, flagsFor, get, list, identitiesOf, correctionsOf, hashOf };
}
