/**
 * A flow is data: which connection and entity it reads, where it writes, how fields map, when it runs.
 * Validated once at boot; the engine never needs to know which vendor is on either side.
 */
import { z } from 'zod';
import { fieldMappingSchema, matchKeySchema } from './mapping.ts';
import { sourceConditionSchema } from './source-filter.ts';

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use lower-case letters, digits and dashes (2–63 characters)');

export const flowSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    description: z.string().default(''),
    enabled: z.boolean().default(true),
    source: z.object({
      connection: idSchema,
      entity: z.string().min(1),
      /** Entity-specific options passed to the connector's feed (e.g. a status filter). */
      options: z.record(z.string(), z.unknown()).default({}),
      /** Child records read with each change and attached as an array (an Order's OrderItems as `lines`). */
      include: z
        .array(
          z.object({
            entity: z.string().min(1),
            /** The child's field holding the parent's id (OrderItem.OrderId). */
            parentField: z.string().min(1),
            /** Where the array goes in the change's data. */
            as: z.string().min(1),
            fields: z.array(z.string().min(1)).optional(),
          }),
        )
        .default([]),
      /** Which source records this flow is about (e.g. Order Status in [Activated]); others are not changes for it. */
      where: z.array(sourceConditionSchema).default([]),
    }),
    target: z.object({
      connection: idSchema,
      entity: z.string().min(1),
      /** The target field the match key is written to and matched on (External Id, alternate key...). */
      matchField: z.string().min(1),
      options: z.record(z.string(), z.unknown()).default({}),
    }),
    matchKey: matchKeySchema,
    mapping: z.array(fieldMappingSchema).min(1),
    /** What a source delete does: ignore (audit only) — deleting CRM records from an ERP poll is never implicit. */
    onDelete: z.enum(['ignore']).default('ignore'),
    schedule: z
      .object({
        /** Poll interval. GP sizing advice: start slow (daily), speed up only if needed (seed 000). */
        intervalMs: z.number().int().min(1_000).optional(),
        cron: z.string().optional(),
      })
      .refine((s) => s.intervalMs !== undefined || s.cron !== undefined, { message: 'needs intervalMs or cron' }),
    pageSize: z.number().int().min(1).max(5_000).default(500),
    /** Flows that must have run successfully first (items and customers before orders). */
    dependsOn: z.array(idSchema).default([]),
  })
  .strict();

export type FlowDefinition = z.infer<typeof flowSchema>;
export type FlowInput = z.input<typeof flowSchema>;
