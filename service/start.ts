/**
 * `npm start`: the service with a configuration file (production: service/src/main.ts), or the sandbox without one
 * (service/sandbox/main.ts: emulators + demo data, then the same service). The entry is imported only once the
 * mode is known, so production never loads an emulator.
 */
import { modeOf } from './src/config/env.ts';

const entry = modeOf() === 'sandbox' ? await import('./sandbox/main.ts') : await import('./src/main.ts');
await entry.main().catch((err: unknown) => {
  console.error('ml-connector failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
