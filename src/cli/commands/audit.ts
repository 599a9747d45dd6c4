import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { verifyExportFile } from '../../audit/audit.service.js';
import type { VerifyReport } from '../../audit/audit.types.js';
import { CustosError } from '../../lib/errors.js';
import { action, CLI_ACTOR, withApp } from '../context.js';
import { printJson, say } from '../output.js';

/** Opens a new file for the export, or says plainly why it cannot (exists, no such folder). */
function openForWriting(file: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    stream.once('open', () => resolve(stream));
    stream.once('error', (err: NodeJS.ErrnoException) => {
      const reason = err.code === 'EEXIST' ? 'it already exists (choose another name; exports are never overwritten)' : err.code === 'ENOENT' ? 'its folder does not exist' : err.code ?? err.message;
      reject(new CustosError('VALIDATION_FAILED', `cannot write ${file}: ${reason}`));
    });
  });
}

function readPublicKey(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    throw new CustosError('VALIDATION_FAILED', `cannot read the public key file ${file}`);
  }
  try {
    if (createPublicKey(pem).asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
  } catch {
    throw new CustosError('VALIDATION_FAILED', `${file} is not an Ed25519 public key in PEM form (see custos audit public-key)`);
  }
  return pem;
}

function report(result: VerifyReport, json: boolean, note?: string): number {
  if (json) printJson(result);
  else if (result.ok) {
    say(`audit chain intact: ${result.checkedEvents} events, ${result.checkpoints} signed checkpoint${result.checkpoints === 1 ? "" : "s"}, last event ${result.lastSeq}` + (result.unsignedEvents ? ` (${result.unsignedEvents} after the last checkpoint, covered by the hash chain)` : ''));
  } else {
    const first = result.problems[0]!;
    say(`audit chain BROKEN: first bad event ${first.seq} (${first.kind}): ${first.message}`);
    for (const problem of result.problems.slice(1, 10)) say(`  event ${problem.seq} (${problem.kind}): ${problem.message}`);
    if (result.problems.length > 10) say(`  … and ${result.problems.length - 10} more`);
  }
  if (note && !json) say(note);
  return result.ok ? 0 : 1;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('verify and export the tamper-evident audit log');

  audit
    .command('verify')
    .description('walk the hash chain and check the signed checkpoints; exits 1 naming the first bad event')
    .option('--file <file>', 'verify an exported JSONL file offline, without a store')
    .option('--public-key <pem>', 'the Ed25519 public key to trust (PEM file); pins who signed')
    .option('--json', 'print the report as JSON')
    .action(
      action(async (options: { file?: string; publicKey?: string; json?: boolean }, command: Command) => {
        const keys = options.publicKey ? [readPublicKey(options.publicKey)] : undefined;
        if (options.file) {
          const result = await verifyExportFile(options.file, keys);
          const note = result.keySource === 'file' ? 'note: the public key was taken from the file itself; pass --public-key to check who signed it' : undefined;
          return report(result, options.json ?? false, note);
        }
        return withApp(command, async (app) => report(await app.audit.verify(keys), options.json ?? false));
      }),
    );

  audit
    .command('export')
    .description('write the whole log as JSONL (header with public key, checkpoints, events)')
    .option('-o, --out <file>', 'file to write (default: standard output)')
    .action(
      action(async (options: { out?: string }, command: Command) =>
        withApp(command, async (app) => {
          const out = options.out ? await openForWriting(options.out) : process.stdout;
          const result = await app.audit.exportJsonl({ actor: CLI_ACTOR() }, out);
          if (options.out) {
            out.end();
            await finished(out);
            say(`wrote ${result.events} events to ${options.out}; verify it with: custos audit verify --file ${options.out}`);
          }
        }),
      ),
    );

  audit
    .command('public-key')
    .description('print the Ed25519 public key that verifies checkpoint signatures (PEM)')
    .action(
      action(async (_options: unknown, command: Command) =>
        withApp(command, async (app) => {
          process.stdout.write(app.audit.publicKey.publicKeyPem);
        }),
      ),
    );
}
