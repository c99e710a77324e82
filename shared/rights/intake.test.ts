import { accountsWorld, testPseudonymiser } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryRightsRequestQueue, MemoryRightsRequestStore } from '../../test/support/rights-fakes';
import { getProfile } from '../accounts/profile';
import { BusinessRuleViolation, Conflict, Gone, NotFound } from '../errors';
import { ONE_TIME_CODE_ATTEMPTS, ONE_TIME_CODE_LIFETIME_MINUTES } from '../one-time-codes';
import { createRightsRequest, getRightsRequest, verifyRightsRequest } from './intake';

const NOW = '2026-06-15T12:00:00.000Z';
const HTTP_REQUEST_ID = 'req-rights';

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

const rightsWorld = () => {
  const w = accountsWorld();
  const requests = new MemoryRightsRequestStore();
  const queue = new MemoryRightsRequestQueue();
  return { w, requests, queue, deps: { requests, accounts: w.accounts, emails: w.emails, pseudonymiser: testPseudonymiser, queue } };
};

/** A public access request for `email`, with the code emailed for it. */
const givenPublicRequest = async (email = 'Ana.Ruiz@Acme.test') => {
  const world = rightsWorld();
  const receipt = await createRightsRequest(world.deps, { type: 'access', email, details: 'All of it.' }, undefined, HTTP_REQUEST_ID);
  const [sent] = world.w.emails.requested;
  const code = sent?.template === 'rights-request-code' ? sent.params.code : '';
  return { ...world, receipt, code, requestId: receipt.requestId, token: receipt.requestToken! };
};
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('createRightsRequest', () => {
  it('takes a public request pending its code: due in a month, a 6-digit code emailed to the address, code and token kept only as digests', async () => {
    // Act
    const { w, requests, receipt, code, token } = await givenPublicRequest();

    // Assess
    expect(receipt).toEqual({ requestId: expect.stringMatching(/^rrq_/), type: 'access', status: 'pending_verification', dueAt: '2026-07-15T12:00:00.000Z', requestToken: token });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(code).toMatch(/^\d{6}$/);
    expect(w.emails.requested).toEqual([{ template: 'rights-request-code', messageId: `rights-request-code#${receipt.requestId}`, to: 'ana.ruiz@acme.test', params: { code } }]);
    const stored = JSON.stringify([...requests.items.values()]);
    expect(stored).not.toContain(`"${code}"`);
    expect(stored).not.toContain(token);
    expect(requests.items.get(receipt.requestId)).toMatchObject({ email: 'ana.ruiz@acme.test', details: 'All of it.', pendingCode: { codeExpiresAt: '2026-06-15T12:15:00.000Z', attempts: 0 } });
  });

  it('never looks the address up: a public request for a customer’s email is pending and gets its code like any other', async () => {
    // Prepare
    const { w, deps } = rightsWorld();
    await w.signUp('ana@acme.test');
    const lookups = jest.spyOn(w.accounts, 'accountIdByEmail');
    const reads = jest.spyOn(w.accounts, 'get');

    // Act
    const known = await createRightsRequest(deps, { type: 'erasure', email: 'ana@acme.test' }, undefined, HTTP_REQUEST_ID);
    const unknown = await createRightsRequest(deps, { type: 'erasure', email: 'nobody@acme.test' }, undefined, HTTP_REQUEST_ID);

    // Assess
    expect(Object.keys(known)).toEqual(Object.keys(unknown));
    expect([known.status, unknown.status]).toEqual(['pending_verification', 'pending_verification']);
    expect(w.emails.requested.filter(({ template }) => template === 'rights-request-code').map(({ to }) => to)).toEqual(['ana@acme.test', 'nobody@acme.test']);
    expect(lookups).not.toHaveBeenCalled();
    expect(reads).not.toHaveBeenCalled();
  });

  it('verifies at once the request of a customer for their own email (any case), sending nothing and issuing no token', async () => {
    // Prepare
    const { w, deps, requests, queue } = rightsWorld();
    const accountId = await w.signUp('ana@acme.test');
    await getProfile(w.accounts, accountId);
    const sentBefore = w.emails.requested.length;

    // Act
    const receipt = await createRightsRequest(deps, { type: 'rectification', email: 'ANA@acme.test', corrections: { contactName: 'Ana M. Ruiz' } }, accountId, HTTP_REQUEST_ID);

    // Assess
    expect(receipt).toEqual({ requestId: expect.any(String), type: 'rectification', status: 'verified', dueAt: '2026-07-15T12:00:00.000Z' });
    expect(w.emails.requested).toHaveLength(sentBefore);
    expect(requests.items.get(receipt.requestId)).toMatchObject({ accountId, verifiedAt: NOW, corrections: { contactName: 'Ana M. Ruiz' } });
    expect(requests.items.get(receipt.requestId)?.requestTokenHash).toBeUndefined();
    expect(queue.sent).toEqual([{ event: { type: 'rights-request.verified', version: 1, requestId: receipt.requestId }, requestId: HTTP_REQUEST_ID }]);
  });

  it('treats a customer’s request for another email as anyone’s', async () => {
    // Prepare
    const { w, deps } = rightsWorld();
    const accountId = await w.signUp('ana@acme.test');

    // Act
    const receipt = await createRightsRequest(deps, { type: 'access', email: 'bob@acme.test' }, accountId, HTTP_REQUEST_ID);

    // Assess
    expect(receipt).toMatchObject({ status: 'pending_verification', requestToken: expect.any(String) });
    expect(w.emails.requested.at(-1)).toMatchObject({ template: 'rights-request-code', to: 'bob@acme.test' });
  });
});

