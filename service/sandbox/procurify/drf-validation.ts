/**
 * Request-body validation with Django REST Framework's rules and messages, so a client meets the same 400s as on
 * the real API (DRF 3.x `rest_framework/fields.py`, `relations.py`, `serializers.py` default error texts). Field
 * specs are transcribed from the OAS request schemas (`required`, `nullable`, `maxLength`, `minLength: 1` = blank
 * not allowed, decimal patterns `^\d{0,W}(?:\.\d{0,P})?$` = W whole digits, P places, not negative, enums).
 * DRF's own coercions are kept (a number is accepted for a CharField, "3" for an IntegerField or a choice), so the
 * emulator refuses exactly what DRF refuses. Unknown and read-only keys are ignored, as DRF does.
 */
import type { FieldErrors } from './errors.ts';
import { isIsoDate, parseDateTime } from './time-zone.ts';

interface Common {
  required?: boolean;
  nullable?: boolean;
}

export type FieldSpec = Common &
  (
    | { type: 'string'; maxLength?: number; allowBlank?: boolean; format?: 'email' | 'url' }
    | { type: 'integer'; min?: number; max?: number }
    | { type: 'boolean' }
    | { type: 'decimal'; whole: number; places: number; allowNegative?: boolean }
    | { type: 'choice'; choices: ReadonlyArray<number | string> }
    | { type: 'date' }
    | { type: 'datetime' }
    | { type: 'pk'; exists(id: number): boolean }
    | { type: 'list'; child: FieldSpec; allowEmpty?: boolean }
    | { type: 'object'; fields: Record<string, FieldSpec> }
    | { type: 'objectList'; fields: Record<string, FieldSpec>; allowEmpty?: boolean }
    | { type: 'json' }
  );

export type Fields = Record<string, FieldSpec>;

