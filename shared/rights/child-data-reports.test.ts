import { testPseudonymiser } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { erasureWorld } from '../../test/support/erasure-fakes';
import { MemoryRightsRequestQueue } from '../../test/support/rights-fakes';
import { reportChildData } from './child-data-reports';
import { erasure } from './erasure';
import { fulfilRightsRequest, type Fulfil } from './fulfilment';

const CHILD = 'kid@acme.test';
const ADMIN_ID = 'admin-sub-1';

beforeEach(() => pinClock('2026-11-30T10:00:00.000Z'));

const notUsed: Fulfil = async () => {
  throw new Error('not an erasure');
};

describe('child-data reports', () => {
  it("erases the child's account without any proof from them, and emails nobody", async () => {
    // Prepare
    const world = erasureWorld();
    const accountId = await world.signUp(CHILD);
    world.givenFaxes(accountId, 2);
    const queue = new MemoryRightsRequestQueue();
    const fulfilments = { access: notUsed, portability: notUsed, rectification: notUsed, erasure: erasure(world.deps), restriction: notUsed, objection: notUsed, withdraw_consent: notUsed, complaint: notUsed };

    // Act
    const { requestId } = await reportChildData({ requests: world.requestStore, pseudonymiser: testPseudonymiser, queue }, { email: CHILD }, ADMIN_ID, 'req-1');
    const outcome = await fulfilRightsRequest({ requests: world.requestStore, emails: world.emails, fulfilments, isUnderLegalHold: async () => false }, queue.sent[0].event, 'req-2');

    // Assess
    expect(outcome).toBe('completed');
    expect(await world.accounts.get(accountId)).toBeUndefined();
    expect(world.documents.keys.size).toBe(0);
    expect(world.emails.requested.filter(({ template }) => template === 'rights-request-completed')).toEqual([]);
    const completed = await world.requestStore.get(requestId);
    expect(completed).toMatchObject({ type: 'erasure', status: 'completed', reportedBy: ADMIN_ID });
    expect(completed).not.toHaveProperty('email');
  });
});
