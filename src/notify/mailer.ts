/**
 * Outgoing mail over SMTP (nodemailer): verification codes and responses to data subjects.
 *
 * One connection per message (no pool, so a CLI command exits as soon as it is done), every wait
 * bounded by `smtp.timeoutSeconds`, TLS 1.2 or later, and certificates always verified (a private
 * CA is trusted through `smtp.caFile`, never by switching verification off). Errors and log lines
 * name the server (host:port) and what went wrong, never the password and never the recipient's
 * address: only its domain is logged, and server replies are scrubbed of addresses.
 */
import { readFileSync } from 'node:fs';
import nodemailer, { type SMTPTransportOptions, type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config/config.js';
import { CustosError } from '../lib/errors.js';
import { scrubText, type Logger } from '../lib/logger.js';

export interface MailMessage {
  /** One address, `name@example.com`; lists and display names are refused. */
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** False for the null mailer: the caller can tell users that mail is off before trying. */
  readonly configured: boolean;
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** Connects, upgrades to TLS and logs in, without sending anything. */
  verify(): Promise<void>;
  close(): void;
}

const NOT_CONFIGURED =
  'SMTP is not configured: set CUSTOS_SMTP_HOST and CUSTOS_SMTP_FROM (or smtp.host and smtp.from in custos.yaml) to send mail';

/** A single bare address; anything that could name a second recipient (`,` `;` `<` whitespace) is refused. */
const SINGLE_ADDRESS = /^[^\s@,;<>()"\\[\]:]+@[^\s@,;<>()"\\[\]:]+\.[^\s@,;<>()"\\[\]:]+$/u;

export function createMailer(smtp: SmtpConfig, logger: Logger): Mailer {
  if (!smtp.host) return createNullMailer();
  if (!smtp.from) throw new CustosError('CONFIG_INVALID', 'configuration error: smtp.from is required when smtp.host is set');
  const host = smtp.host;
  const port = smtp.port ?? (smtp.secure ? 465 : 587);
  const server = `${host}:${port}`;
  const timeoutMs = smtp.timeoutSeconds * 1000;
  const log = logger.child({ component: 'mailer', server });

  let ca: Buffer | undefined;
  if (smtp.caFile) {
    try {
      ca = readFileSync(smtp.caFile);
    } catch (err) {
      throw new CustosError('CONFIG_INVALID', `configuration error: smtp.caFile: cannot read ${smtp.caFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const encrypted = smtp.secure || smtp.starttls === 'require';
  if (smtp.user && !encrypted && !isLoopback(host)) {
    log.warn({ starttls: smtp.starttls }, 'SMTP credentials may be sent without TLS; set CUSTOS_SMTP_SECURE=true or CUSTOS_SMTP_STARTTLS=require');
  }

  const options: SMTPTransportOptions = {
    host,
    port,
    secure: smtp.secure,
    requireTLS: !smtp.secure && smtp.starttls === 'require',
    ignoreTLS: !smtp.secure && smtp.starttls === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    socketCloseTimeout: Math.min(timeoutMs, 5000),
    tls: { minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) },
    // Message fields are our own text; never let them pull in files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  };
  const transport: Transporter = nodemailer.createTransport(options);
  const fail = (err: unknown, action: string, toDomain?: string): CustosError => {
    const error = describeFailure(err, { server, action, timeoutSeconds: smtp.timeoutSeconds, password: smtp.password });
    log.warn({ event: 'mail.failed', action, toDomain, smtpCode: (err as { code?: string }).code, responseCode: (err as { responseCode?: number }).responseCode }, error.message);
    return error;
  };

  return {
    configured: true,
    async send(message) {
      const to = message.to.trim();
      if (!SINGLE_ADDRESS.test(to)) throw new CustosError('VALIDATION_FAILED', 'the recipient is not a single e-mail address', { details: [{ field: 'to', message: 'expected one address, name@example.com' }] });
      const toDomain = to.slice(to.lastIndexOf('@') + 1).toLowerCase();
      try {
        const info = (await transport.sendMail({
          from: smtp.from,
          to,
          subject: message.subject.replace(/[\r\n]+/g, ' '),
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          // RFC 3834: no out-of-office replies to machine-sent mail.
          headers: { 'Auto-Submitted': 'auto-generated' },
        })) as { messageId: string };
        log.info({ event: 'mail.sent', toDomain, messageId: info.messageId }, 'mail sent');
        return { messageId: info.messageId };
      } catch (err) {
        throw fail(err, 'send', toDomain);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (err) {
        throw fail(err, 'verify');
      }
    },
    close() {
      transport.close();
    },
  };
}

/** The mailer when no SMTP server is configured: every use fails with MAIL_NOT_CONFIGURED. */
export function createNullMailer(): Mailer {
  const refuse = (): never => {
    throw new CustosError('MAIL_NOT_CONFIGURED', NOT_CONFIGURED);
  };
  return {
    configured: false,
    send: async () => refuse(),
    verify: async () => refuse(),
    close() {},
  };
}

interface FailureContext {
  server: string;
  action: string;
  timeoutSeconds: number;
  password?: string;
}

function describeFailure(err: unknown, context: FailureContext): CustosError {
  const { server } = context;
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string; errno?: string };
  const reply = serverReply(e, context.password);
  const messages: Record<string, string> = {
    EAUTH: `SMTP server ${server} refused the login${reply}; check CUSTOS_SMTP_USER and CUSTOS_SMTP_PASSWORD`,
    ENOAUTH: `SMTP server ${server} needs a login; set CUSTOS_SMTP_USER and CUSTOS_SMTP_PASSWORD`,
    ETIMEDOUT: `SMTP server ${server} did not answer within ${context.timeoutSeconds} s (CUSTOS_SMTP_TIMEOUT_SECONDS)`,
    EDNS: `SMTP server ${server}: the host name could not be resolved`,
    ETLS: e.response
      ? `SMTP server ${server} does not accept STARTTLS${reply}, which CUSTOS_SMTP_STARTTLS=require needs; use CUSTOS_SMTP_SECURE=true if the port speaks implicit TLS`
      : `SMTP server ${server}: TLS failed: ${clean(e.message, context.password)}; with a private CA set CUSTOS_SMTP_CA_FILE, or check CUSTOS_SMTP_SECURE and CUSTOS_SMTP_STARTTLS`,
    EENVELOPE: `SMTP server ${server} refused the sender or the recipient${reply}`,
    EMESSAGE: `SMTP server ${server} refused the message${reply}`,
  };
  let message = e.code ? messages[e.code] : undefined;
  if (/wrong version number/i.test(e.message ?? '')) message = `SMTP server ${server} does not speak TLS from the first byte; set CUSTOS_SMTP_SECURE=false to use STARTTLS, or use the implicit-TLS port (465)`;
  if (!message && /ECONNREFUSED/.test(`${e.errno ?? ''} ${e.message ?? ''}`)) message = `SMTP server ${server} refused the connection (nothing listening on that port?)`;
  if (!message && e.code === 'ESOCKET' && /TLS|SSL|certificate/i.test(e.message ?? '')) message = messages.ETLS;
  message ??= `SMTP ${context.action} through ${server} failed: ${clean(e.message, context.password)}${reply}`;
  return new CustosError('MAIL_FAILED', message);
}

function serverReply(e: { responseCode?: number; response?: string }, password?: string): string {
  if (!e.response) return '';
  return ` (server said: ${clean(e.response, password)})`;
}

/** A server's words, safe to show: one line, no addresses, no password, bounded. */
function clean(text: string | undefined, password?: string): string {
  let out = scrubText((text ?? 'unknown error').replace(/\s+/g, ' ').trim());
  if (password) out = out.split(password).join('[redacted]');
  return out.length > 200 ? `${out.slice(0, 197)}...` : out;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
