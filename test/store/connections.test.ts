import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionSecretsError } from '../../service/src/store/repos/connections-repo.ts';
import { computeKeyId } from '../../service/src/store/secret-box.ts';
import { createSecretKey, storeEngines, type TestStore } from '../helpers/stores.ts';

const engines = await storeEngines();
const PASSWORD = 'gp-Pa55word!unique-7781';
const CLIENT_SECRET = 'sf-client-secret-unique-9923';

function captureError(fn: () => Promise<unknown>): Promise<Error> {
  return fn().then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err as Error,
  );
}

describe.each(engines)('connections on $name', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await engine.open({ durable: engine.name === 'pglite' });
  });
  afterAll(async () => {
    await store.close();
  });

  it('upserts, lists without secret values, and gets with secrets', async () => {
    const summary = await store.connections.upsert({
      id: 'gp-main',
      system: 'dynamics-gp',
      name: 'GP production',
      config: { baseUrl: 'https://gp.example/', company: 'TWO', userName: 'svc' },
      secrets: { password: PASSWORD },
    });
    expect(summary).toMatchObject({ id: 'gp-main', system: 'dynamics-gp', secretNames: ['password'] });
    expect(summary).not.toHaveProperty('secrets');
    expect(summary.createdAt).toBeInstanceOf(Date);

    await store.connections.upsert({ id: 'sf', system: 'salesforce', name: 'SF', config: {}, secrets: { clientSecret: CLIENT_SECRET } });
    const list = await store.connections.list();
    expect(list.map((c) => c.id)).toEqual(['gp-main', 'sf']);
    expect(JSON.stringify(list)).not.toContain(PASSWORD);
    expect(JSON.stringify(list)).not.toContain(CLIENT_SECRET);
    expect(list[0]).toMatchObject({ config: { company: 'TWO' }, secretNames: ['password'] });

    const got = await store.connections.get('gp-main');
    expect(got?.secrets).toEqual({ password: PASSWORD });
    expect(got?.config).toEqual({ baseUrl: 'https://gp.example/', company: 'TWO', userName: 'svc' });
    expect(await store.connections.get('missing')).toBeUndefined();
  });

  it('keeps stored secrets the update omits, replaces the ones it gives, and bumps updatedAt', async () => {
    const before = await store.connections.get('gp-main');
    await store.connections.upsert({
      id: 'gp-main',
      system: 'dynamics-gp',
      name: 'GP production (renamed)',
      config: { baseUrl: 'https://gp2.example/' },
      secrets: { apiKey: 'k-1' },
    });
    const after = await store.connections.get('gp-main');
    expect(after?.name).toBe('GP production (renamed)');
    expect(after?.config).toEqual({ baseUrl: 'https://gp2.example/' });
    expect(after?.secrets).toEqual({ password: PASSWORD, apiKey: 'k-1' });
    expect(after?.secretNames).toEqual(['apiKey', 'password']);
    expect(after?.createdAt.getTime()).toBe(before?.createdAt.getTime());
    expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(before!.updatedAt.getTime());

    await store.connections.upsert({ id: 'gp-main', system: 'dynamics-gp', name: 'GP', config: {}, secrets: { password: 'new-pw' } });
    expect((await store.connections.get('gp-main'))?.secrets).toEqual({ password: 'new-pw', apiKey: 'k-1' });
    await store.connections.upsert({ id: 'gp-main', system: 'dynamics-gp', name: 'GP', config: {}, secrets: { password: PASSWORD } });
  });

  it('keeps secrets encrypted at rest: no plaintext in any column', async () => {
    const rows = await store.queryRaw('select * from connections where id = $1', ['gp-main']);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(PASSWORD);
    expect(raw).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(String(rows[0]?.secrets_sealed)).toMatch(/^v1\.[0-9a-f]{16}\./);
  });

  it('detects a tampered secrets column and names the connection, not the secret', async () => {
    await store.connections.upsert({ id: 'victim', system: 'x', name: 'V', config: {}, secrets: { password: PASSWORD } });
    const [row] = await store.queryRaw('select secrets_sealed from connections where id = $1', ['victim']);
    const sealed = String(row?.secrets_sealed);
    const at = sealed.length - 5;
    const tampered = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    await store.queryRaw('update connections set secrets_sealed = $1 where id = $2', [tampered, 'victim']);

    const err = await captureError(() => store.connections.get('victim'));
    expect(err).toBeInstanceOf(ConnectionSecretsError);
    expect(err.message).toMatch(/connection "victim".*tampered/);
    expect(err.message).not.toContain(PASSWORD);
    // list() needs no decryption, so a broken row does not hide the others.
    expect((await store.connections.list()).map((c) => c.id)).toContain('victim');
    // An update that omits secrets must not silently drop the unreadable ones.
    await expect(
      store.connections.upsert({ id: 'victim', system: 'x', name: 'V', config: {}, secrets: {} }),
    ).rejects.toThrow(/connection "victim"/);
  });

  it('refuses a blob copied from another connection', async () => {
    const [row] = await store.queryRaw('select secrets_sealed from connections where id = $1', ['sf']);
    await store.queryRaw('update connections set secrets_sealed = $1 where id = $2', [row?.secrets_sealed, 'victim']);
    await expect(store.connections.get('victim')).rejects.toThrow(/connection "victim"/);
  });

  it('deletes', async () => {
    expect(await store.connections.delete('victim')).toBe(true);
    expect(await store.connections.delete('victim')).toBe(false);
    expect(await store.connections.get('victim')).toBeUndefined();
  });

  it('refuses to decrypt with a wrong key, naming the connection and both key ids', async () => {
    const wrongKey = createSecretKey();
    store = await store.reopen({ secretKey: wrongKey });
    const err = await captureError(() => store.connections.get('gp-main'));
    expect(err).toBeInstanceOf(ConnectionSecretsError);
    expect((err as ConnectionSecretsError).connectionId).toBe('gp-main');
    expect(err.message).toMatch(/connection "gp-main".*wrong or rotated secret key/);
    expect(err.message).toContain(computeKeyId(wrongKey));
    expect(err.message).not.toContain(PASSWORD);
    // Non-secret data stays readable with any key.
    expect((await store.connections.list()).map((c) => c.id)).toEqual(['gp-main', 'sf']);
  });
});
