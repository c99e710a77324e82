// In-memory stand-ins of the accounts slice's ports, for tests of its use cases: each keeps the
// port's promises (conditions, idempotence), so a rule is tested apart from DynamoDB's wiring.
import { createHmac } from 'node:crypto';
import type { AccountCreatedV1 } from '../../events/account-created';
import type { Account, ConsentRecord, Deactivator, Preferences, ProfileChanges } from '../../shared/accounts/account';
import { AccountChanged, ReferralGone, UniqueValueTaken, type AccountStore } from '../../shared/accounts/account-store';
import type { LoginDirectory } from '../../shared/accounts/logins';
import type { AccountEvents } from '../../shared/accounts/ports';
import type { AuditEntry } from '../../shared/audit/trail';
import type { EmailOutbox, EmailRequest } from '../../shared/email/outbox';
import type { Pseudonymiser } from '../../shared/pseudonyms';
import { signUp } from '../../shared/accounts/sign-up';
import { signUpBody } from './accounts';
import type { ReferralRef } from '../../shared/referrals/referral';
import { MemoryReferralStore } from './referral-fakes';
import { MemoryThrottle } from './throttle';

interface Stored {
  account: Account;
  consents: ConsentRecord[];
  /** When `account.created` was last sent, while the account awaits its login. */
  awaitingLoginSince?: string;
}

/** An AccountStore in memory, keeping every condition the port promises. */
export class MemoryAccountStore implements AccountStore {
  readonly stored = new Map<string, Stored>();
  readonly emailClaims = new Map<string, string>();
  readonly numberClaims = new Map<string, string>();
  readonly referralClaims = new Map<string, string>();

  /** Where activations convert their referrals, with the account, as the table's transaction does. */
  referrals?: MemoryReferralStore;

  async create(account: Account, consents: ConsentRecord[]): Promise<void> {
    if (this.emailClaims.has(account.email)) throw new UniqueValueTaken('email');
    if (this.numberClaims.has(account.faxNumber)) throw new UniqueValueTaken('faxNumber');
    if (this.referralClaims.has(account.referralCode)) throw new UniqueValueTaken('referralCode');
    this.emailClaims.set(account.email, account.accountId);
    this.numberClaims.set(account.faxNumber, account.accountId);
    this.referralClaims.set(account.referralCode, account.accountId);
    const pending = account.status === 'pending';
    this.stored.set(account.accountId, { account: structuredClone(account), consents, ...(pending ? { awaitingLoginSince: account.createdAt } : {}) });
  }

  async get(accountId: string) {
    return structuredClone(this.stored.get(accountId)?.account);
  }

  async accountIdByEmail(email: string) {
    return this.emailClaims.get(email);
  }

  async accountIdByReferralCode(code: string) {
    return this.referralClaims.get(code);
  }

  async updateProfile(current: Account, changes: ProfileChanges, updatedAt: string) {
    const entry = this.writable(current);
    const updated: Account = { ...current, ...changes, updatedAt, version: current.version + 1 };
    if (updated.email !== current.email) {
      if (this.emailClaims.has(updated.email)) throw new UniqueValueTaken('email');
      this.emailClaims.delete(current.email);
      this.emailClaims.set(updated.email, current.accountId);
    }
    entry.account = structuredClone(updated);
    return updated;
  }

  /** The audit entries preference changes appended, oldest first. */
  readonly audit: AuditEntry[] = [];

  async updatePreferences(current: Account, preferences: Preferences, consents: ConsentRecord[], updatedAt: string, processing = current.processing, audit: readonly AuditEntry[] = []) {
    const entry = this.writable(current);
    this.audit.push(...audit);
    entry.account = { ...current, preferences, processing, updatedAt, version: current.version + 1 };
    // A consent record of the same id is rewritten, as the table's Put does.
    entry.consents = [...entry.consents.filter((kept) => !consents.some((consent) => consent.consentId === kept.consentId)), ...consents];
    return structuredClone(entry.account);
  }

  async deactivate(accountId: string, deactivatedAt: string, by: Deactivator) {
    const entry = this.stored.get(accountId);
    if (entry?.account.status !== 'active' || entry.account.removal) return false;
    entry.account = { ...entry.account, status: 'deactivated', deactivatedAt, deactivatedBy: by, updatedAt: deactivatedAt, version: entry.account.version + 1 };
    return true;
  }

