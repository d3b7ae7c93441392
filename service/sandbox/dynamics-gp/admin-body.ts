/** Reads a sandbox admin request body (JSON, empty = `{}`) with a zod schema; a 400 names each bad field. */
import type { z } from 'zod';
import { badRequest } from './sba-error.ts';

export function parseBody<T>(schema: z.ZodType<T>, body: string): T {
  let json: unknown;
  try {
    json = body === '' ? {} : JSON.parse(body);
  } catch {
    throw badRequest('body is not JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw badRequest(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}
