/**
 * A request body read with a byte limit enforced while it streams in: a declared Content-Length over the limit is
 * refused before anything is read, and a chunked (or lying) body is cut off at the first chunk that crosses it,
 * so a 5 MB body never sits in memory to be refused afterwards.
 */
export type BodyRead = { ok: true; body: string | undefined } | { ok: false; reason: 'too-large' };

export async function readBodyWithin(req: Request, limitBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) return { ok: false, reason: 'too-large' };
  if (!req.body) return { ok: true, body: undefined };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel('body too large').catch(() => undefined);
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks).toString('utf8') };
}
