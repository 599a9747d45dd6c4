/** A real SMTP server on loopback for tests that need to read the mail Custos sends. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  raw: string;
}

export interface TestSmtp {
  port: number;
  mails: CapturedMail[];
  /** The smtp config section pointing at this server (plain SMTP on loopback, no login). */
  config: { host: string; port: number; from: string; starttls: 'none' };
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    hideSTARTTLS: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, config: { host: '127.0.0.1', port, from: 'privacy@shop.example', starttls: 'none' }, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The first run of 6–10 digits in a message's text: the verification code. */
export function codeFrom(mail: CapturedMail): string {
  const body = mail.raw.split(/\r?\n\r?\n/).slice(1).join('\n');
  const match = /\b(\d{6,10})\b/.exec(body);
  if (!match) throw new Error('no code in the message');
  return match[1]!;
}
