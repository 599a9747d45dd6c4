/**
 * The only reader of process.env and custos.yaml. Precedence: CLI flags, then environment
 * variables, then the YAML file, then defaults. The result is validated once, at start-up, and
 * passed down; nothing else reads the environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseVerificationLevels, type VerificationLevels } from '../dsr/verification/levels.js';
import { CustosError } from '../lib/errors.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ConfigSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('./.custos'),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
    logLevel: z.enum(LOG_LEVELS).default('info'),
    adminPassword: z.string().min(12, 'expected at least 12 characters').max(1024).optional(),
    secretKey: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'expected base64 of 32 random bytes (openssl rand -base64 32)')
      .optional(),
    audit: z
      .object({
        signingKeyFile: z.string().min(1).optional(),
        checkpointEvery: z.coerce.number().int().min(1).max(100_000).default(100),
      })
      .strict()
      .default({ checkpointEvery: 100 }),
    demo: z
      .object({
        enabled: z.preprocess(parseBoolean, z.boolean({ error: 'expected true or false' })).default(true),
        // Generation is in memory: about 22 rows per person; 200k people stay within a few GB.
        people: z.coerce.number().int().min(10).max(200_000).default(3000),
      })
      .strict()
      .default({ enabled: true, people: 3000 }),
    http: z
      .object({
        bodyLimitBytes: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
        /** Set behind TLS: session cookies get the Secure flag. */
        secureCookies: z.preprocess(parseBoolean, z.boolean({ error: 'expected true or false' })).default(false),
        /** Set behind a reverse proxy: client addresses (rate limits, logs) come from X-Forwarded-For. */
        trustProxy: z.preprocess(parseBoolean, z.boolean({ error: 'expected true or false' })).default(false),
      })
      .strict()
      .default({ bodyLimitBytes: 1024 * 1024, secureCookies: false, trustProxy: false }),
    discovery: z
      .object({
        /** Folders the API may register as file, SQLite or PGlite systems; none by default (the CLI is not limited). */
        fileRoots: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.string().min(1))).default([]),
        /** A YAML file of the organisation's own detectors, used by every scan. */
        detectorsFile: z.string().min(1).optional(),
      })
      .strict()
      .default({ fileRoots: [] }),
    session: z
      .object({ ttlHours: z.coerce.number().int().min(1).max(24 * 30).default(12) })
      .strict()
      .default({ ttlHours: 12 }),
    jobs: z
      .object({ pollIntervalSeconds: z.coerce.number().min(0.5).max(60).default(2) })
      .strict()
      .default({ pollIntervalSeconds: 2 }),
    /** Outgoing mail (verification codes, responses to data subjects). Unset host: mail is off. */
    smtp: z
      .object({
        host: z.string().min(1).optional(),
        /** Defaults to 465 with `secure`, else 587. */
        port: z.coerce.number().int().min(1).max(65535).optional(),
        /** Implicit TLS from the first byte (port 465 style). */
        secure: z.preprocess(parseBoolean, z.boolean({ error: 'expected true or false' })).default(false),
        /** Without `secure`: STARTTLS must succeed (require), is used when offered (opportunistic), or is never tried (none). */
        starttls: z.enum(['require', 'opportunistic', 'none']).default('require'),
        user: z.string().min(1).optional(),
        password: z.string().min(1).max(1024).optional(),
        /** The sender, `privacy@example.com` or `Example Privacy <privacy@example.com>`. */
        from: z
          .string()
          .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'expected an address, e.g. privacy@example.com or "Example Privacy <privacy@example.com>"')
          .optional(),
        /** PEM file of the CA that signed the server's certificate, for a private CA; the system CAs are used otherwise. */
        caFile: z.string().min(1).optional(),
        /** Bound on connecting, the greeting and each wait on the socket. */
        timeoutSeconds: z.coerce.number().min(1).max(300).default(15),
      })
      .strict()
      .superRefine((smtp, ctx) => {
        if (smtp.host && !smtp.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required when smtp.host is set (the sender of every message)' });
        if (smtp.password && !smtp.user) ctx.addIssue({ code: 'custom', path: ['user'], message: 'is required when smtp.password is set' });
        if (smtp.user && !smtp.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'is required when smtp.user is set' });
      })
      .default({ secure: false, starttls: 'require', timeoutSeconds: 15 }),
    /** One-time codes that prove a data subject controls an identity. */
    verification: z
      .object({
        codeLength: z.coerce.number().int().min(6).max(10).default(6),
        ttlMinutes: z.coerce.number().int().min(1).max(24 * 60).default(15),
        maxAttempts: z.coerce.number().int().min(1).max(20).default(5),
        /**
         * The level each request type needs: `email` (the code, or a staff verification) or
         * `email+staff` (both). Types left out (or no `levels` at all) are `email`. A mapping in
         * YAML; `type=level,…` in the environment.
         */
        levels: z
          .unknown()
          .transform((value, ctx): VerificationLevels => {
            const parsed = parseVerificationLevels(value);
            if (parsed.ok) return parsed.levels;
            ctx.addIssue({ code: 'custom', message: parsed.message, path: parsed.path });
            return z.NEVER;
          })
          .optional(),
      })
      .strict()
      .default({ codeLength: 6, ttlMinutes: 15, maxAttempts: 5 }),
    /** Deadline reminders for subject requests: a notification in the console, and mail to `to` when SMTP is set. */
    reminders: z
      .object({
        daysBefore: z.coerce.number().int().min(1).max(60).default(7),
        /** The privacy team's address; unset: console notifications only. */
        to: z.string().regex(/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/, 'expected one address, e.g. privacy@example.com').optional(),
        intervalMinutes: z.coerce.number().int().min(1).max(24 * 60).default(60),
      })
      .strict()
      .default({ daysBefore: 7, intervalMinutes: 60 }),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema> & { configFile?: string };
