/** Shared CLI plumbing: config from flags, opening the app for one command, errors to exit codes. */
import { InvalidArgumentError, type Command } from 'commander';
import { createApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config/config.js';
import { userInfo } from 'node:os';
import { CustosError, isCustosError } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { say } from './output.js';

export interface GlobalOptions {
  dataDir?: string;
  logLevel?: string;
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

/** The operator at the terminal: the OS account is the best identity a local command has. */
export const CLI_ACTOR = (name = safeUsername()) => ({ type: 'cli' as const, id: null, name: `cli:${name}`, role: 'admin' });

/** Runs a command action, turning errors into one clear line and a meaningful exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>) {
  return async (...args: A) => {
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
