/** Shared CLI plumbing: config from flags, opening the app for one command, errors to exit codes. */
import { InvalidArgumentError, type Command } from 'commander';
import { createApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config/config.js';
import { userInfo } from 'node:os';
import { CustosError, isCustosError } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { say } from './output.js';
import { createApiClient, parseServerUrl, type ApiClient } from './client.js';

export const EXIT_USAGE = 64;

export interface GlobalOptions {
  dataDir?: string;
  logLevel?: string;
  /** A running server to call instead of opening the store (--server, CUSTOS_SERVER). */
  server?: string;
  /** Its API key (CUSTOS_API_KEY, or --key, which warns: the process list shows it). */
  key?: string;
  /** Seconds one call to the server may take (--timeout). */
  timeout?: number;
}

export function configFrom(command: Command, overrides: Record<string, unknown> = {}): Config {
  const globals = command.optsWithGlobals<GlobalOptions>();
  return loadConfig({ overrides: { dataDir: globals.dataDir, logLevel: globals.logLevel, ...overrides } });
}

/** Opens the store for a one-off command (no HTTP server, no job workers) and closes it after. */
export async function withApp<T>(command: Command, fn: (app: App) => Promise<T>): Promise<T> {
  const config = configFrom(command);
  const logger = createLogger({ level: command.optsWithGlobals<GlobalOptions>().logLevel ?? 'warn', destination: process.stderr as never });
  const app = await createApp(config, logger);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/**
 * The client of the server named by --server or CUSTOS_SERVER, or null when the command runs on
 * the local store. The key comes from CUSTOS_API_KEY, or --key with a warning.
 */
export function apiClientFrom(command: Command): ApiClient | null {
  const globals = command.optsWithGlobals<GlobalOptions>();
  if (!globals.server) return null;
  const server = parseServerUrl(globals.server);
  if (!globals.key) throw new CustosError('UNAUTHENTICATED', `no API key for ${server.origin}: set CUSTOS_API_KEY (custos keys create makes one), or pass --key`);
  if (command.getOptionValueSourceWithGlobals('key') === 'cli') say('custos: warning: --key is visible in the process list and shell history; set CUSTOS_API_KEY instead');
  return createApiClient({ server: globals.server, key: globals.key, timeoutMs: globals.timeout === undefined ? undefined : globals.timeout * 1000 });
}

/**
 * Runs a command that works both ways: on a server's API when one is given, else on the store in
 * this process. `local` and `remote` give the same interface, so the command prints once.
 */
export async function withStoreOrServer<B, T>(command: Command, backends: { local: (app: App) => B; remote: (api: ApiClient) => B }, fn: (backend: B) => Promise<T>): Promise<T> {
  const api = apiClientFrom(command);
  return api ? fn(backends.remote(api)) : withApp(command, (app) => fn(backends.local(app)));
}

/** `map show`, not `custos map show`: the command's path below the program. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The operator at the terminal: the OS account is the best identity a local command has. */
export const CLI_ACTOR = (name = safeUsername()) => ({ type: 'cli' as const, id: null, name: `cli:${name}`, role: 'admin' });

/**
 * Runs a command action, turning errors into one clear line and a meaningful exit code. A command
 * that can run against a server says so with `{ server: true }`; any other refuses --server rather
 * than quietly opening a local store.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>, options: { server?: boolean } = {}) {
  return async (...args: A) => {
    const command = args.at(-1) as Command;
    if (!options.server && command.optsWithGlobals<GlobalOptions>().server) {
      const fromEnv = command.getOptionValueSourceWithGlobals('server') === 'env';
      say(`custos ${commandPath(command)}: --server${fromEnv ? ' (from CUSTOS_SERVER)' : ''} is not supported yet; run it on the server's machine${fromEnv ? ', or unset CUSTOS_SERVER' : ''}`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    try {
      const code = await fn(...args);
      process.exitCode = code ?? 0;
    } catch (err) {
      if (isCustosError(err)) {
        say(`custos: ${err.message}`);
        for (const detail of err.details) if (detail.field && !err.message.includes(detail.field)) say(`  ${detail.field}: ${detail.message}`);
        process.exitCode = err.exitCode;
      } else {
        say(`custos: unexpected error: ${(err as Error).message}`);
        process.exitCode = 70;
      }
    }
  };
}

/** Validates a CLI value with the same zod schema the API uses, so both give the same answer. */
export function validated<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, flag: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CustosError('VALIDATION_FAILED', `${flag}: ${parsed.error.issues[0]!.message}`, { details: [{ field: flag, message: parsed.error.issues[0]!.message }] });
}

export function parseIntOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return parsed;
  };
}

function safeUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}
