/** What a subject request is made of, as the API, the portal and the CLI accept it. */
import { z } from 'zod';
import { REQUEST_TYPES } from './dsr.tables.js';

const COUNTRY = /^[A-Z]{2}$/;

export const IdentitySchema = z.object({
  kind: z.enum(['email', 'phone_number', 'account_id', 'national_id', 'device_id']),
  value: z.string().trim().min(1).max(320).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters'),
}).strict().superRefine((identity, ctx) => {
  if (identity.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(identity.value)) ctx.addIssue({ code: 'custom', message: 'not an e-mail address', path: ['value'] });
});

export const SubmitRequestSchema = z.object({
  type: z.enum(REQUEST_TYPES),
  identities: z.array(IdentitySchema).min(1).max(10),
  jurisdiction: z.string().trim().toUpperCase().min(2).max(20).optional(),
  subjectCountry: z.string().trim().toUpperCase().regex(COUNTRY, 'an ISO 3166-1 alpha-2 country code').optional(),
  /** Field-level corrections for rectification: { "user.contact.phone_number": "+44 …" } or by column. */
  corrections: z.record(z.string().min(1).max(200), z.string().max(2000)).optional(),
  /** A person acting for the subject (CCPA authorised agent, a lawyer, a parent). */
  agent: z.object({ name: z.string().trim().min(1).max(200), relationship: z.string().max(200).optional(), authorisation: z.string().max(2000).optional() }).strict().optional(),
  note: z.string().max(5000).optional(),
}).strict();
export type SubmitRequestInput = z.input<typeof SubmitRequestSchema>;

export const StaffVerifySchema = z.object({
  note: z.string().trim().min(3, 'say how the identity was checked').max(2000),
  /**
   * What was checked: the subject's identity, or an authorised agent's authorisation. Left out,
   * the note covers every check still missing that staff can make (see DsrService.staffVerify).
   */
  check: z.enum(['identity', 'agent']).optional(),
}).strict();
export const ExtendSchema = z.object({ reason: z.string().trim().min(3, 'give the reason sent to the subject').max(2000) }).strict();
