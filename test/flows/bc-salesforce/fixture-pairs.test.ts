/**
 * Business Central ↔ Salesforce flows from fixture pairs (fixtures/<flow id>.json, see ../fixture-pairs.ts): each template maps the
 * source records of its fixture to exactly the target writes it lists, parks what it lists, and skips the records
 * that are not for it — through the real runner and mapping, with no emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BC_SALESFORCE_FLOW_TEMPLATES } from '../../../service/src/flows/bc-salesforce/index.ts';
import { storeEngines, type TestStore } from '../../helpers/stores.ts';
import { readFixtures, runFixture } from '../fixture-pairs.ts';

const fixtures = readFixtures(new URL('./fixtures/', import.meta.url).pathname);
const [pglite] = await storeEngines();

describe('Business Central ↔ Salesforce flow templates, fixture pairs', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await pglite!.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('has one fixture per flow template of the pair', () => {
    expect(fixtures.map((f) => f.file).sort()).toEqual(BC_SALESFORCE_FLOW_TEMPLATES.map((t) => `${t.id}.json`).sort());
    for (const { file, fixture } of fixtures) expect(file).toBe(`${fixture.template}.json`);
  });

  for (const { fixture } of fixtures) {
    it(`${fixture.template}: ${fixture.description}`, async () => {
      const { writes, parked, result } = await runFixture(store, fixture);
      expect(result.status).toBe('succeeded');
      expect(writes).toEqual(fixture.writes);
      expect(parked).toEqual((fixture.parked ?? []).map((p) => ({ sourceId: p.sourceId, reason: expect.stringContaining(p.reason) })));
      const skipped = fixture.notForThisFlow ?? [];
      expect(result.stats).toMatchObject({ read: fixture.changes.length, created: fixture.writes.length, parked: parked.length, seen: skipped.length });
    });
  }
});
