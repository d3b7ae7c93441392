/**
 * The sandbox admin over HTTP (`/_sandbox/...` on every API origin), for the console and manual runs; tests use
 * the typed admin. `?orgId=` picks an org other than the primary one. Errors: `{error: {code, message}}`.
 */
import { Hono } from 'hono';
import type { ZohoSandboxAdmin } from './admin.ts';
import type { SandboxEnv } from './api-app.ts';
import { ZohoHttpError } from './errors.ts';
import { fieldInputOf } from './settings-api.ts';

class AdminInputError extends Error {}

async function body(c: { req: { text(): Promise<string> } }): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AdminInputError('the body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AdminInputError('expected a JSON object');
  return parsed as Record<string, unknown>;
}

function num(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new AdminInputError(`'${name}' must be a number`);
  return value;
}

function optString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new AdminInputError(`'${name}' must be a string`);
  return value;
}

export function createAdminRoutes(admin: () => ZohoSandboxAdmin): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const scope = (c: { req: { query(k: string): string | undefined } }) => ({ orgId: c.req.query('orgId') });
  app.onError((err, c) => {
    if (err instanceof ZohoHttpError) return c.json({ error: err.body }, err.status as 400);
    const code = err instanceof AdminInputError || err instanceof RangeError ? 'BAD_REQUEST' : 'ERROR';
    return c.json({ error: { code, message: err instanceof Error ? err.message : String(err) } }, 400);
  });

  app.get('/state', (c) => c.json({ now: new Date(admin().now()).toISOString(), org: admin().orgInfo(scope(c)), behaviour: admin().behaviour() }));
  app.post('/clock/advance', async (c) => {
    admin().advanceClock(num((await body(c)).ms, 'ms'));
    return c.json({ now: new Date(admin().now()).toISOString() });
  });

  app.get('/records/:module', (c) => c.json(admin().listRecords(c.req.param('module'), scope(c))));
  app.post('/records/:module', async (c) => c.json(admin().createRecord(c.req.param('module'), await body(c), scope(c)), 201));
  app.patch('/records/:module/:id', async (c) => c.json(admin().updateRecord(c.req.param('module'), c.req.param('id'), await body(c), scope(c))));
  app.delete('/records/:module/:id', (c) => {
    admin().deleteRecord(c.req.param('module'), c.req.param('id'), scope(c));
    return c.body(null, 204);
  });
  app.post('/records/:module/:id/lock', async (c) => {
    const b = await body(c);
    admin().lockRecord(c.req.param('module'), c.req.param('id'), b.locked !== false, scope(c));
    return c.json({ ok: true });
  });
  app.post('/recycle-bin/empty', async (c) => c.json({ purged: admin().emptyRecycleBin(optString((await body(c)).module, 'module'), scope(c)) }));

  app.post('/modules', async (c) => {
    const b = await body(c);
    const pluralLabel = optString(b.plural_label, 'plural_label');
    if (!pluralLabel) throw new AdminInputError("'plural_label' is required");
    return c.json(admin().createModule({ pluralLabel, singularLabel: optString(b.singular_label, 'singular_label'), apiName: optString(b.api_name, 'api_name') }, scope(c)), 201);
  });
  app.post('/fields/:module', async (c) => {
    const b = await body(c);
    return c.json(admin().createField(c.req.param('module'), { ...fieldInputOf(b), mandatory: b.mandatory === true }, scope(c)), 201);
  });

  app.get('/credits', (c) => c.json({ usage: admin().credits.usage(scope(c)), settings: admin().credits.settings(scope(c)) }));
  app.post('/credits', async (c) => {
    const b = await body(c);
    const { spend, ...patch } = b;
    admin().credits.set(patch as Parameters<ZohoSandboxAdmin['credits']['set']>[0], scope(c));
    if (spend !== undefined) admin().credits.spend(num(spend, 'spend'), scope(c));
    return c.json(admin().credits.usage(scope(c)));
  });

  app.post('/tokens/refresh', async (c) => {
    const b = await body(c);
    const scopes = b.scopes === undefined ? undefined : Array.isArray(b.scopes) ? b.scopes.map(String) : String(b.scopes).split(/[\s,]+/);
    return c.json({ refresh_token: admin().issueRefreshToken({ ...scope(c), scopes }) }, 201);
  });
  app.post('/tokens/revoke', async (c) => c.json({ revoked: admin().revokeRefreshToken(optString((await body(c)).refresh_token, 'refresh_token') ?? '') }));
  app.post('/tokens/expire', (c) => c.json({ expired: admin().expireAccessTokens() }));

  app.get('/notifications', (c) => c.json({ stats: admin().notifications.stats(), deliveries: admin().notifications.deliveries() }));
  app.post('/notifications/flush', async (c) => {
    await admin().notifications.flush();
    return c.json(admin().notifications.stats());
  });
  app.post('/notifications/pause', (c) => {
    admin().notifications.pause();
    return c.json({ paused: true });
  });
  app.post('/notifications/resume', (c) => {
    admin().notifications.resume();
    return c.json({ paused: false });
  });
  app.post('/notifications/outage', async (c) => {
    const on = (await body(c)).on !== false;
    admin().notifications.setOutage(on);
    return c.json({ outage: on });
  });
  app.post('/notifications/drop', async (c) => {
    admin().notifications.dropNext(num((await body(c)).count ?? 1, 'count'));
    return c.json({ ok: true });
  });
  app.post('/notifications/:id/redeliver', async (c) => c.json(await admin().notifications.redeliver(Number(c.req.param('id')))));
  app.get('/channels', (c) => c.json(admin().notifications.channels(scope(c))));
  app.post('/channels/lapse', (c) => c.json({ lapsed: admin().notifications.lapseChannels(scope(c)) }));

  app.post('/faults', async (c) => {
    const b = await body(c);
    const opts = { count: b.count === undefined ? undefined : num(b.count, 'count'), match: optString(b.match, 'match') };
    if (b.kind === 'drop') admin().faults.dropNext(opts);
    else if (b.kind === 'loseResponse') admin().faults.loseResponseNext(opts);
    else {
      admin().faults.failNext({
        ...opts,
        status: num(b.status, 'status'),
        code: optString(b.code, 'code'),
        message: optString(b.message, 'message'),
        retryAfterSeconds: b.retryAfterSeconds === undefined ? undefined : num(b.retryAfterSeconds, 'retryAfterSeconds'),
      });
    }
    return c.json({ ok: true });
  });
  app.post('/latency', async (c) => {
    const b = await body(c);
    admin().faults.setLatency(num(b.ms, 'ms'), optString(b.match, 'match'));
    return c.json({ ok: true });
  });
  app.post('/hold', async (c) => {
    admin().faults.holdCalls(optString((await body(c)).match, 'match'));
    return c.json({ ok: true });
  });
  app.post('/hold/release', (c) => {
    admin().faults.releaseHeld();
    return c.json({ ok: true });
  });
  app.delete('/faults', (c) => {
    admin().faults.clear();
    return c.json({ ok: true });
  });
  app.get('/counters', (c) => c.json({ ...admin().counters(), oauth: admin().oauth.stats(), notifications: admin().notifications.stats() }));
  app.delete('/counters', (c) => {
    admin().resetCounters();
    return c.json({ ok: true });
  });
  app.patch('/behaviour', async (c) => {
    admin().setBehaviour((await body(c)) as Parameters<ZohoSandboxAdmin['setBehaviour']>[0]);
    return c.json(admin().behaviour());
  });
  return app;
}
