/** Legal holds from the terminal: `custos holds add|list|release`. */
import { InvalidArgumentError, type Command } from 'commander';
import { CustosError } from '../../lib/errors.js';
import { action, CLI_ACTOR, withApp } from '../context.js';
import { printJson, printTable, say } from '../output.js';

/** `shop/public.payments` → system, schema, table. */
function tableRef(value: string): { system: string; schema: string; table: string } {
  const m = /^([^/]+)\/(?:([^.]+)\.)?(.+)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected SYSTEM/SCHEMA.TABLE, e.g. shop/public.payments');
  return { system: m[1]!, schema: m[2] ?? '', table: m[3]! };
}

export function registerHoldsCommand(program: Command): void {
  const holds = program.command('holds').description('legal holds: data an erasure must keep while a matter is open');

  holds
    .command('add')
    .description('place a hold on a system, a table, a data category or one subject (by e-mail)')
    .option('--system <name>', 'every table of a system')
    .option('--table <system/schema.table>', 'one table', tableRef)
    .option('--category <key>', 'a data category, e.g. user.financial')
    .option('--email <email>', 'one subject, by e-mail (stored only as a keyed hash)')
    .requiredOption('--reason <text>', 'why the data must be kept (repeated to the subject in the response)')
    .option('--matter <ref>', 'the case or order it belongs to')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { system?: string; table?: { system: string; schema: string; table: string }; category?: string; email?: string; reason: string; matter?: string; json?: boolean }, command: Command) => {
        const scopes = [options.table ? 'table' : null, options.system && !options.table ? 'system' : null, options.category ? 'category' : null, options.email ? 'subject' : null].filter(Boolean);
        if (scopes.length !== 1) throw new CustosError('VALIDATION_FAILED', 'name exactly one of --system, --table, --category or --email');
        const common = { reason: options.reason, ...(options.matter ? { matter: options.matter } : {}) };
        const input = options.table
          ? { scope: 'table', ...options.table, ...common }
          : options.system
            ? { scope: 'system', system: options.system, ...common }
            : options.category
              ? { scope: 'category', category: options.category, ...common }
              : { scope: 'subject', identity: { kind: 'email', value: options.email }, ...common };
        return withApp(command, async (app) => {
          const hold = await app.holds.add({ actor: CLI_ACTOR() }, input);
          if (options.json) return printJson({ hold });
          process.stdout.write(`${hold.id}\n`);
          say(`${hold.scope} hold placed: ${hold.reason}`);
        });
      }),
    );

  holds
    .command('list')
    .description('holds in force')
    .option('--all', 'released holds too')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { all?: boolean; json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const list = await app.holds.list({ all: options.all ?? false });
          if (options.json) return printJson({ holds: list });
          if (!list.length) return say('no legal holds in force');
          printTable(list.map((h) => ({ ...h, covers: h.scope === 'subject' ? '(a subject)' : h.scope === 'table' ? `${h.system}/${h.schema ? `${h.schema}.` : ''}${h.table}` : (h.system ?? h.category ?? '') })), ['id', 'scope', 'covers', 'reason', 'matter', 'createdAt', 'releasedAt']);
        }),
      ),
    );

  holds
    .command('release <id>')
    .description('release a hold (it stays on record, with who released it and when)')
    .action(
      action(async (id: string, _options: unknown, command: Command) =>
        withApp(command, async (app) => {
          const hold = await app.holds.release({ actor: CLI_ACTOR() }, id);
          say(`released ${hold.id}`);
        }),
      ),
    );
}
