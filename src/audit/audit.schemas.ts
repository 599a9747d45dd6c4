import { z } from 'zod';

export const AuditEventSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  occurredAt: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable(), role: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
  purpose: z.string().nullable(),
  requestId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  details: z.record(z.string(), z.unknown()),
});

export const AuditQuerySchema = z
  .object({
    action: z.string().trim().min(1).max(100).optional(),
    actor: z.string().trim().min(1).max(100).optional(),
    targetType: z.string().trim().min(1).max(100).optional(),
    outcome: z.enum(['success', 'failure', 'denied']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    beforeSeq: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export const VerifyReportSchema = z.object({
  ok: z.boolean(),
  checkedEvents: z.number(),
  checkpoints: z.number(),
  lastSeq: z.number(),
  unsignedEvents: z.number(),
  problems: z.array(z.object({ seq: z.number(), kind: z.string(), message: z.string() })),
});