  async activate(accountId: string, activatedAt: string, converts?: ReferralRef) {
    const entry = this.stored.get(accountId);
    if (entry?.account.status !== 'pending' || entry.account.removal) return undefined;
    const converted = converts && this.referrals?.referrals.get(converts.referralId);
    if (converts && (converted?.referrerId !== converts.referrerId || converted.status === 'converted')) throw new ReferralGone();
    if (converted) Object.assign(converted, { status: 'converted', convertedAt: activatedAt });
    const { referralId: _converts, ...account } = entry.account;
    entry.account = { ...account, status: 'active', activatedAt, updatedAt: activatedAt, version: entry.account.version + 1 };
    return structuredClone(entry.account);
  }

  async markLoginProvisioned(accountId: string, provisionedAt: string) {
    const entry = this.stored.get(accountId);
    if (!entry) return;
    entry.account.loginProvisionedAt = provisionedAt;
    delete entry.awaitingLoginSince;
  }

  async awaitingLogin(before: Date, limit: number) {
    return this.listed((entry) => entry.awaitingLoginSince, before, limit);
  }

  async noteLoginRequested(accountId: string, sentAt: string) {
    const entry = this.stored.get(accountId);
    if (entry?.awaitingLoginSince !== undefined) entry.awaitingLoginSince = sentAt;
  }

  async unprovenSince(before: Date, limit: number) {
    return this.listed((entry) => (entry.account.status === 'pending' && entry.account.removal !== 'erasure' ? entry.account.createdAt : undefined), before, limit);
  }

  async beginExpiry(accountId: string, createdBefore: Date) {
    const entry = this.stored.get(accountId);
    if (entry?.account.status !== 'pending' || entry.account.createdAt >= createdBefore.toISOString() || entry.account.removal === 'erasure') return undefined;
    entry.account.removal = 'expiry';
    return structuredClone(entry.account);
  }

  async removeExpired(account: Account) {
    const entry = this.stored.get(account.accountId);
    if (entry?.account.removal !== 'expiry' || entry.account.status !== 'pending') return;
    this.stored.delete(account.accountId);
    this.emailClaims.delete(account.email);
    this.numberClaims.delete(account.faxNumber);
    this.referralClaims.delete(account.referralCode);
  }

  async beginErasure(accountId: string) {
    const entry = this.stored.get(accountId);
    if (!entry) return undefined;
    entry.account = { ...entry.account, removal: 'erasure', version: entry.account.version + 1 };
    delete entry.awaitingLoginSince;
    return structuredClone(entry.account);
  }

  /** Numbers handed back into quarantine, and until when. */
  readonly quarantined = new Map<string, string>();

  async quarantineNumber(account: Account, _at: string, until: string) {
    if (this.numberClaims.get(account.faxNumber) !== account.accountId) return;
    this.numberClaims.delete(account.faxNumber);
    this.quarantined.set(account.faxNumber, until);
  }

  async removeErased(account: Account) {
    if (this.stored.get(account.accountId)?.account.removal !== 'erasure') return;
    this.stored.delete(account.accountId);
    if (this.emailClaims.get(account.email) === account.accountId) this.emailClaims.delete(account.email);
    if (this.referralClaims.get(account.referralCode) === account.accountId) this.referralClaims.delete(account.referralCode);
  }

  async countCodeAttempt(accountId: string, maxAttempts: number) {
    const entry = this.stored.get(accountId);
    const change = entry?.account.emailChange;
    if (!entry || !change || change.attempts >= maxAttempts || entry.account.status !== 'active') return undefined;
    entry.account = { ...entry.account, emailChange: { ...change, attempts: change.attempts + 1 }, version: entry.account.version + 1 };
    return structuredClone(entry.account);
  }

  async dropEmailChange(accountId: string, codeHash: string) {
    const entry = this.stored.get(accountId);
    if (entry?.account.emailChange?.codeHash !== codeHash) return;
    const { emailChange: _dropped, ...rest } = entry.account;
    entry.account = { ...rest, version: entry.account.version + 1 };
  }

  async noteLoginEmailCurrent(accountId: string, outdatedAt: string) {
    const entry = this.stored.get(accountId);
    if (entry?.account.loginEmailOutdatedAt === outdatedAt) delete entry.account.loginEmailOutdatedAt;
  }

  async loginEmailsOutdated(before: Date, limit: number) {
    return this.listed((entry) => (entry.account.removal ? undefined : entry.account.loginEmailOutdatedAt), before, limit);
  }

  private writable(current: Account): Stored {
    const entry = this.stored.get(current.accountId);
    if (!entry || entry.account.version !== current.version || entry.account.status === 'pending') throw new AccountChanged();
    return entry;
  }

