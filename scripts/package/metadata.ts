/**
 * Reads the package's object and field source (force-app/**\/objects) into plain specs. Shared by the schema
 * generator and the package checks, so both see the metadata the same way.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface FieldSpec {
  type: string;
  length?: number;
  precision?: number;
  scale?: number;
  externalId?: boolean;
  unique?: boolean;
  caseSensitive?: boolean;
  required: boolean;
  referenceTo?: string;
  picklistValues?: string[];
  label: string;
}

export interface PackageModel {
  namespace: string;
  /** object API name -> field API name -> spec */
  objects: Record<string, Record<string, FieldSpec>>;
  /** Custom change-event channels and the entities they carry. */
  channels: { name: string; entities: string[] }[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'value' || name === 'externalCredentialParameters' || name === 'fieldPermissions',
});

export function parseXml(path: string): Record<string, unknown> {
  return parser.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Every file below dir (recursive), as absolute paths, sorted for stable output. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/** The source folders of sfdx-project.json's package directories (force-app/main/default here). */
export function packageDirectories(root: string): string[] {
  const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories: { path: string }[];
  };
  return project.packageDirectories.map((dir) => join(root, dir.path));
}

export function projectNamespace(root: string): string {
  const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as { namespace?: string };
  return project.namespace ?? '';
}

export const FIELD_SPEC_KEYS = [
  'type', 'length', 'precision', 'scale', 'externalId', 'unique', 'caseSensitive', 'required', 'referenceTo', 'picklistValues', 'label',
] as const;

const bool = (v: unknown): boolean | undefined => (v === undefined ? undefined : String(v) === 'true');
const num = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v));

export function readField(path: string): { name: string; spec: FieldSpec } {
  const field = parseXml(path).CustomField as Record<string, unknown> | undefined;
  if (!field || typeof field.fullName !== 'string') throw new Error(`${path}: not a CustomField with a fullName`);
  const spec: FieldSpec = { type: String(field.type), required: bool(field.required) ?? false, label: String(field.label) };
  const length = num(field.length);
  const precision = num(field.precision);
  const scale = num(field.scale);
  if (length !== undefined) spec.length = length;
  if (precision !== undefined) spec.precision = precision;
  if (scale !== undefined) spec.scale = scale;
  if (bool(field.externalId)) spec.externalId = true;
  if (field.unique !== undefined) spec.unique = bool(field.unique);
  if (field.caseSensitive !== undefined) spec.caseSensitive = bool(field.caseSensitive);
  if (field.referenceTo !== undefined) spec.referenceTo = String(field.referenceTo);
  const valueSet = field.valueSet as { valueSetDefinition?: { value?: { fullName: string }[] } } | undefined;
  const values = valueSet?.valueSetDefinition?.value;
  if (values) spec.picklistValues = values.map((v) => String(v.fullName));
  // Keys in the order FieldSpec declares them, so the generated file reads the same for every field.
  const ordered: Record<string, unknown> = {};
  for (const key of FIELD_SPEC_KEYS) {
    if (spec[key] !== undefined) ordered[key] = spec[key];
  }
  return { name: field.fullName, spec: ordered as unknown as FieldSpec };
}

export function readPackageModel(root: string): PackageModel {
  const objects: Record<string, Record<string, FieldSpec>> = {};
  const channels: { name: string; entities: string[] }[] = [];
  for (const dir of packageDirectories(root)) {
    for (const file of listFiles(dir)) {
      if (file.endsWith('.field-meta.xml') && file.includes('/objects/')) {
        const object = file.split('/objects/')[1]!.split('/')[0]!;
        const { name, spec } = readField(file);
        objects[object] ??= {};
        objects[object][name] = spec;
      }
    }
    const channelFiles = listFiles(dir).filter((f) => f.endsWith('.platformEventChannel-meta.xml'));
    const memberFiles = listFiles(dir).filter((f) => f.endsWith('.platformEventChannelMember-meta.xml'));
    for (const file of channelFiles) {
      const name = file.split('/').pop()!.replace('.platformEventChannel-meta.xml', '');
      const entities = memberFiles
        .map((m) => parseXml(m).PlatformEventChannelMember as { eventChannel: string; selectedEntity: string })
        .filter((m) => m.eventChannel === name)
        .map((m) => m.selectedEntity)
        .sort();
      channels.push({ name, entities });
    }
  }
  const sorted: Record<string, Record<string, FieldSpec>> = {};
  for (const object of Object.keys(objects).sort()) {
    sorted[object] = {};
    for (const field of Object.keys(objects[object]!).sort()) sorted[object][field] = objects[object]![field]!;
  }
  return { namespace: projectNamespace(root), objects: sorted, channels };
}