export type ConfigInput = z.input<typeof ConfigSchema>;
export type SmtpConfig = Config['smtp'];
export type VerificationConfig = Config['verification'];
export type RemindersConfig = Config['reminders'];

/** Environment variable → config path. The table is the documentation of the variables. */
export const ENV_VARIABLES: Record<string, string> = {
  CUSTOS_PORT: 'port',
  CUSTOS_HOST: 'host',
  CUSTOS_DATA_DIR: 'dataDir',
  CUSTOS_DATABASE_URL: 'databaseUrl',
  CUSTOS_LOG_LEVEL: 'logLevel',
  CUSTOS_ADMIN_PASSWORD: 'adminPassword',
  CUSTOS_SECRET_KEY: 'secretKey',
  CUSTOS_AUDIT_SIGNING_KEY_FILE: 'audit.signingKeyFile',
  CUSTOS_AUDIT_CHECKPOINT_EVERY: 'audit.checkpointEvery',
  CUSTOS_DEMO: 'demo.enabled',
  CUSTOS_DEMO_PEOPLE: 'demo.people',
  CUSTOS_HTTP_BODY_LIMIT_BYTES: 'http.bodyLimitBytes',
  CUSTOS_HTTP_SECURE_COOKIES: 'http.secureCookies',
  CUSTOS_HTTP_TRUST_PROXY: 'http.trustProxy',
  CUSTOS_SESSION_TTL_HOURS: 'session.ttlHours',
  CUSTOS_DISCOVERY_FILE_ROOTS: 'discovery.fileRoots',
  CUSTOS_DISCOVERY_DETECTORS: 'discovery.detectorsFile',
  CUSTOS_JOBS_POLL_INTERVAL_SECONDS: 'jobs.pollIntervalSeconds',
  CUSTOS_SMTP_HOST: 'smtp.host',
  CUSTOS_SMTP_PORT: 'smtp.port',
  CUSTOS_SMTP_SECURE: 'smtp.secure',
  CUSTOS_SMTP_STARTTLS: 'smtp.starttls',
  CUSTOS_SMTP_USER: 'smtp.user',
  CUSTOS_SMTP_PASSWORD: 'smtp.password',
  CUSTOS_SMTP_FROM: 'smtp.from',
  CUSTOS_SMTP_CA_FILE: 'smtp.caFile',
  CUSTOS_SMTP_TIMEOUT_SECONDS: 'smtp.timeoutSeconds',
  CUSTOS_VERIFICATION_CODE_LENGTH: 'verification.codeLength',
  CUSTOS_VERIFICATION_TTL_MINUTES: 'verification.ttlMinutes',
  CUSTOS_VERIFICATION_MAX_ATTEMPTS: 'verification.maxAttempts',
  CUSTOS_VERIFICATION_LEVELS: 'verification.levels',
  CUSTOS_REMINDERS_DAYS_BEFORE: 'reminders.daysBefore',
  CUSTOS_REMINDERS_TO: 'reminders.to',
  CUSTOS_REMINDERS_INTERVAL_MINUTES: 'reminders.intervalMinutes',
};

