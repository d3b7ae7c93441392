import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate --name <change>` writes SQL migrations that openStore applies at start-up on both engines.
export default defineConfig({
  dialect: 'postgresql',
  schema: './service/src/store/schema.ts',
  out: './service/drizzle',
});
