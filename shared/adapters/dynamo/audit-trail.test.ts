import { auditEntryPut } from './audit-trail';

const AT = '2026-06-15T12:00:00.000Z';
const SIX_YEARS_SECONDS = 6 * 365 * 24 * 60 * 60;

describe('an audit entry as stored', () => {
  it("lets an entry with an admin's free-text reason expire (TTL) six years after the decision", () => {
    // Act
    const { Item } = auditEntryPut('table', { subject: 'account:acc_1', action: 'deactivated', actor: { kind: 'admin', adminId: 'sub-1' }, at: AT, reason: 'Junk faxes confirmed' });

    // Assess
    expect(Item).toMatchObject({ PK: 'AUDIT#account:acc_1', type: 'audit_entry', reason: 'Junk faxes confirmed', expiresAtEpoch: Date.parse(AT) / 1000 + SIX_YEARS_SECONDS });
  });

  it('keeps an entry without a reason (ids and actions only) for good: no expiry', () => {
    // Act
    const { Item } = auditEntryPut('table', { subject: 'rights-request:rrq_1', action: 'received', actor: { kind: 'requester' }, at: AT });

    // Assess
    expect(Item).not.toHaveProperty('expiresAtEpoch');
  });
});