const SECRET_PATHS = new Set(['adminPassword', 'databaseUrl', 'secretKey', 'smtp.password']);

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Values from CLI flags, already shaped like the config (e.g. `{ port: 9000 }`). */
  overrides?: Record<string, unknown>;
  cwd?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const { file, values: fileValues } = readConfigFile(env.CUSTOS_CONFIG, cwd);

  const merged: Record<string, unknown> = structuredClone(fileValues);
  const sources = new Map<string, string>();
  for (const key of Object.keys(flatten(fileValues))) sources.set(key, `${key} in ${path.basename(file ?? 'custos.yaml')}`);
  for (const [variable, configPath] of Object.entries(ENV_VARIABLES)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    setPath(merged, configPath, value);
    sources.set(configPath, variable);
  }
  for (const [configPath, value] of Object.entries(flatten(options.overrides ?? {}))) {
    if (value === undefined) continue;
    setPath(merged, configPath, value);
    sources.set(configPath, `--${kebab(configPath)}`);
  }

  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    if (unknownKey !== undefined) {
      const where = [...issue.path, unknownKey].join('.');
      throw new CustosError('CONFIG_INVALID', `configuration error: unknown setting ${where} in ${file ?? 'the configuration'}; the known settings are listed under Configuration in README.md`, {
        details: [{ field: where, message: 'unknown setting' }],
      });
    }
    const configPath = issue.path.join('.');
    const source = sources.get(configPath) ?? configPath;
    const got = SECRET_PATHS.has(configPath) ? '' : describeValue(getPath(merged, configPath));
    throw new CustosError(
      'CONFIG_INVALID',
      `configuration error: ${source}${source === configPath ? '' : ` (${configPath})`}: ${issue.message}${got}`,
      { details: [{ field: configPath, message: issue.message }] },
    );
  }
  const config: Config = { ...parsed.data };
  if (file) config.configFile = file;
  config.dataDir = path.resolve(cwd, config.dataDir);
  return config;
}

function readConfigFile(explicit: string | undefined, cwd: string): { file?: string; values: Record<string, unknown> } {
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, 'custos.yaml');
  if (!existsSync(file)) {
    if (explicit) throw new CustosError('CONFIG_INVALID', `configuration error: CUSTOS_CONFIG: file ${file} does not exist`);
    return { values: {} };
  }
  let values: unknown;
  try {
    values = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CustosError('CONFIG_INVALID', `configuration error: ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (values === null || values === undefined) return { file, values: {} };
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw new CustosError('CONFIG_INVALID', `configuration error: ${file} must hold a mapping of keys to values`);
  }
  return { file, values: values as Record<string, unknown> };
}

function parseBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return `, got ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

function kebab(configPath: string): string {
  return configPath.replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) Object.assign(out, flatten(inner as Record<string, unknown>, full));
    else out[full] = inner;
  }
  return out;
}

function setPath(target: Record<string, unknown>, configPath: string, value: unknown): void {
  const keys = configPath.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (!next || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function getPath(target: Record<string, unknown>, configPath: string): unknown {
  return configPath.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), target);
}