describe('verifyRightsRequest', () => {
  it('verifies the request with its token and code, once', async () => {
    // Prepare
    const { deps, requests, queue, requestId, token, code } = await givenPublicRequest();

    // Act
    const verified = await verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);
    const again = verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);

    // Assess
    expect(verified).toEqual({ status: 'verified' });
    await expect(again).rejects.toBeInstanceOf(Conflict);
    expect(requests.items.get(requestId)).toMatchObject({ status: 'verified', verifiedAt: NOW });
    expect(requests.items.get(requestId)?.pendingCode).toBeUndefined();
    expect(queue.sent).toEqual([{ event: { type: 'rights-request.verified', version: 1, requestId }, requestId: HTTP_REQUEST_ID }]);
  });

  it('answers verified even when the queue refuses: the request stays listed as verified, for the re-drive', async () => {
    // Prepare
    const { deps, requests, queue, requestId, token, code } = await givenPublicRequest();
    jest.spyOn(queue, 'send').mockRejectedValueOnce(new Error('queue down'));

    // Act
    const verified = await verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);

    // Assess
    expect(verified).toEqual({ status: 'verified' });
    expect(requests.items.get(requestId)?.status).toBe('verified');
  });

  it(`rejects the request at the ${ONE_TIME_CODE_ATTEMPTS}th wrong code; the right one is then a 409`, async () => {
    // Prepare
    const { deps, requests, requestId, token, code } = await givenPublicRequest();

    // Act
    for (let n = 0; n < ONE_TIME_CODE_ATTEMPTS; n += 1) {
      await expect(verifyRightsRequest(deps, requestId, token, wrong(code), HTTP_REQUEST_ID)).rejects.toBeInstanceOf(BusinessRuleViolation);
    }
    const right = verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);

    // Assess
    await expect(right).rejects.toBeInstanceOf(Conflict);
    expect(requests.items.get(requestId)?.status).toBe('rejected');
  });

  it('counts every one of concurrent guesses before comparing: no more than 5 are ever compared', async () => {
    // Prepare
    const { deps, requestId, token, code } = await givenPublicRequest();
    const digests = jest.spyOn(deps.pseudonymiser, 'pseudonym');
    digests.mockClear();

    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => verifyRightsRequest(deps, requestId, token, wrong(String(Number(code) + n)), HTTP_REQUEST_ID)));

    // Assess
    const codeDigests = digests.mock.calls.filter(([purpose]) => purpose === 'rights-request-code-v1');
    expect(codeDigests).toHaveLength(ONE_TIME_CODE_ATTEMPTS);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected' && outcome.reason instanceof Conflict)).toHaveLength(20 - ONE_TIME_CODE_ATTEMPTS);
  });

  it(`refuses the right code after ${ONE_TIME_CODE_LIFETIME_MINUTES} minutes with 410, rejecting the request`, async () => {
    // Prepare
    const { deps, requests, requestId, token, code } = await givenPublicRequest();
    pinClock(new Date(Date.parse(NOW) + ONE_TIME_CODE_LIFETIME_MINUTES * 60 * 1000).toISOString());

    // Act
    const late = verifyRightsRequest(deps, requestId, token, code, HTTP_REQUEST_ID);

    // Assess
    await expect(late).rejects.toBeInstanceOf(Gone);
    expect(requests.items.get(requestId)?.status).toBe('rejected');
  });

  it('answers 404 to another request’s token, to none and to an unknown id, counting nothing', async () => {
    // Prepare
    const mine = await givenPublicRequest();
    const theirs = await createRightsRequest(mine.deps, { type: 'access', email: 'bob@acme.test' }, undefined, HTTP_REQUEST_ID);

    // Act
    const attempts = [
      verifyRightsRequest(mine.deps, mine.requestId, theirs.requestToken, mine.code, HTTP_REQUEST_ID),
      verifyRightsRequest(mine.deps, mine.requestId, undefined, mine.code, HTTP_REQUEST_ID),
      verifyRightsRequest(mine.deps, 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', mine.token, mine.code, HTTP_REQUEST_ID),
    ];

    // Assess
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(NotFound);
    expect(mine.requests.items.get(mine.requestId)?.pendingCode?.attempts).toBe(0);
  });
});

describe('getRightsRequest', () => {
  it('shows the request to its token and to the customer whose email it is about, and to nobody else', async () => {
    // Prepare
    const { w, deps, requestId, token } = await givenPublicRequest('ana@acme.test');
    const owner = await w.signUp('ana@acme.test');
    const other = await w.signUp('bob@acme.test');

    // Act
    const byToken = await getRightsRequest(deps, requestId, { token });
    const byOwner = await getRightsRequest(deps, requestId, { accountId: owner });

    // Assess
    expect(byToken).toEqual({ requestId, type: 'access', status: 'pending_verification', createdAt: NOW, dueAt: '2026-07-15T12:00:00.000Z' });
    expect(byOwner).toEqual(byToken);
    await expect(getRightsRequest(deps, requestId, { accountId: other })).rejects.toBeInstanceOf(NotFound);
    await expect(getRightsRequest(deps, requestId, {})).rejects.toBeInstanceOf(NotFound);
    await expect(getRightsRequest(deps, requestId, { token: 'not-the-token' })).rejects.toBeInstanceOf(NotFound);
  });
});
