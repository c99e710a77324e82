import { testPseudonymiser } from '../../test/support/account-fakes';
import type { EmailRequest } from './outbox';
import type { EmailDeliveries, EmailSender, SuppressionReason } from './ports';
import { sendRequestedEmail } from './send';
import { suppressionKeyOf } from './suppression';

const ANA = 'ana@acme.test';

// The pipeline's ports, with the address suppressed for `reason`.
const pipeline = async (reason: SuppressionReason) => {
  const suppressed = await suppressionKeyOf(testPseudonymiser, ANA);
  const sent: string[] = [];
  const deliveries: EmailDeliveries = { claim: async () => ({ outcome: 'claimed', claimId: 'claim-1' }), markSent: async () => undefined };
  const sender: EmailSender = { send: async (to) => void sent.push(to) };
  return {
    sent,
    deps: {
      deliveries,
      sender,
      pseudonymiser: testPseudonymiser,
      suppressions: { reasonFor: async (key: string) => (key === suppressed ? reason : undefined), suppress: async () => undefined },
    },
  };
};

describe('sendRequestedEmail: an erased person', () => {
  it('is sent nothing they did not ask for (a template not declared solicited)', async () => {
    // Prepare: no unsolicited template exists yet (referral invitations, notices and marketing will be): a stand-in
    const { deps, sent } = await pipeline('erasure');
    const unsolicited = { template: 'policy-notice', params: {}, messageId: 'notice-1', to: ANA } as unknown as EmailRequest;

    // Act
    const outcome = await sendRequestedEmail(deps, unsolicited);

    // Assess
    expect(outcome).toBe('suppressed');
    expect(sent).toEqual([]);
  });

  it('is sent what they asked for (their new sign-up’s invitation)', async () => {
    // Prepare
    const { deps, sent } = await pipeline('erasure');

    // Act
    const outcome = await sendRequestedEmail(deps, { template: 'login-invitation', params: { username: 'acc_1', temporaryPassword: 'Tmp-Pa55word!x' }, messageId: 'invite-1', to: ANA });

    // Assess
    expect(outcome).toBe('sent');
    expect(sent).toEqual([ANA]);
  });
});
