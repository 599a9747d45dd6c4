/**
 * The response a subject receives when their request is complete: what was done, in counts and
 * reasons (records found, deleted, pseudonymised, corrected, kept and why), never a value, a table
 * name or another person's data. Plain text and a minimal HTML part, like the verification message.
 */
import { escapeHtml } from '../reports/render/html.js';

export interface ResponseSummary {
  systems: { system: string; status: string; tables: { table: string; matched: number; deleted: number; updated: number; retained: number; retainReason?: string }[] }[];
  manualTasks?: { system: string; status: string }[];
  marked?: string;
}

export interface ResponseInput {
  organisation: string;
  requestId: string;
  type: string;
  receivedAt: Date;
  completedAt: Date;
  summary: ResponseSummary;
}

export interface ResponseMessage {
  subject: string;
  text: string;
  html: string;
}

/** [what the subject asked for, a short name for the subject line]. */
const WORDING: Record<string, [string, string]> = {
  access: ['for access to your personal data', 'access request'],
  portability: ['for a copy of your personal data to take elsewhere', 'data portability request'],
  rectification: ['to correct your personal data', 'correction request'],
  erasure: ['to erase your personal data', 'erasure request'],
  restriction: ['to restrict the use of your personal data', 'restriction request'],
  objection: ['to stop using your personal data', 'objection'],
  opt_out: ['not to sell or share your personal information', 'opt-out request'],
  consent_withdrawal: ['to withdraw your consent', 'consent withdrawal'],
};

const MARKED: Record<string, string> = {
  restriction: 'We have restricted the use of your personal data: from now on it is kept but not used, except as the law allows.',
  objection: 'We have recorded your objection: we no longer use your personal data for the purposes you objected to.',
  opt_out: 'We have recorded your choice: we do not sell or share your personal information.',
  consent_withdrawal: 'We have recorded the withdrawal of your consent: we no longer use your personal data on the basis of that consent.',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The sentences that say what was done, from the run's counts. */
export function whatWasDone(type: string, summary: ResponseSummary): string[] {
  const tables = summary.systems.flatMap((s) => s.tables);
  const places = summary.systems.filter((s) => s.tables.some((t) => t.matched > 0)).length;
  const sum = (pick: (t: ResponseSummary['systems'][number]['tables'][number]) => number) => tables.reduce((n, t) => n + pick(t), 0);
  const lines: string[] = [];
  if (summary.marked) lines.push(MARKED[summary.marked] ?? 'We have recorded your request.');
  else if (type === 'access' || type === 'portability') {
    lines.push(sum((t) => t.matched) ? `We found ${plural(sum((t) => t.matched), 'record')} about you in ${plural(places, 'system')}. Your copy has been prepared and will be sent to you through a secure channel.` : 'We found no personal data about you in the systems we searched.');
  } else if (type === 'rectification') {
    lines.push(sum((t) => t.updated) ? `We corrected your personal data in ${plural(sum((t) => t.updated), 'record')}.` : 'Your personal data already matched the corrections you gave; nothing needed to change.');
  } else if (type === 'erasure') {
    const deleted = sum((t) => t.deleted);
    const updated = sum((t) => t.updated);
    if (!sum((t) => t.matched)) lines.push('We found no personal data about you in the systems we searched.');
    if (deleted) lines.push(`We deleted ${plural(deleted, 'record')}.`);
    if (updated) lines.push(`In ${plural(updated, 'record')} that must stay (for example because the law requires us to keep them, or because they are also about someone else), we replaced your details with a meaningless code.`);
    const reasons = [...new Set(tables.filter((t) => t.retained > 0 && t.retainReason).map((t) => t.retainReason!))];
    if (reasons.length) lines.push(`We kept some records because we must: ${reasons.join('; ')}.`);
  }
  const manual = summary.manualTasks ?? [];
  if (manual.length) lines.push(`The teams responsible for ${plural(manual.length, 'other system')} handled your request there.`);
  return lines;
}

export function responseMessage(input: ResponseInput): ResponseMessage {
  const organisation = input.organisation.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 120) || 'the organisation';
  const [asked, short] = WORDING[input.type] ?? ['about your personal data', 'request'];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const intro = `On ${day(input.receivedAt)} you asked ${organisation} ${asked}. We completed your request on ${day(input.completedAt)}.`;
  const done = whatWasDone(input.type, input.summary);
  const closing = [`Your reference: ${input.requestId}.`, 'If you have a question, reply to this message. You also have the right to complain to a data protection supervisory authority.'];
  const subject = `Your ${short} to ${organisation} is complete`;
  const text = ['Hello,', '', intro, '', ...done.map((l) => `- ${l}`), '', ...closing, '', organisation, ''].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    '<p>Hello,</p>',
    `<p>${escapeHtml(intro)}</p>`,
    `<ul>${done.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    ...closing.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p>${escapeHtml(organisation)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}
