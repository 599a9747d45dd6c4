import type { Command } from 'commander';
import { CreateApiKeyBodySchema, RoleSchema } from '../../identity/identity.schemas.js';
import { CustosError } from '../../lib/errors.js';
import { action, CLI_ACTOR, validated, withApp } from '../context.js';
import { printJson, printTable, say } from '../output.js';

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage API keys');

  keys
    .command('create')
    .description('create an API key; it is printed once and stored only as a hash')
    .requiredOption('--role <role>', `one of ${RoleSchema.options.join(', ')}`)
    .requiredOption('--name <name>', 'what the key is for, e.g. "ci-gate"')
    .option('--json', 'print {"key": …, "apiKey": {…}}')
    .action(
      action(async (options: { role: string; name: string; json?: boolean }, command: Command) => {
        const role = validated(RoleSchema, '--role', options.role);
        const { name } = validated(CreateApiKeyBodySchema.pick({ name: true }), '--name', { name: options.name });
        return withApp(command, async (app) => {
          const { key, apiKey } = await app.identity.createApiKey({ actor: CLI_ACTOR() }, { name, role, createdBy: null });
          if (options.json) printJson({ key, apiKey });
          else {
            process.stdout.write(`${key}\n`);
            say(`API key "${apiKey.name}" (${apiKey.role}, id ${apiKey.id}). Store it now: it is not shown again.`);
          }
        });
      }),
    );

  keys
    .command('list')
    .description('list API keys (never their secrets)')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const list = await app.identity.listApiKeys();
          if (options.json) printJson({ keys: list });
          else printTable(list, ['id', 'name', 'role', 'prefix', 'lastUsedAt', 'revokedAt']);
        }),
      ),
    );

  keys
    .command('revoke <id>')
    .description('revoke an API key')
    .action(
      action(async (id: string, _options: unknown, command: Command) => {
        if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CustosError('VALIDATION_FAILED', `${JSON.stringify(id)} is not a key id (see custos keys list)`);
        return withApp(command, async (app) => {
          await app.identity.revokeApiKey({ actor: CLI_ACTOR() }, id);
          say(`revoked ${id}`);
        });
      }),
    );
}
