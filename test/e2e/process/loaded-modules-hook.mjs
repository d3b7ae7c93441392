// Loaded with `node --import tsx --import <this file>`: records the URL of every module the process resolves, one per
// line, in the file named by LOADED_MODULES_FILE (the test reads which modules a mode loads).
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) register(import.meta.url, { data: { file: process.env.LOADED_MODULES_FILE } });

let file;

export function initialize(data) {
  file = data?.file;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (file) appendFileSync(file, `${result.url}\n`);
  return result;
}
