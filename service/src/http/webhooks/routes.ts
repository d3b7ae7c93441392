/**
 * `/webhooks/:connectionId` — the one public endpoint every system with a push channel posts to (webhooks,
 * notifications, validation handshakes). It sits outside the API-key guard: senders cannot send our key; they prove
 * themselves the way their system does (a shared secret, a signature), checked by the connection's push face.
 * The body is limited while it streams in (413 past the face's bodyLimitBytes); the answer is the face's, once the
 * changes are queued (engine/push.ts), within the sender's timeout or 503 + Retry-After.
 *
 * `/webhooks/business-central/:connectionId` is the same endpoint under the URL Business Central subscriptions were
 * created with before it was generic: installed subscriptions keep working until they are recreated.
 */
import { Hono, type Context } from 'hono';
import type { PushService } from '../../engine/push.ts';
import type { AppEnv } from '../app.ts';
import { readBodyWithin } from './read-body.ts';

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createWebhookRoutes(deps: { push: PushService }) {
  const app = new Hono<AppEnv>();

  async function handle(c: Context<AppEnv>) {
    const connectionId = c.req.param('connectionId') as string;
    const face = deps.push.face(connectionId);
    if (!face) return c.body('no connection with a push channel here', 404, TEXT);
    let body: string | undefined;
    if (!METHODS_WITHOUT_BODY.has(c.req.method)) {
      const read = await readBodyWithin(c.req.raw, face.bodyLimitBytes);
      if (!read.ok) {
        c.get('logger').warn({ connectionId, limitBytes: face.bodyLimitBytes }, 'push request body too large; refused');
        return c.body(`body larger than ${face.bodyLimitBytes} bytes`, 413, { ...TEXT, connection: 'close' });
      }
      body = read.body;
    }
    const res = await deps.push.receive(connectionId, { method: c.req.method, query: c.req.query(), headers: c.req.header(), body });
    return c.body(res.body, res.status as 200, res.headers);
  }

  app.all('/business-central/:connectionId', handle);
  app.all('/:connectionId', handle);
  return app;
}
