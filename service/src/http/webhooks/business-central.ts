/**
 * `POST /webhooks/business-central/:connectionId` — the public endpoint Business Central posts to. It sits outside
 * the API-key guard: BC cannot send our key; it proves itself with the subscription's clientState (checked in
 * constant time by the connector's handler). Answers: the validationToken echoed as text/plain; 202 once the
 * changed records are queued; 401/400 for forged or malformed input (nothing queued); 503 + Retry-After when we
 * cannot queue (BC retries 408/429/5xx and deletes the subscription on any other status).
 */
import { Hono } from 'hono';
import type { BcWebhookService } from '../../connectors/business-central/webhook-service.ts';
import type { AppEnv } from '../app.ts';

/** BC batches at most 1,000 items a POST (~300 bytes each) before it sends one `collection` item instead. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

export function createBcWebhookRoutes(deps: { webhooks: BcWebhookService }) {
  const app = new Hono<AppEnv>();
  // BC's handshake is a POST [C]; a GET carrying validationToken is answered the same way.
  app.on(['POST', 'GET'], '/:connectionId', async (c) => {
    const log = c.get('logger');
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) return c.body('notification body too large', 413, TEXT);
    try {
      const body = c.req.method === 'POST' ? await c.req.text() : undefined;
      const res = await deps.webhooks.handle(c.req.param('connectionId'), {
        method: c.req.method,
        query: c.req.query(),
        headers: c.req.header(),
        body,
      });
      return c.body(res.body, res.status as 200, res.headers);
    } catch (err) {
      // Our fault, not BC's: a retryable status keeps the subscription.
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'business central webhook failed');
      return c.body('try again later', 503, { ...TEXT, 'retry-after': '30' });
    }
  });
  return app;
}
