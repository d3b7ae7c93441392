/**
 * Offline checks of the Salesforce package (force-app), for CI where no org is reachable.
 * Usage: npx tsx scripts/check-package.ts [--no-convert] [--no-types]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackage } from './package/checks.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const started = Date.now();
const problems = await checkPackage(root, { convert: !process.argv.includes('--no-convert'), typeCheck: !process.argv.includes('--no-types') });
for (const p of problems) console.error(`${p.file}: [${p.check}] ${p.message}`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(`check:package: ${problems.length} problem(s) in ${seconds} s`);
  process.exit(1);
}
console.log(`check:package: force-app is clean (${seconds} s)`);
