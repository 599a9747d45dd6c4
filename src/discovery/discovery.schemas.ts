import { z } from 'zod';

/** PostgreSQL text cannot hold NUL; refusing it here names the field instead of failing in the store. */
const noNul = (value: string) => !value.includes('\u0000');
const NUL_MESSAGE = 'must not contain NUL characters';
const Text = (max: number) => z.string().trim().min(1).max(max).refine(noNul, NUL_MESSAGE);

export const ScanRequestSchema = z
  .object({
    sampleSize: z.number().int().min(1).max(1_000_000).optional(),
    full: z.boolean().optional(),
    incremental: z.boolean().optional(),
  })
  .strict();

export const RegisterSystemSchema = z
  .object({
    name: Text(100).regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'letters, digits and . _ - only'),
    description: z.string().max(2000).refine(noNul, NUL_MESSAGE).default(''),
    /** postgres://…, mysql://…, sqlite:FILE, pglite:DIR, or a folder path on the server. Sealed at rest, never shown back. */
    url: Text(2000),
    scan: z.boolean().default(true),
  })
  .strict();

export const FindingQuerySchema = z
  .object({
    systemId: z.string().uuid().optional(),
    schema: Text(200).optional(),
    table: Text(200).optional(),
    entity: Text(100).optional(),
    level: z.enum(['L1', 'L2', 'L3', 'L4']).optional(),
    status: z.enum(['proposed', 'confirmed', 'rejected']).optional(),
    minConfidence: z.coerce.number().min(0).max(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const DecisionSchema = z
  .object({
    status: z.enum(['confirmed', 'rejected', 'proposed']),
    entity: Text(100).optional(),
    category: Text(200).regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a dotted category key such as user.contact.email').optional(),
    note: z.string().max(2000).refine(noNul, NUL_MESSAGE).optional(),
  })
  .strict();

export const IdParams = z.object({ id: z.string().uuid() }).strict();
