/**
 * The GP version the emulator plays, and what that version lacks: SBA resources and SOAP operations are hidden
 * per the connector's coverage table (service/src/connectors/dynamics-gp/version-coverage.ts, which marks each row
 * [V]/[C]/[U]). A resource path or operation the table does not mention is available in every version.
 * The version strings and build numbers are the emulator's [U] convention: SBA's help carries
 * `Version: "Microsoft Dynamics GP <year> (<build>)"`, the SOAP `?wsdl` carries the same text in
 * `wsdl:documentation` (README.md).
 */
import { GP_COVERAGE, type GpVersion } from '../../src/connectors/dynamics-gp/version-coverage.ts';

export type { GpVersion };

/** Marketing year → build shown (GP 2015 = 14.00, 2016 = 16.00, 2018 = 18.00 [C]; "2025" as 18.7 [U]). */
const BUILDS: Record<GpVersion, string> = { '2015': '14.00.0725', '2016': '16.00.0439', '2018': '18.00.0022', '2025': '18.7.0015' };

export function productVersion(version: GpVersion): string {
  return `Microsoft Dynamics GP ${version} (${BUILDS[version]})`;
}

export function sbaResourceAvailable(version: GpVersion, path: string): boolean {
  const rows = GP_COVERAGE.filter((r) => r.transport === 'sba' && r.via.split(' ')[0]!.toUpperCase() === path.toUpperCase());
  return rows.length === 0 || rows.some((r) => r.versions[version] !== undefined);
}

export function soapOperationAvailable(version: GpVersion, operation: string): boolean {
  const rows = GP_COVERAGE.filter((r) => r.transport === 'soap' && r.via.split(/\s*\+\s*/).includes(operation));
  return rows.length === 0 || rows.some((r) => r.versions[version] !== undefined);
}
