import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'selfsigned';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { makeClient, startSandbox } from './helpers.ts';

describe('GP client over https (the real GP Service is HTTPS-only)', () => {
  let gp: GpSandbox;
  let caPem: string;
  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'gpweb01.fabrikam.local' }], {
      keyType: 'ec',
      curve: 'P-256',
      notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    caPem = pems.cert;
    gp = await startSandbox({ tls: { key: pems.private, cert: pems.cert } });
  });
  afterAll(() => gp.stop());

  it('authenticates with NTLM over TLS when told to trust the GP certificate (caPem)', async () => {
    expect(gp.url).toMatch(/^https:\/\//);
    const client = makeClient(gp, { allowInsecureHttp: false, caPem });
    try {
      expect((await client.getCustomer('AARONFIT0001')).customer?.Name).toBe('Aaron Fitz Electrical');
    } finally {
      await client.close();
    }
  });

  it('without caPem the untrusted certificate is reported as a configuration (auth) problem, not retried', async () => {
    const client = makeClient(gp, { allowInsecureHttp: false });
    try {
      await expect(client.getCustomer('AARONFIT0001')).rejects.toMatchObject({ category: 'auth', message: expect.stringContaining('set caPem') });
    } finally {
      await client.close();
    }
  });
});
