/**
 * The e-mail that carries a verification code: subject, plain text and a minimal HTML part (no
 * images, links, scripts or external resources). Every value is escaped for HTML, and the
 * organisation's name is flattened to one line of printable characters wherever it appears.
 */
import { escapeHtml } from '../../reports/render/html.js';

export interface VerificationMessageInput {
  /** The organisation that received the request, as the subject knows it. */
  organisation: string;
  /** access, portability, rectification, erasure, restriction, objection, opt_out (or opt-out), consent_withdrawal. */
  requestType: string;
  code: string;
  expiresAt: Date;
  /** For "expires in N minutes"; defaults to the current time. */
  now?: Date;
}

export interface VerificationMessage {
  subject: string;
  text: string;
  html: string;
}

/** [what the subject asked for, after "asked <organisation>"; a short name for the subject line]. */
const REQUEST_WORDING: Record<string, [string, string]> = {
  access: ['for access to your personal data', 'access request'],
  portability: ['for a copy of your personal data to take elsewhere', 'data portability request'],
  rectification: ['to correct your personal data', 'correction request'],
  erasure: ['to erase your personal data', 'erasure request'],
  restriction: ['to restrict the use of your personal data', 'restriction request'],
  objection: ['to stop using your personal data (objection)', 'objection'],
  opt_out: ['not to sell or share your personal information', 'opt-out request'],
  consent_withdrawal: ['to withdraw your consent', 'consent withdrawal'],
};

export function verificationMessage(input: VerificationMessageInput): VerificationMessage {
  if (!/^\d{4,12}$/.test(input.code)) throw new Error('a verification code is 4 to 12 digits');
  const organisation = oneLine(input.organisation, 120) || 'the organisation';
  const type = input.requestType.trim().toLowerCase().replace(/-/g, '_');
  const [asked, short] = REQUEST_WORDING[type] ?? [`about your personal data (${oneLine(type, 40)})`, 'request'];
  const minutes = Math.max(1, Math.round((input.expiresAt.getTime() - (input.now ?? new Date()).getTime()) / 60_000));
  const expiry = `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, at ${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

  const subject = `Your verification code for your ${short} to ${organisation}`;
  const lines = {
    intro: `You, or someone using this e-mail address, asked ${organisation} ${asked}.`,
    prompt: 'To confirm that this address is yours, enter this code:',
    expiry: `The code expires in ${expiry}. Do not share it with anyone.`,
    ignore: 'If you did not ask for this, ignore this message: nothing will be done without the code.',
  };
  const text = ['Hello,', '', lines.intro, lines.prompt, '', `    ${input.code}`, '', lines.expiry, '', lines.ignore, '', `${organisation}`, ''].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family: sans-serif; line-height: 1.5">',
    '<p>Hello,</p>',
    `<p>${escapeHtml(lines.intro)} ${escapeHtml(lines.prompt)}</p>`,
    `<p style="font-size: 1.6em; font-weight: bold; letter-spacing: 0.2em">${escapeHtml(input.code)}</p>`,
    `<p>${escapeHtml(lines.expiry)}</p>`,
    `<p>${escapeHtml(lines.ignore)}</p>`,
    `<p>${escapeHtml(organisation)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

/** Control characters and line breaks become spaces (no header or layout injection), runs collapse, long names are cut. */
function oneLine(value: string, max: number): string {
  const flat = value.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
