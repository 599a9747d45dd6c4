import type { Command } from 'commander';
import { isRole, ROLES, type Role } from '../../identity/permissions.js';
import { CustosError } from '../../lib/errors.js';
import { action, CLI_ACTOR, withApp } from '../context.js';
import { printJson, printTable, say } from '../output.js';

function role(value: string): Role {
  if (!isRole(value)) throw new CustosError('VALIDATION_FAILED', `--role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(value)}`);
  return value;
}

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CustosError('VALIDATION_FAILED', 'pipe the password on standard input with --password-stdin (it is never taken as an argument)');
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
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
          if (options.json) printJson({ users: list });
          else printTable(list, ['username', 'role', 'disabled', 'lastLoginAt', 'id']);
        }),
      ),
    );

  users
    .command('create')
    .description('create a user; the password comes from standard input')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--display-name <name>', 'name shown in the console')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { username: string; role: string; displayName?: string; passwordStdin?: boolean; json?: boolean }, command: Command) => {
        if (!options.passwordStdin) throw new CustosError('VALIDATION_FAILED', 'give --password-stdin and pipe the password (it is never taken as an argument)');
        const password = await readPasswordFromStdin();
        if (password.length < 12) throw new CustosError('VALIDATION_FAILED', 'the password must have at least 12 characters', { details: [{ field: 'password', message: 'too short' }] });
        return withApp(command, async (app) => {
          const user = await app.identity.createUser({ actor: CLI_ACTOR() }, { username: options.username, role: role(options.role), password, ...(options.displayName ? { displayName: options.displayName } : {}) });
          if (options.json) printJson({ user });
          else say(`created ${user.username} (${user.role})`);
        });
      }),
    );

  users
    .command('set-role <username> <role>')
    .description('change a user’s role')
    .action(
      action(async (username: string, newRole: string, _options: unknown, command: Command) =>
        withApp(command, async (app) => {
          const user = (await app.identity.listUsers()).find((u) => u.username === username);
          if (!user) throw new CustosError('NOT_FOUND', `no user named ${username}`);
          await app.identity.updateUser({ actor: CLI_ACTOR() }, user.id, { role: role(newRole) });
          say(`${username} is now ${newRole}`);
        }),
      ),
    );

  users
    .command('disable <username>')
    .description('disable a user and end their sessions')
    .action(
      action(async (username: string, _options: unknown, command: Command) =>
        withApp(command, async (app) => {
          const user = (await app.identity.listUsers()).find((u) => u.username === username);
          if (!user) throw new CustosError('NOT_FOUND', `no user named ${username}`);
          await app.identity.updateUser({ actor: CLI_ACTOR() }, user.id, { disabled: true });
          say(`${username} is disabled`);
        }),
      ),
    );
}