type Errors = string[] | FieldErrors | Array<FieldErrors>;
type Outcome = { ok: true; value: unknown } | { ok: false; errors: Errors };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_PATTERN = /^(?:https?|ftps?):\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i;
const TRUE_VALUES = new Set<unknown>(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1', 1, true]);
const FALSE_VALUES = new Set<unknown>(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0', 0, false]);

/** Python's `type(x).__name__` for a JSON value, as DRF puts it in its messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'dict';
}

const fail = (...messages: string[]): Outcome => ({ ok: false, errors: messages });

function checkString(spec: Extract<FieldSpec, { type: 'string' }>, raw: unknown): Outcome {
  if (typeof raw === 'boolean' || (typeof raw !== 'string' && typeof raw !== 'number')) return fail('Not a valid string.');
  const value = String(raw).trim();
  if (value === '') return spec.allowBlank ? { ok: true, value } : fail('This field may not be blank.');
  const messages: string[] = [];
  if (spec.maxLength !== undefined && value.length > spec.maxLength) messages.push(`Ensure this field has no more than ${spec.maxLength} characters.`);
  if (spec.format === 'email' && !EMAIL.test(value)) messages.push('Enter a valid email address.');
  if (spec.format === 'url' && !URL_PATTERN.test(value)) messages.push('Enter a valid URL.');
  return messages.length > 0 ? fail(...messages) : { ok: true, value };
}

function checkDecimal(spec: Extract<FieldSpec, { type: 'decimal' }>, raw: unknown): Outcome {
  if (typeof raw === 'boolean' || (typeof raw !== 'string' && typeof raw !== 'number')) return fail('A valid number is required.');
  const text = String(raw).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && !m[3])) return fail('A valid number is required.');
  const whole = (m[2] ?? '').replace(/^0+/, '');
  const places = (m[3] ?? '').replace(/0+$/, '');
  const messages: string[] = [];
  if (whole.length + places.length > spec.whole + spec.places) messages.push(`Ensure that there are no more than ${spec.whole + spec.places} digits in total.`);
  else if (places.length > spec.places) messages.push(`Ensure that there are no more than ${spec.places} decimal places.`);
  else if (whole.length > spec.whole) messages.push(`Ensure that there are no more than ${spec.whole} digits before the decimal point.`);
  if (messages.length > 0) return fail(...messages);
  if (m[1] === '-' && !spec.allowNegative && /[1-9]/.test(text)) return fail('Ensure this value is greater than or equal to 0.');
  return { ok: true, value: `${m[1] === '-' ? '-' : ''}${whole || '0'}${places ? `.${places}` : ''}` };
}

function checkObject(fields: Fields, raw: unknown, partial: boolean): Outcome {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(raw)}.`] } };
  }
  const input = raw as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (!Object.hasOwn(input, name)) {
      if (spec.required && !partial) errors[name] = ['This field is required.'];
      continue;
    }
    const outcome = checkField(spec, input[name], partial);
    if (outcome.ok) value[name] = outcome.value;
    else errors[name] = outcome.errors;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

function checkField(spec: FieldSpec, raw: unknown, partial: boolean): Outcome {
  if (raw === null) return spec.nullable ? { ok: true, value: null } : fail('This field may not be null.');
  switch (spec.type) {
    case 'string':
      return checkString(spec, raw);
    case 'integer': {
      const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim().replace(/\.0*\s*$/, '') : '';
      if (!/^[+-]?\d+$/.test(text) || text.length > 1000) return fail('A valid integer is required.');
      const n = Number(text);
      if (spec.max !== undefined && n > spec.max) return fail(`Ensure this value is less than or equal to ${spec.max}.`);
      if (spec.min !== undefined && n < spec.min) return fail(`Ensure this value is greater than or equal to ${spec.min}.`);
      return { ok: true, value: n };
    }
    case 'boolean':
      if (TRUE_VALUES.has(raw)) return { ok: true, value: true };
      if (FALSE_VALUES.has(raw)) return { ok: true, value: false };
      return fail('Must be a valid boolean.');
    case 'decimal':
      return checkDecimal(spec, raw);
    case 'choice': {
      const match = spec.choices.find((c) => String(c) === String(raw));
      return match === undefined || typeof raw === 'object' ? fail(`"${String(raw)}" is not a valid choice.`) : { ok: true, value: match };
    }
    case 'date':
      return typeof raw === 'string' && isIsoDate(raw.trim()) ? { ok: true, value: raw.trim() } : fail('Date has wrong format. Use one of these formats instead: YYYY-MM-DD.');
    case 'datetime': {
      // Parsed later in the tenant's zone; here only the shape is checked (UTC stands in for any zone).
      const ok = typeof raw === 'string' && parseDateTime(raw.trim(), 'UTC') !== undefined;
      return ok ? { ok: true, value: (raw as string).trim() } : fail('Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].');
    }
    case 'pk': {
      if (typeof raw === 'boolean' || (typeof raw !== 'number' && typeof raw !== 'string') || !/^\d+$/.test(String(raw).trim())) {
        return fail(`Incorrect type. Expected pk value, received ${pythonTypeName(raw)}.`);
      }
      const id = Number(String(raw).trim());
      return spec.exists(id) ? { ok: true, value: id } : fail(`Invalid pk "${String(raw)}" - object does not exist.`);
    }
    case 'list': {
      if (!Array.isArray(raw)) return fail(`Expected a list of items but got type "${pythonTypeName(raw)}".`);
      if (raw.length === 0 && spec.allowEmpty === false) return fail('This list may not be empty.');
      const errors: Record<string, Errors> = {};
      const value = raw.map((item, index) => {
        const outcome = checkField(spec.child, item, false);
        if (!outcome.ok) errors[String(index)] = outcome.errors;
        return outcome.ok ? outcome.value : undefined;
      });
      return Object.keys(errors).length > 0 ? { ok: false, errors: errors as FieldErrors } : { ok: true, value };
    }
    case 'object':
      return checkObject(spec.fields, raw, partial);
    case 'objectList': {
      if (!Array.isArray(raw)) return { ok: false, errors: { non_field_errors: [`Expected a list of items but got type "${pythonTypeName(raw)}".`] } };
      if (raw.length === 0 && spec.allowEmpty === false) return { ok: false, errors: { non_field_errors: ['This list may not be empty.'] } };
      const outcomes = raw.map((item) => checkObject(spec.fields, item, false));
      if (outcomes.every((o) => o.ok)) return { ok: true, value: outcomes.map((o) => (o.ok ? o.value : undefined)) };
      return { ok: false, errors: outcomes.map((o) => (o.ok ? {} : (o.errors as FieldErrors))) };
    }
    case 'json':
      return { ok: true, value: raw };
  }
}

/** Validate a parsed body against a serializer's fields; `partial` is PATCH (required fields may be absent). */
export function validateBody(fields: Fields, body: unknown, partial = false): { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const outcome = checkObject(fields, body, partial);
  return outcome.ok ? { ok: true, value: outcome.value as Record<string, unknown> } : { ok: false, errors: outcome.errors as FieldErrors };
}
