import type { Command } from 'commander';
import { PasswordSchema, RoleSchema, UsernameSchema } from '../../identity/identity.schemas.js';
import { CustosError } from '../../lib/errors.js';
import type { App } from '../../app.js';
import { action, CLI_ACTOR, validated, withApp } from '../context.js';
import { printJson, printTable, say } from '../output.js';

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CustosError('VALIDATION_FAILED', 'pipe the password on standard input with --password-stdin (it is never taken as an argument)');
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

async function userNamed(app: App, username: string) {
  const user = await app.identity.findUserByUsername(username);
  if (!user) throw new CustosError('NOT_FOUND', `no user named ${username}`);
  return user;
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('manage console users');

  users
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { json?: boolean }, command: Command) =>
        withApp(command, async (app) => {
          const list = await app.identity.listUsers();
          // Staff names and sign-in times are personal data: reading them is recorded, as in the API.
          await app.identity.recordRead({ actor: CLI_ACTOR() }, { action: 'user.list', details: { returned: list.length, via: 'cli' } });
          if (options.json) printJson({ users: list });
          else printTable(list, ['username', 'role', 'disabled', 'lastLoginAt', 'id']);
        }),
      ),
    );

  users
    .command('create')
    .description('create a user; the password comes from standard input')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--role <role>', `one of ${RoleSchema.options.join(', ')}`)
    .option('--display-name <name>', 'name shown in the console')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { username: string; role: string; displayName?: string; passwordStdin?: boolean; json?: boolean }, command: Command) => {
        const username = validated(UsernameSchema, '--username', options.username);
        const role = validated(RoleSchema, '--role', options.role);
        if (!options.passwordStdin) throw new CustosError('VALIDATION_FAILED', 'give --password-stdin and pipe the password (it is never taken as an argument)');
        const password = validated(PasswordSchema, 'password', await readPasswordFromStdin());
        return withApp(command, async (app) => {
          const user = await app.identity.createUser({ actor: CLI_ACTOR() }, { username, role, password, ...(options.displayName ? { displayName: options.displayName } : {}) });
          if (options.json) printJson({ user });
          else say(`created ${user.username} (${user.role})`);
        });
      }),
    );

  users
    .command('set-role <username> <role>')
    .description('change a user’s role')
    .action(
      action(async (username: string, newRole: string, _options: unknown, command: Command) => {
        const role = validated(RoleSchema, 'role', newRole);
        return withApp(command, async (app) => {
          await app.identity.updateUser({ actor: CLI_ACTOR() }, (await userNamed(app, username)).id, { role });
          say(`${username} is now ${role}`);
        });
      }),
    );

  users
    .command('disable <username>')
    .description('disable a user and end their sessions')
    .action(
      action(async (username: string, _options: unknown, command: Command) =>
        withApp(command, async (app) => {
          await app.identity.updateUser({ actor: CLI_ACTOR() }, (await userNamed(app, username)).id, { disabled: true });
          say(`${username} is disabled`);
        }),
      ),
    );
}
