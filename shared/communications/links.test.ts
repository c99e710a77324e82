import { testPseudonymiser } from '../../test/support/account-fakes';
import { NotFound } from '../errors';
import { readCommunicationLink, signCommunicationLink, unsubscribeUrl, type CommunicationChoice } from './links';

const ACCOUNT_ID = 'acc_01KB0000000000000000000001';
const OTHER_ACCOUNT_ID = 'acc_01KB0000000000000000000002';
const EMAIL_HASH = 'Xq3vGd7Zf8yHk2LmNpQrStUvWxYz0123456789abcde';

const choices: CommunicationChoice[] = [
  { choice: 'opt_out_all', accountId: ACCOUNT_ID },
  { choice: 'business_transition_opt_out', accountId: ACCOUNT_ID },
  { choice: 'referral_opt_out', emailHash: EMAIL_HASH },
];

const read = (token: string | undefined) => readCommunicationLink(testPseudonymiser, token);

describe('communication links', () => {
  it.each(choices)('reads back the choice it was signed for: $choice', async (link) => {
    // Act
    const token = await signCommunicationLink(testPseudonymiser, link);

    // Assess
    await expect(read(token)).resolves.toEqual(link);
    expect(unsubscribeUrl('https://api.fax.example', token)).toBe(`https://api.fax.example/unsubscribe?token=${token}`);
  });

  it('answers 404 for a token signed for another account or another choice, a forged signature, a malformed or a missing token', async () => {
    // Prepare
    const token = await signCommunicationLink(testPseudonymiser, { choice: 'opt_out_all', accountId: ACCOUNT_ID });
    const signature = token.split('.')[2];
    const tampered = [
      `opt_out_all.${OTHER_ACCOUNT_ID}.${signature}`,
      `business_transition_opt_out.${ACCOUNT_ID}.${signature}`,
      `referral_opt_out.${ACCOUNT_ID}.${signature}`,
      `opt_out_all.${ACCOUNT_ID}.${'A'.repeat(43)}`,
      `unknown_choice.${ACCOUNT_ID}.${signature}`,
      `opt_out_all.${EMAIL_HASH}.${signature}`,
      token.slice(0, -1),
      `${token}.`,
      'x'.repeat(3000),
      '',
      undefined,
    ];

    // Act
    const outcomes = await Promise.allSettled(tampered.map(read));

    // Assess
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && outcome.reason instanceof NotFound)).toEqual(tampered.map(() => true));
  });
});
