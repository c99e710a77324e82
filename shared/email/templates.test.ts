import { ONE_TIME_CODE_LIFETIME_MINUTES } from '../one-time-codes';
import { escapeHtml, isSolicited, renderEmail } from './templates';

const HOSTILE = '<script>alert("x")</script>&\'';

describe('renderEmail', () => {
  it('invites with the username and temporary password and tells the reader to sign in at the web client', () => {
    // Act
    const email = renderEmail({ template: 'login-invitation', params: { username: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH', temporaryPassword: 'Tmp-Pa55word!x' } });

    // Assess
    expect(email.subject).toBe('Your fax service login');
    for (const body of [email.text, email.html]) {
      expect(body).toContain('acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH');
      expect(body).toContain('Tmp-Pa55word!x');
      expect(body).toContain('Sign in at the fax service web client');
    }
  });

  it(`sends the code of an email change, saying it expires in ${ONE_TIME_CODE_LIFETIME_MINUTES} minutes`, () => {
    // Act
    const email = renderEmail({ template: 'email-change-code', params: { code: '493027' } });

    // Assess
    expect(email.subject).toBe('Your email verification code');
    for (const body of [email.text, email.html]) expect(body).toMatch(/493027[\s\S]*expires in 15 minutes/);
  });

  it(`sends the code of a privacy rights request, saying it expires in ${ONE_TIME_CODE_LIFETIME_MINUTES} minutes`, () => {
    // Act
    const email = renderEmail({ template: 'rights-request-code', params: { code: '715204' } });

    // Assess
    expect(email.subject).toBe('Your privacy request verification code');
    for (const body of [email.text, email.html]) expect(body).toMatch(/715204[\s\S]*expires in 15 minutes/);
  });

  it('tells the admins which junk-fax case escalated, of which account, with how many reporters and nothing of theirs', () => {
    // Act
    const email = renderEmail({ template: 'junk-fax-case-escalated', params: { caseId: 'jfc_01JZ8Q3V5K9TWXB2C4D6E8F0GH', accountId: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH', distinctReporters: '3' } });

    // Assess
    expect(email.subject).toBe('A junk-fax case is escalated');
    for (const body of [email.text, email.html]) expect(body).toMatch(/jfc_01JZ8Q3V5K9TWXB2C4D6E8F0GH[\s\S]*3[\s\S]*acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH/);
  });

  it("tells a deactivated client the admin's reason, escaped in the HTML", () => {
    // Act
    const email = renderEmail({ template: 'account-deactivated', params: { reason: `Junk faxes ${HOSTILE}` } });

    // Assess
    expect(email.subject).toBe('Your fax service account is deactivated');
    expect(email.text).toContain(`The reason: Junk faxes ${HOSTILE}`);
    expect(email.html).toContain(escapeHtml(`Junk faxes ${HOSTILE}`));
    expect(email.html).not.toContain('<script>');
  });

  it('tells the requester of an extension its new due date and the admin’s reason', () => {
    // Act
    const email = renderEmail({ template: 'rights-request-extended', params: { requestType: 'withdraw_consent', dueAt: '2026-09-15T12:00:00.000Z', reason: 'The archive takes longer.' } });

    // Assess
    expect(email.subject).toBe('Your privacy request needs more time');
    for (const body of [email.text, email.html]) expect(body).toMatch(/withdraw consent[\s\S]*2026-09-15T12:00:00.000Z[\s\S]*The archive takes longer\./);
  });

  it('tells the admins which request is overdue by its id, type and due date', () => {
    // Act
    const email = renderEmail({ template: 'rights-request-overdue', params: { requestId: 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', requestType: 'erasure', dueAt: '2026-07-15T12:00:00.000Z' } });

    // Assess
    expect(email.subject).toBe('A privacy request is overdue');
    for (const body of [email.text, email.html]) expect(body).toMatch(/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH[\s\S]*erasure[\s\S]*2026-07-15T12:00:00.000Z/);
    expect(email.text).not.toMatch(/@/);
  });

  it("invites a customer's friend with the code and the opt-out link, and carries the one-click unsubscribe headers", () => {
    // Prepare
    const unsubscribeUrl = 'https://api.fax.example/unsubscribe?token=referral_opt_out.x.y';
    const optOutUrl = 'https://api.fax.example/referrals/opt-out?token=referral_opt_out.x.y';

    // Act
    const email = renderEmail({ template: 'referral-invitation', params: { friendName: 'Bo', referralCode: 'K7M2Q9XA', optOutUrl, unsubscribeUrl } });

    // Assess
    for (const body of [email.text, email.html]) expect(body).toMatch(/Bo[\s\S]*K7M2Q9XA[\s\S]*referrals\/opt-out\?token=/);
    expect(email.headers).toEqual([
      { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(isSolicited['referral-invitation']).toBe(false);
  });

  it('gives the emails a reader asked for no unsubscribe headers (codes, sign-in invitations, outcomes)', () => {
    // Act
    const emails = [
      renderEmail({ template: 'login-invitation', params: { username: 'acc_1', temporaryPassword: 'Tmp-Pa55word!x' } }),
      renderEmail({ template: 'email-change-code', params: { code: '493027' } }),
      renderEmail({ template: 'rights-request-completed', params: { requestType: 'access' } }),
    ];

    // Assess
    for (const email of emails) expect(email.headers).toBeUndefined();
  });

  it('escapes parameters in the HTML, keeping them as written in the text', () => {
    // Act
    const email = renderEmail({ template: 'login-invitation', params: { username: HOSTILE, temporaryPassword: HOSTILE } });

    // Assess
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain(escapeHtml(HOSTILE));
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(email.text).toContain(HOSTILE);
  });

  it('names nothing about the reader but what the template carries', () => {
    // Act
    const email = renderEmail({ template: 'email-change-code', params: { code: '493027' } });

    // Assess: no greeting by name, no address, no number
    expect(email.text).not.toMatch(/@|\+\d|Dear/);
  });
});
