/**
 * Response schemas from Procurify's published OAS (test/fixtures/procurify/openapi.yaml), compiled with ajv; the
 * adjustments made to the document are listed, with reasons, in test/fixtures/procurify/README.md.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;

const OAS_PATH = new URL('../../fixtures/procurify/openapi.yaml', import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface Oas {
  /** The raw published document (paths, components). */
  doc: { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };
  /** Errors of `body` against `#/components/schemas/<name>` (empty when it conforms). */
  errorsFor(name: string, body: unknown): string[];
}

function stripExtensions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripExtensions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Schema)
      .filter(([k]) => !k.startsWith('x-') && k !== 'example')
      .map(([k, v]) => [k, stripExtensions(v)]),
  );
}

function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Schema;
  if (schema.nullable === true && Array.isArray(schema.allOf)) {
    // OAS 3.0: `nullable` covers the whole schema, allOf included; in JSON Schema the allOf would refuse null.
    const { nullable: _nullable, ...rest } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [{ type: 'null' }, rest];
  }
  if (schema.properties && typeof schema.properties === 'object' && schema.additionalProperties === undefined) schema.additionalProperties = false;
  if (Array.isArray(schema.enum) && schema.nullable === true && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  Object.values(schema).forEach(closeObjects);
}

const nullableRef = (name: string): Schema => ({ anyOf: [{ $ref: `#/components/schemas/${name}` }, { type: 'null' }] });

export function loadOas(): Oas {
  const raw = parse(readFileSync(OAS_PATH, 'utf8')) as Oas['doc'];
  const schemas = structuredClone(stripExtensions(raw.components.schemas)) as Record<string, Schema>;
  closeObjects(schemas);
  (schemas.VendorTypeEnum as Schema).enum = [1, 2, 3, 4, 5, 6, 7];
  for (const owner of ['PurchaseOrderDocs', 'PurchaseOrderDetail']) ((schemas[owner] as Schema).properties as Schema).contract = nullableRef('PurchaseOrderContract');
  ((schemas.OrderRead as Schema).properties as Schema).next_approver = nullableRef('UserSummary');

  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['decimal', 'float', 'double', 'int32', 'int64', 'binary']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'procurify', components: { schemas } });
  const compiled = new Map<string, ValidateFunction>();
  return {
    doc: raw,
    errorsFor(name, body) {
      if (!schemas[name]) throw new Error(`no schema ${name} in the OAS`);
      let validate = compiled.get(name);
      if (!validate) {
        validate = ajv.compile({ $ref: `procurify#/components/schemas/${name}` });
        compiled.set(name, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    },
  };
}
