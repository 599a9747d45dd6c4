import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SystemsService } from './systems.service.js';

export const SystemSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  engine: z.string(),
  connection: z.string(),
  scannable: z.boolean(),
  origin: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  tables: z.number().optional(),
  rows: z.number().optional(),
  kind: z.string(),
  owner: z.string().nullable(),
  department: z.string().nullable(),
  hostingRegion: z.string().nullable(),
  hostingCountry: z.string().nullable(),
  role: z.enum(['controller', 'processor', 'joint_controller']),
  securityMeasures: z.array(z.string()),
  reviewRequired: z.boolean(),
});

export function registerSystemsRoutes(app: FastifyInstance, { systems }: { systems: SystemsService }): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/systems', {
    config: { access: 'systems:read' },
    schema: { tags: ['systems'], summary: 'Connected systems governed by Custos', response: { 200: z.object({ systems: z.array(SystemSchema) }) } },
  }, async () => ({ systems: await systems.listSystems() }));
}
