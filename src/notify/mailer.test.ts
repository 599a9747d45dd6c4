/**
 * The mailer against a real SMTP server (smtp-server) on loopback: plain, STARTTLS and implicit
 * TLS with a self-signed certificate made here with openssl (the TLS cases are skipped, and say
 * so, where openssl is missing), logins accepted and refused, and servers that refuse or never
 * answer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmtpConfig } from '../config/config.js';
import { CustosError } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { createMailer, type Mailer } from './mailer.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
  secure: boolean;
  user: unknown;
}

const USER = 'mailer-user';
const PASSWORD = 'correct horse battery staple';
const RECIPIENT = 'ana.silva@example.org';

const cert = makeCertificate();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function makeCertificate(): { key: Buffer; cert: Buffer; file: string } | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'custos-smtp-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  } catch {
    console.warn('[custos tests] openssl not found: the STARTTLS and implicit-TLS mailer tests are skipped');
    return undefined;
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), file: certFile };
}

async function startServer(options: { auth?: boolean; tls?: boolean; secure?: boolean; rejectRecipient?: boolean } = {}): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const serverOptions: SMTPServerOptions = {
    logger: false,
    disableReverseLookup: true,
    secure: options.secure ?? false,
    ...(options.tls ? {} : { hideSTARTTLS: true, disabledCommands: ['STARTTLS'] }),
    authOptional: !options.auth,
    authMethods: ['PLAIN', 'LOGIN'],
    ...(options.tls || options.secure ? { key: cert!.key, cert: cert!.cert } : {}),
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient) callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected`), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          user: session.user,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as net.AddressInfo).port, received };
}

function logSink(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { lines, logger };
}

function mailer(smtp: Partial<SmtpConfig>, logger = logSink().logger): Mailer {
  const m = createMailer({ host: '127.0.0.1', secure: false, starttls: 'none', from: 'Example Privacy <privacy@example.com>', timeoutSeconds: 5, ...smtp }, logger);
  cleanups.push(() => m.close());
  return m;
}

async function failure(promise: Promise<unknown>): Promise<CustosError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CustosError) return err;
    throw err;
  }
  throw new Error('expected a CustosError');
}

const MESSAGE = { to: RECIPIENT, subject: 'Your verification code', text: 'Your code is 123456.\nIt expires in 15 minutes.', html: '<p>Your code is <b>123456</b>.</p>' };

describe('mailer over SMTP', () => {
  it('delivers a message without TLS or login, with text and HTML parts', async () => {
    const { port, received } = await startServer();
    const { lines, logger } = logSink();
    const m = mailer({ port }, logger);
    await m.verify();
    const { messageId } = await m.send(MESSAGE);
    expect(messageId).toMatch(/^<.+@.+>$/);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.from).toBe('privacy@example.com');
    expect(mail!.to).toEqual([RECIPIENT]);
    expect(mail!.raw).toMatch(/^From: Example Privacy <privacy@example\.com>$/m);
    expect(mail!.raw).toMatch(/^To: ana\.silva@example\.org$/m);
    expect(mail!.raw).toMatch(/^Subject: Your verification code$/m);
    expect(mail!.raw).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(mail!.raw).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(mail!.raw).toContain('Your code is 123456.');
    expect(mail!.raw).toContain('<p>Your code is <b>123456</b>.</p>');
    expect(mail!.secure).toBe(false);
    // The log names the recipient's domain, never the address.
    const log = lines.join('');
    expect(log).toContain('"toDomain":"example.org"');
    expect(log).toContain(`"server":"127.0.0.1:${port}"`);
    expect(log).not.toContain('ana.silva');
  });

  it.runIf(cert)('upgrades with STARTTLS, checks the certificate against smtp.caFile, and logs in', async () => {
    const { port, received } = await startServer({ tls: true, auth: true });
    const { lines, logger } = logSink();
    const m = mailer({ port, starttls: 'require', caFile: cert!.file, user: USER, password: PASSWORD }, logger);
    await m.verify();
    await m.send({ to: RECIPIENT, subject: 'Over TLS', text: 'hello' });
    expect(received[0]).toMatchObject({ secure: true, user: USER, to: [RECIPIENT] });
    expect(received[0]!.raw).toMatch(/^Subject: Over TLS$/m);
    expect(lines.join('')).not.toContain(PASSWORD);
  });

  it.runIf(cert)('with opportunistic STARTTLS, upgrades when offered and sends in plain text otherwise', async () => {
    const offering = await startServer({ tls: true });
    await mailer({ port: offering.port, starttls: 'opportunistic', caFile: cert!.file }).send(MESSAGE);
    expect(offering.received[0]!.secure).toBe(true);
    const plain = await startServer();
    await mailer({ port: plain.port, starttls: 'opportunistic' }).send(MESSAGE);
    expect(plain.received[0]!.secure).toBe(false);
  });

  it.runIf(cert)('speaks implicit TLS (secure) from the first byte', async () => {
    const { port, received } = await startServer({ secure: true, auth: true });
    const m = mailer({ port, secure: true, caFile: cert!.file, user: USER, password: PASSWORD });
    await m.send({ to: RECIPIENT, subject: 'Implicit TLS', text: 'hello' });
    expect(received[0]).toMatchObject({ secure: true, user: USER });
  });

  it.runIf(cert)('refuses a certificate it cannot verify, naming the server and the remedy', async () => {
    const { port, received } = await startServer({ tls: true });
    const err = await failure(mailer({ port, starttls: 'require' }).send(MESSAGE));
    expect(err.code).toBe('MAIL_FAILED');
    expect(err.message).toContain(`SMTP server 127.0.0.1:${port}: TLS failed`);
    expect(err.message).toContain('CUSTOS_SMTP_CA_FILE');
    expect(received).toHaveLength(0);
  });

  it('tells implicit TLS against a plain port apart', async () => {
    const { port } = await startServer();
    const err = await failure(mailer({ port, secure: true }).send(MESSAGE));
    expect(err.message).toBe(`SMTP server 127.0.0.1:${port} does not speak TLS from the first byte; set CUSTOS_SMTP_SECURE=false to use STARTTLS, or use the implicit-TLS port (465)`);
  });

  it('fails clearly when STARTTLS is required but not offered', async () => {
    const { port, received } = await startServer();
    const err = await failure(mailer({ port, starttls: 'require' }).send(MESSAGE));
    expect(err.code).toBe('MAIL_FAILED');
    expect(err.message).toMatch(new RegExp(`^SMTP server 127\\.0\\.0\\.1:${port} does not accept STARTTLS \\(server said: 500 .*\\), which CUSTOS_SMTP_STARTTLS=require needs`));
    expect(received).toHaveLength(0);
  });

  it('reports a refused login without the password or the recipient', async () => {
    const { port } = await startServer({ tls: Boolean(cert), auth: true });
    const { lines, logger } = logSink();
    const wrong = 'not-the-password-42';
    const tls: Partial<SmtpConfig> = cert ? { starttls: 'require', caFile: cert.file } : {};
    const m = mailer({ port, ...tls, user: USER, password: wrong }, logger);
    const err = await failure(m.send(MESSAGE));
    expect(err.code).toBe('MAIL_FAILED');
    expect(err.status).toBe(502);
    expect(err.message).toContain(`SMTP server 127.0.0.1:${port} refused the login`);
    expect(err.message).toContain('535');
    for (const text of [err.message, lines.join('')]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(RECIPIENT);
    }
    expect((await failure(m.verify())).message).toContain('refused the login');
  });

  it('scrubs the recipient from a server reply that rejects it', async () => {
    const { port } = await startServer({ rejectRecipient: true });
    const { lines, logger } = logSink();
    const err = await failure(mailer({ port }, logger).send(MESSAGE));
    expect(err.message).toContain('refused the sender or the recipient');
    expect(err.message).toContain('550');
    expect(err.message).not.toContain(RECIPIENT);
    expect(lines.join('')).not.toContain('ana.silva');
  });

  it('reports a port where nothing listens', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const started = Date.now();
    const err = await failure(mailer({ port }).send(MESSAGE));
    expect(err.code).toBe('MAIL_FAILED');
    expect(err.message).toBe(`SMTP server 127.0.0.1:${port} refused the connection (nothing listening on that port?)`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('gives up on a server that never greets within the timeout', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      silent.close(() => resolve());
    }));
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const err = await failure(mailer({ port, timeoutSeconds: 1 }).send(MESSAGE));
    const elapsed = Date.now() - started;
    expect(err.message).toBe(`SMTP server 127.0.0.1:${port} did not answer within 1 s (CUSTOS_SMTP_TIMEOUT_SECONDS)`);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(4000);
  });

  it('sends to exactly one recipient', async () => {
    const { port, received } = await startServer();
    const m = mailer({ port });
    for (const to of ['ana@example.org, eve@example.net', 'Ana <ana@example.org>', 'ana@example.org\r\nBcc: eve@example.net', 'not-an-address']) {
      const err = await failure(m.send({ ...MESSAGE, to }));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.message).not.toContain('example');
    }
    expect(received).toHaveLength(0);
  });
});

describe('mailer when SMTP is not configured', () => {
  it('is a null mailer that says what to set', async () => {
    const m = createMailer({ secure: false, starttls: 'require', timeoutSeconds: 15 }, logSink().logger);
    expect(m.configured).toBe(false);
    const err = await failure(m.send(MESSAGE));
    expect(err.code).toBe('MAIL_NOT_CONFIGURED');
    expect(err.message).toMatch(/^SMTP is not configured: set CUSTOS_SMTP_HOST/);
    expect((await failure(m.verify())).code).toBe('MAIL_NOT_CONFIGURED');
    m.close();
  });

  it('keeps the SMTP password out of a logged configuration', () => {
    const { lines, logger } = logSink();
    logger.info({ config: { smtp: { host: 'smtp.example.com', password: PASSWORD } }, smtp: { password: PASSWORD } }, 'configuration');
    expect(lines.join('')).not.toContain(PASSWORD);
    expect(lines.join('')).toContain('smtp.example.com');
  });

  it('names an unreadable CA file', () => {
    expect(() => createMailer({ host: '127.0.0.1', from: 'a@example.com', secure: false, starttls: 'require', timeoutSeconds: 5, caFile: '/nonexistent/ca.pem' }, logSink().logger)).toThrow(/smtp\.caFile: cannot read \/nonexistent\/ca\.pem \(ENOENT\)/);
  });
});
