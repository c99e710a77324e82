import { localPseudonymiser } from '../../infra/local/runtime';
import { signCommunicationLink, type CommunicationChoice } from '../../shared/communications/links';
import { call, newCustomer } from './support/client';
import { codeEmailTo, statusOf } from './support/rights';

// The choices emailed links record without sign-in (API.md, "Policy changes and communications"):
// RFC 8058's one-click unsubscribe (`POST /unsubscribe?token=`, the List-Unsubscribe link of every
// notice and invitation), its `GET`, which only says what a POST would do, and the business
// transition's own link. The tokens are signed here as the notices sign them.

jest.setTimeout(60_000);

const tokenOf = (link: CommunicationChoice) => signCommunicationLink(localPseudonymiser(), link);
const ONE_CLICK = { raw: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' };
const preferencesOf = async (token: string) => (await call('GET', '/me', { token })).body.preferences;

/** A customer's access export, through their own verified request. */
const exportOf = async (customer: { form: { email: string }; token: string }) => {
  const filed = await call('POST', '/rights-requests', { token: customer.token, json: { type: 'access', email: customer.form.email } });
  const deadline = Date.now() + 30_000;
  let answer = await statusOf(filed.body.requestId, { token: customer.token });
  while (answer.body.status !== 'completed' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    answer = await statusOf(filed.body.requestId, { token: customer.token });
  }
  return (await (await fetch(answer.body.result.export.url)).json()) as { data: Record<string, Record<string, unknown>[]> };
};

describe('GET and POST /unsubscribe', () => {
  it("says on GET what a POST would do and changes nothing; the one-click POST opts the customer out of all communication, and a second POST changes nothing", async () => {
    // Prepare
    const customer = await newCustomer({ consents: { terms: true, marketing: true, privacyPolicyVersion: '2026-01' } });
    const token = await tokenOf({ choice: 'opt_out_all', accountId: customer.accountId });

    // Act
    const preview = await call('GET', `/unsubscribe?token=${token}`);
    const untouched = await preferencesOf(customer.token);
    const first = await call('POST', `/unsubscribe?token=${token}`, ONE_CLICK);
    const second = await call('POST', `/unsubscribe?token=${token}`);

    // Assess
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ choice: 'opt_out_all', effect: expect.stringContaining('POST') });
    expect(JSON.stringify(preview.body)).not.toContain(customer.form.email);
    expect(untouched).toEqual({ marketingOptIn: true, optOutAll: false, businessTransitionOptOut: false });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ choice: 'opt_out_all', effect: expect.any(String) });
    expect(second).toMatchObject({ status: 200, body: first.body });
    expect(await preferencesOf(customer.token)).toEqual({ marketingOptIn: false, optOutAll: true, businessTransitionOptOut: false });
  });

  it("records the business transition's opt-out as a consent record and an audit entry, both in the access export", async () => {
    // Prepare
    const customer = await newCustomer();
    const token = await tokenOf({ choice: 'business_transition_opt_out', accountId: customer.accountId });

    // Act
    const answer = await call('POST', `/unsubscribe?token=${token}`, ONE_CLICK);

    // Assess
    expect(answer.status).toBe(200);
    expect((await preferencesOf(customer.token)).businessTransitionOptOut).toBe(true);
    const { data } = await exportOf(customer);
    expect(data.consent).toContainEqual(expect.objectContaining({ kind: 'business_transition', granted: false, method: 'email_link' }));
    expect(data.audit_entry).toContainEqual(expect.objectContaining({ action: 'business-transition-consent-withdrawn', by: 'requester' }));
  });

  it('keeps codes flowing to a customer opted out of everything (transactional email is not affected)', async () => {
    // Prepare
    const customer = await newCustomer();
    expect((await call('POST', `/unsubscribe?token=${await tokenOf({ choice: 'opt_out_all', accountId: customer.accountId })}`, ONE_CLICK)).status).toBe(200);

    // Act
    const filed = await call('POST', '/rights-requests', { json: { type: 'access', email: customer.form.email } });

    // Assess
    expect(filed.status).toBe(202);
    expect(await codeEmailTo(customer.form.email)).toBeDefined();
  });

  it('answers 404 to a forged, malformed or missing token, and a problem to a body other than the one-click form, changing nothing', async () => {
    // Prepare
    const customer = await newCustomer();
    const token = await tokenOf({ choice: 'opt_out_all', accountId: customer.accountId });
    const forged = `${token.slice(0, -4)}AAAA`;

    // Act
    const answers = [
      await call('POST', `/unsubscribe?token=${forged}`, ONE_CLICK),
      await call('GET', `/unsubscribe?token=${forged}`),
      await call('POST', '/unsubscribe?token=nonsense', ONE_CLICK),
      await call('POST', '/unsubscribe', ONE_CLICK),
      await call('POST', `/unsubscribe?token=${token}`, { json: { 'List-Unsubscribe': 'One-Click' } }),
      await call('POST', `/unsubscribe?token=${token}`, { raw: 'List-Unsubscribe=Everything', contentType: 'application/x-www-form-urlencoded' }),
      // A customer's link is no referral opt-out: its GET must never make a customer's choice.
      await call('GET', `/referrals/opt-out?token=${token}`),
    ];

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([404, 404, 404, 404, 415, 400, 404]);
    for (const { headers } of answers) expect(headers.get('content-type')).toBe('application/problem+json');
    expect((await preferencesOf(customer.token)).optOutAll).toBe(false);
  });
});
