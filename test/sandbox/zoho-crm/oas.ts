/**
 * Ajv validators for Zoho's v8 OAS files (test/fixtures/zoho-crm, see its README): each file is registered under
 * its raw.githubusercontent.com URL so the cross-file `$ref`s resolve offline. The listed relaxations are the
 * only changes; each names the published evidence it follows.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

const BASE = 'https://raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/refs/heads/main/v8.0/';
const FILES = ['record', 'notifications', 'common', 'users', 'modules', 'tags', 'fields', 'profiles', 'layouts', 'custom_views', 'related_lists'] as const;
const FIXTURES = new URL('../../fixtures/zoho-crm/', import.meta.url);

type Schema = Record<string, unknown>;
type Doc = { components: { schemas: Record<string, Schema> } };

const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });

function relax(name: string, doc: Doc): void {
  const s = doc.components.schemas;
  const props = (schema: string) => (s[schema] as { properties: Record<string, Schema> }).properties;
  if (name === 'record') {
    // 1. The published GET example and the newer OAS answer null page tokens on the last page.
    for (const key of ['next_page_token', 'previous_page_token', 'page_token_expiry']) props('Info')[key] = nullable(props('Info')[key] as Schema);
    // 2. Newer OAS: duplicate_field is nullable (an insert matched nothing).
    props('Success_Response').duplicate_field = nullable(props('Success_Response').duplicate_field as Schema);
    // 3. Published GET deleted example: permanently deleted records have no name or users.
    for (const key of ['deleted_by', 'created_by', 'display_name']) props('Deleted_Record')[key] = nullable(props('Deleted_Record')[key] as Schema);
  }
  if (name === 'notifications') {
    // 4. Every published example sends channel ids as strings; the notify_url pattern refuses every real URL.
    props('Notification').channel_id = { type: 'string' };
    props('Notification').notify_url = { type: 'string' };
    // The published GET example and the newer OAS answer null for a channel without conditions.
    props('Notification').notification_condition = nullable(props('Notification').notification_condition as Schema);
    // 5. The published enable example and the newer OAS carry no notification_condition in details.events.
    const event = s.event as { required: string[] };
    event.required = event.required.filter((r) => r !== 'notification_condition');
  }
  if (name === 'fields' || name === 'modules') {
    // 6. The item schemas require ~80 keys no published GET example carries; types of the sent keys are checked.
    // The published GET examples show null for a standard module's modified_by and a plain field's
    // associated_module / external.
    for (const schema of Object.values(s)) delete schema.required;
    if (name === 'modules') props('modules').modified_by = nullable(props('modules').modified_by as Schema);
    if (name === 'fields') for (const key of ['associated_module', 'external']) props('fields')[key] = nullable(props('fields')[key] as Schema);
  }
}

let ajv: Ajv | undefined;

function instance(): Ajv {
  if (ajv) return ajv;
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const name of FILES) {
    const doc = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Doc;
    relax(name, doc);
    ajv.addSchema(doc, `${BASE}${name}.json`);
  }
  return ajv;
}

/** `record.json#/components/schemas/Response_Wrapper` → validator. */
export function oasValidator(ref: string): ValidateFunction {
  const [file, pointer] = ref.split('#');
  const v = instance().getSchema(`${BASE}${file}#${pointer}`);
  if (!v) throw new Error(`no schema ${ref}`);
  return v;
}

/** A schema built from OAS pieces (`{$ref: 'record.json#/...'}` inside), compiled once per shape. */
export function oasSchema(schema: Schema): ValidateFunction {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && !v.startsWith('http') ? `${BASE}${v}` : rewrite(v)]));
    }
    return node;
  };
  return instance().compile(rewrite(schema) as Schema);
}

export function expectValid(validate: ValidateFunction, body: unknown, what: string): void {
  const ok = validate(body);
  expect(ok, `${what}: ${JSON.stringify(validate.errors, null, 1)}\nbody: ${JSON.stringify(body).slice(0, 2000)}`).toBe(true);
}

/** The top-level error envelope (common.json API_Exception: code, details, message, status). */
export function expectZohoError(body: unknown, code: string): void {
  expectValid(oasValidator('common.json#/components/schemas/API_Exception'), body, `error ${code}`);
  expect((body as { code: string }).code).toBe(code);
  expect((body as { status: string }).status).toBe('error');
}

/** A write response: `{data: [Success_Response | API_Exception]}` as record.json declares it. */
export const writeResponse = (): ValidateFunction =>
  oasSchema({
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'array', items: { anyOf: [{ $ref: 'record.json#/components/schemas/Success_Response' }, { $ref: 'common.json#/components/schemas/API_Exception' }] } } },
  });
