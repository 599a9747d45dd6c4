import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CustosError } from '../lib/errors.js';
import type { IdentityService } from './identity.service.js';
import { SESSION_COOKIE } from './identity.types.js';
import { permissionsOf } from './permissions.js';
import {
  ApiKeySchema,
  CreateApiKeyBodySchema,
  CreateUserBodySchema,
  IdParamsSchema,
  LoginBodySchema,
  SetupBodySchema,
  UpdateUserBodySchema,
  UserSchema,
} from './identity.schemas.js';
import { createLoginThrottle } from './login-throttle.js';

export function registerIdentityRoutes(app: FastifyInstance, { identity, secureCookies }: { identity: IdentityService; secureCookies: boolean }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const throttle = createLoginThrottle({ maxFailures: 10, windowMs: 15 * 60_000 });
  const cookieOptions = (expires: Date) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: secureCookies, expires });

  api.get('/api/setup', {
    config: { access: 'public' },
    schema: { tags: ['identity'], summary: 'Whether first-run setup is still needed', response: { 200: z.object({ required: z.boolean() }) } },
  }, async () => ({ required: await identity.isSetupRequired() }));

  api.post('/api/setup', {
    config: { access: 'public' },
    schema: { tags: ['identity'], summary: 'Create the first admin with the one-time setup token', body: SetupBodySchema, response: { 201: z.object({ user: UserSchema }) } },
  }, async (request, reply) => {
    const key = `setup|${request.ip}`;
    if (throttle.isBlocked(key)) throw new CustosError('RATE_LIMITED', 'too many failed setup attempts; wait 15 minutes and try again');
    const { user, sessionToken, expiresAt } = await identity.completeSetup(request.auditContext, request.body).catch((err: unknown) => {
      if (err instanceof CustosError && err.code === 'UNAUTHENTICATED') throttle.fail(key);
      throw err;
    });
    reply.setCookie(SESSION_COOKIE, sessionToken, cookieOptions(expiresAt));
    return reply.code(201).send({ user });
  });

  api.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['identity'], summary: 'Sign in; sets the session cookie', body: LoginBodySchema, response: { 200: z.object({ user: UserSchema }) } },
  }, async (request, reply) => {
    const key = `${request.ip}|${request.body.username.toLowerCase()}`;
    if (throttle.isBlocked(key)) throw new CustosError('RATE_LIMITED', 'too many failed sign-ins; wait 15 minutes and try again');
    try {
      const { user, sessionToken, expiresAt } = await identity.login(request.auditContext, request.body.username, request.body.password);
      throttle.reset(key);
      reply.setCookie(SESSION_COOKIE, sessionToken, cookieOptions(expiresAt));
      return { user };
    } catch (err) {
      if (err instanceof CustosError && err.code === 'UNAUTHENTICATED') throttle.fail(key);
      throw err;
    }
  });

  api.post('/api/auth/logout', {
    config: { access: 'authenticated' },
    schema: { tags: ['identity'], summary: 'Sign out', response: { 204: z.null() } },
  }, async (request, reply) => {
    if (request.principal?.kind === 'user') await identity.logout(request.auditContext, request.principal.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  api.get('/api/auth/me', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['identity'],
      summary: 'Who is signed in, and what they may do',
      response: { 200: z.object({ user: UserSchema.nullable(), apiKey: ApiKeySchema.nullable(), permissions: z.array(z.string()) }) },
    },
  }, async (request) => {
    const principal = request.principal!;
    const role = principal.kind === 'user' ? principal.user.role : principal.apiKey.role;
    return { user: principal.kind === 'user' ? principal.user : null, apiKey: principal.kind === 'api_key' ? principal.apiKey : null, permissions: permissionsOf(role) };
  });

  api.get('/api/users', {
    config: { access: 'users:read' },
    schema: { tags: ['identity'], summary: 'List users', response: { 200: z.object({ users: z.array(UserSchema) }) } },
  }, async (request) => {
    const users = await identity.listUsers();
    // Names and sign-in times of staff are personal data: reading them is recorded.
    await identity.recordRead(request.auditContext, { action: 'user.list', details: { returned: users.length } });
    return { users };
  });

  api.post('/api/users', {
    config: { access: 'users:manage' },
    schema: { tags: ['identity'], summary: 'Create a user', body: CreateUserBodySchema, response: { 201: z.object({ user: UserSchema }) } },
  }, async (request, reply) => reply.code(201).send({ user: await identity.createUser(request.auditContext, request.body) }));

  api.patch('/api/users/:id', {
    config: { access: 'users:manage' },
    schema: { tags: ['identity'], summary: 'Change a user’s role, password or status', params: IdParamsSchema, body: UpdateUserBodySchema, response: { 200: z.object({ user: UserSchema }) } },
  }, async (request) => ({ user: await identity.updateUser(request.auditContext, request.params.id, request.body) }));

  api.get('/api/keys', {
    config: { access: 'keys:read' },
    schema: { tags: ['identity'], summary: 'List API keys (never their secrets)', response: { 200: z.object({ keys: z.array(ApiKeySchema) }) } },
  }, async () => ({ keys: await identity.listApiKeys() }));

  api.post('/api/keys', {
    config: { access: 'keys:manage' },
    schema: {
      tags: ['identity'],
      summary: 'Create an API key; the key is in this response only',
      body: CreateApiKeyBodySchema,
      response: { 201: z.object({ key: z.string(), apiKey: ApiKeySchema }) },
    },
  }, async (request, reply) => {
    const createdBy = request.principal?.kind === 'user' ? request.principal.user.id : null;
    return reply.code(201).send(await identity.createApiKey(request.auditContext, { ...request.body, createdBy }));
  });

  api.delete('/api/keys/:id', {
    config: { access: 'keys:manage' },
    schema: { tags: ['identity'], summary: 'Revoke an API key', params: IdParamsSchema, response: { 204: z.null() } },
  }, async (request, reply) => {
    await identity.revokeApiKey(request.auditContext, request.params.id);
    return reply.code(204).send(null);
  });
}
