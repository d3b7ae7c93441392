/**
 * A flow's `source.where`: which source records the flow is about (closed Orders, posted invoices). A record that
 * does not match is not a change for the flow: nothing is written and no audit row is added (it is counted as
 * seen). Conditions are ANDed; values compare as strings, so a checkbox `true` matches "true".
 */
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const sourceConditionSchema = z
  .object({
    /** Source field (dot path). */
    field: z.string().min(1),
    in: z.array(scalar).min(1).optional(),
    notIn: z.array(scalar).min(1).optional(),
  })
  .strict()
  .refine((c) => c.in !== undefined || c.notIn !== undefined, { message: 'needs "in" or "notIn"' });

export type SourceCondition = z.infer<typeof sourceConditionSchema>;

function readPath(data: Record<string, unknown>, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function matchesSource(data: Record<string, unknown>, where: readonly SourceCondition[]): boolean {
  return where.every((c) => {
    const value = text(readPath(data, c.field));
    if (c.in && !c.in.some((x) => text(x) === value)) return false;
    if (c.notIn && c.notIn.some((x) => text(x) === value)) return false;
    return true;
  });
}
