import { saveError, type SaveError } from './save-error.ts';

/**
 * Injected per-record failures: a "validation rule" (FIELD_CUSTOM_VALIDATION_EXCEPTION by default) or any
 * other per-record status code (UNABLE_TO_LOCK_ROW...), for records matching a predicate. Tests park a record
 * with a rule, remove the rule (the cause is fixed), and replay.
 */
export interface RecordRule {
  name: string;
  sobject: string;
  when: (record: Readonly<Record<string, unknown>>, ctx: { operation: 'insert' | 'update' }) => boolean;
  message: string;
  statusCode?: string;
  fields?: string[];
  /** Fire at most this many times, then retire (a transient lock that clears). Unlimited when absent. */
  times?: number;
}

export interface RecordRules {
  add(rule: RecordRule): () => void;
  remove(name: string): boolean;
  clear(): void;
  names(): string[];
  evaluate(sobject: string, record: Readonly<Record<string, unknown>>, operation: 'insert' | 'update'): SaveError[];
}

export function createRecordRules(): RecordRules {
  const rules = new Map<string, RecordRule & { fired: number }>();
  return {
    add(rule) {
      if (rules.has(rule.name)) throw new Error(`record rule '${rule.name}' already exists`);
      rules.set(rule.name, { ...rule, fired: 0 });
      return () => rules.delete(rule.name);
    },
    remove: (name) => rules.delete(name),
    clear: () => rules.clear(),
    names: () => [...rules.keys()],
    evaluate(sobject, record, operation) {
      const errors: SaveError[] = [];
      for (const rule of rules.values()) {
        if (rule.sobject.toLowerCase() !== sobject.toLowerCase()) continue;
        if (!rule.when(record, { operation })) continue;
        rule.fired += 1;
        if (rule.times !== undefined && rule.fired >= rule.times) rules.delete(rule.name);
        errors.push(saveError(rule.statusCode ?? 'FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.fields ?? []));
      }
      return errors;
    },
  };
}