  private listed(since: (entry: Stored) => string | undefined, before: Date, limit: number) {
    return Promise.resolve(
      [...this.stored.values()]
        .filter((entry) => (since(entry) ?? '~') < before.toISOString())
        .sort((a, b) => (since(a) ?? '').localeCompare(since(b) ?? ''))
        .slice(0, limit)
        .map((entry) => entry.account.accountId),
    );
  }
}

/** A user pool of logins in memory: `signedIn` marks one whose owner chose a password. */
export class MemoryLoginDirectory implements LoginDirectory {
  readonly logins = new Map<string, { email: string; temporaryPassword: string; enabled: boolean; signedIn: boolean }>();
  readonly calls: string[] = [];

  async provision({ accountId, email, temporaryPassword }: { accountId: string; email: string; temporaryPassword: string }) {
    this.calls.push(`provision ${accountId}`);
    const login = this.logins.get(accountId);
    if (login?.signedIn) return 'signedIn' as const;
    this.logins.set(accountId, { email, temporaryPassword, enabled: true, signedIn: false });
    return 'invited' as const;
  }

  async disable(accountId: string) {
    this.calls.push(`disable ${accountId}`);
    const login = this.logins.get(accountId);
    if (login) login.enabled = false;
  }

  async remove(accountId: string) {
    this.calls.push(`remove ${accountId}`);
    this.logins.delete(accountId);
  }

  async changeEmail(accountId: string, email: string) {
    this.calls.push(`changeEmail ${accountId}`);
    const login = this.logins.get(accountId);
    if (login) login.email = email;
  }

  async describe(accountId: string) {
    this.calls.push(`describe ${accountId}`);
    const login = this.logins.get(accountId);
    return login && { username: accountId, email: login.email, emailVerified: true, enabled: login.enabled, status: login.signedIn ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD' };
  }
}

/** The email pipeline's entrance, keeping what it was asked to send (once per message id, as the pipeline would). */
class MemoryEmailOutbox implements EmailOutbox {
  readonly requested: EmailRequest[] = [];

  async request(email: EmailRequest) {
    if (!this.requested.some((sent) => sent.messageId === email.messageId)) this.requested.push(structuredClone(email));
  }

  /** What the address's owner received, in order. */
  to(address: string) {
    return this.requested.filter((email) => email.to === address);
  }
}

class MemoryAccountEvents implements AccountEvents {
  readonly sent: { event: AccountCreatedV1; requestId?: string }[] = [];

  async send(event: AccountCreatedV1, requestId?: string) {
    this.sent.push({ event, ...(requestId === undefined ? {} : { requestId }) });
  }
}

/** The keyed digest, under a test key, as the Pseudonymiser adapter computes it. */
export const testPseudonymiser: Pseudonymiser = {
  pseudonym: async (purpose, values) => createHmac('sha256', 'unit-key').update(JSON.stringify([purpose, ...values])).digest('base64url'),
};

/** A failure of a dependency, once (or always), as a port would raise it. */
export const failing = (what: string) => Object.assign(new Error(`${what} unavailable`), { name: 'ServiceUnavailable' });

/** The accounts slice's ports in memory, and a way to sign someone up through the real use case. */
export const accountsWorld = () => {
  const accounts = new MemoryAccountStore();
  const referrals = new MemoryReferralStore();
  accounts.referrals = referrals;
  const logins = new MemoryLoginDirectory();
  const emails = new MemoryEmailOutbox();
  const events = new MemoryAccountEvents();
  // Generous: tests of the sign-up limits set their own.
  const limits = { throttle: new MemoryThrottle(), pseudonymiser: testPseudonymiser, perSourcePerDay: 1_000 };
  let passwords = 0;
  let signUps = 0;
  const newPassword = () => `Temp-Password-${(passwords += 1)}!aA1`;
  return {
    accounts,
    logins,
    emails,
    events,
    limits,
    referrals,
    deps: { accounts, logins, emails, newPassword },
    /** Signs up (a distinct fax number each time); answers the account id. */
    signUp: async (email = 'ana@acme.test', faxNumber = `+1555123${String((signUps += 1)).padStart(4, '0')}`) => {
      const { accountId } = await signUp({ accounts, events, limits, referrals }, { ...signUpBody(), email, faxNumber }, { requestId: 'req-sign-up', sourceIp: '192.0.2.1' });
      return accountId;
    },
  };
};
export type AccountsWorld = ReturnType<typeof accountsWorld>;
