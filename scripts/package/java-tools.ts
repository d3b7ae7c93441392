/**
 * The Java tools of Salesforce Code Analyzer's PMD engine, run straight from its npm package
 * (@salesforce/code-analyzer-pmd-engine: PMD 7, Salesforce's AppExchange rules, apex-ls) on the JDK from Debian's
 * packages (`apt-get install openjdk-17-jre-headless`; Java 11+ works). No network, no Code Analyzer CLI.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** Above what the checks take on a busy 2-core machine (PMD ≈ 10 s, apex-ls ≈ 6 s), far below a hang. */
const JAVA_TIMEOUT_MS = 300_000;

export function javaLibDir(): string {
  return join(dirname(require.resolve('@salesforce/code-analyzer-pmd-engine')), 'java-lib');
}

export interface JavaRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Set when java could not be started at all (not installed, not on PATH). */
  startError?: string;
}

export function runJava(mainClass: string, args: string[], cwd: string): JavaRun {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const result = spawnSync(java, ['-cp', join(javaLibDir(), '*'), mainClass, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: JAVA_TIMEOUT_MS,
  });
  const startError = result.error ? `${java}: ${result.error.message} (install a JDK 11+, e.g. apt-get install openjdk-17-jre-headless)` : undefined;
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ...(startError ? { startError } : {}) };
}
