/**
 * SBA URLs: `/GPService/Tenants(<tenant>)/Companies(<company>)/<Module>/<Resource>[(<key>[;<key>...])]`
 * (FACTS §2.1, §2.3 #9/#10). The raw path is split on "/" before percent-decoding, so an encoded "/" or ";"
 * inside a company name or key cannot change the route; company names arrive raw or percent-encoded
 * (`Companies(Fabrikam%2C%20Inc.)`).
 */
import { SbaError, badRequest } from './sba-error.ts';

export interface SbaPath {
  tenant: string;
  /** `/GPService/Tenants(<t>)/help` */
  help: boolean;
  company?: string;
  resourcePath?: string;
  key?: string[];
}

const SEGMENT_RE = /^([A-Za-z][A-Za-z0-9]*)\((.*)\)$/s;

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw badRequest(`"${part}" is not valid percent-encoding`);
  }
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1).replace(/''/g, "'") : value;
}

function parenthesized(segment: string | undefined, name: string): string | undefined {
  if (segment === undefined) return undefined;
  const m = SEGMENT_RE.exec(segment);
  if (!m || m[1]!.toLowerCase() !== name.toLowerCase()) return undefined;
  return m[2]!;
}

export function parseSbaPath(rawPath: string, servicePath: string): SbaPath {
  const notFound = () => new SbaError(404, 'NotFound', `No GP Service endpoint at ${rawPath}`);
  const segments = rawPath.split('/').filter((s) => s !== '');
  const serviceSegments = servicePath.split('/').filter((s) => s !== '');
  for (const expected of serviceSegments) {
    if (segments.shift()?.toLowerCase() !== expected.toLowerCase()) throw notFound();
  }
  const tenantRaw = parenthesized(segments.shift(), 'Tenants');
  if (tenantRaw === undefined) throw notFound();
  const tenant = unquote(decode(tenantRaw));
  if (segments.length === 1 && segments[0]!.toLowerCase() === 'help') return { tenant, help: true };
  const companyRaw = parenthesized(segments.shift(), 'Companies');
  if (companyRaw === undefined) throw notFound();
  const company = unquote(decode(companyRaw));
  if (segments.length === 0) return { tenant, help: false, company };
  const last = segments[segments.length - 1]!;
  const keyed = SEGMENT_RE.exec(last);
  const names = [...segments.slice(0, -1), keyed ? keyed[1]! : last];
  if (names.some((n) => !/^[A-Za-z][A-Za-z0-9]*$/.test(n))) throw notFound();
  const key = keyed ? keyed[2]!.split(';').map((k) => unquote(decode(k))) : undefined;
  return { tenant, help: false, company, resourcePath: names.join('/'), key };
}
