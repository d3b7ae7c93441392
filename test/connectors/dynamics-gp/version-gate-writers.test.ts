/**
 * The version gate covers writers too: a flow writing GL journals through SBA to a GP 2015 server (whose SBA has no
 * GL transactions, FACTS §2.1 [V]) is refused before anything is sent, naming the entity, version and the SOAP
 * alternative; a 2018 server accepts the same writer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamicsGpModule } from '../../../service/src/connectors/dynamics-gp/index.ts';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { gpConfig, startGp } from './soap/helpers.ts';

function runtimeFor(gp: GpSandbox) {
  const { password, ...config } = gpConfig(gp) as Record<string, unknown> & { password: string };
  const now = new Date();
  return dynamicsGpModule.create(
    { id: 'gp', system: 'dynamics-gp', name: 'GP', config, secrets: { password }, secretNames: ['password'], createdAt: now, updatedAt: now },
    { logger: silentLogger() },
  );
}

describe('version gate on writers', () => {
  let gp2015: GpSandbox;
  beforeAll(async () => {
    gp2015 = await startGp({ gpVersion: '2015' });
  });
  afterAll(() => gp2015?.stop());

  it('refuses GL journals over SBA on GP 2015 before sending anything', async () => {
    const rt = runtimeFor(gp2015);
    try {
      const writer = rt.writer('glTransactions', 'Reference', {});
      const before = gp2015.counters().responses;
      const err = await writer.write([{ sourceId: '801x', key: 'SF00000100', fields: {} }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectorError);
      expect(err).toMatchObject({ category: 'validation', code: 'GP_NOT_OFFERED_BY_VERSION' });
      expect((err as Error).message).toMatch(/Dynamics GP 2015 does not offer create of glTransactions over SBA.*use transport "soap"/);
      const postsAfter = Object.entries(gp2015.counters().responses).filter(([k]) => k.startsWith('POST')).reduce((n, [, v]) => n + v, 0);
      const postsBefore = Object.entries(before).filter(([k]) => k.startsWith('POST')).reduce((n, [, v]) => n + v, 0);
      expect(postsAfter).toBe(postsBefore);
    } finally {
      await rt.close();
    }
  });
});
