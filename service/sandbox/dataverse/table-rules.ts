/** Per-table platform behaviour: contact.fullname is composed from first and last name ("First Last", the default format). */
import type { TableRule } from './records.ts';
import type { Schema } from './schema.ts';
import { webhookRules } from './webhook-registration.ts';

const contactName: TableRule = (next) => {
  next.fullname = [next.firstname, next.lastname].filter((p) => typeof p === 'string' && p !== '').join(' ') || null;
};

export function createTableRules(schema: Schema): Map<string, TableRule> {
  return new Map<string, TableRule>([['contact', contactName], ...webhookRules(schema)]);
}
