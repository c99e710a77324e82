import { noticesWorld } from '../../test/support/policy-fakes';
import { currentOf, type PolicyVersion } from './policy';
import { currentPolicy, noticeCounters, publishPolicy } from './publication';

const ADMIN = { kind: 'admin', adminId: 'admin-sub' } as const;
const DAY_MS = 24 * 3600 * 1000;
const version = (name: string, effectiveAt: string, publishedAt: string): PolicyVersion => ({ version: name, effectiveAt, summary: 's', kind: 'policy_change', publishedAt });

describe('publishPolicy', () => {
  it('publishes once, audited, and starts the notices; the same version again is 409 and changes nothing', async () => {
    // Prepare
    const world = noticesWorld();
    const body = { version: '2026-03', effectiveAt: new Date(Date.now() + DAY_MS).toISOString(), summary: 'Faxes are kept 60 days.', kind: 'policy_change' as const };

    // Act
    const published = await publishPolicy(world, body, ADMIN);
    const again = await publishPolicy(world, { ...body, summary: 'Changed.' }, ADMIN).catch((error: Error) => error.name);

    // Assess
    expect(published).toMatchObject({ ...body, publishedAt: expect.any(String) });
    expect(again).toBe('Conflict');
    expect(world.policies.versions.get('2026-03')?.summary).toBe('Faxes are kept 60 days.');
    expect(world.policies.audit).toEqual([{ subject: 'policy:2026-03', action: 'published', actor: ADMIN, at: published.publishedAt }]);
    expect(world.queue.planRequests).toEqual(['2026-03']);
  });

  it('refuses (422) a version already in effect: customers are told before a change', async () => {
    const world = noticesWorld();
    const refused = await publishPolicy(world, { version: '2026-03', effectiveAt: new Date(Date.now() - 1000).toISOString(), summary: 's', kind: 'policy_change' }, ADMIN).catch((error: Error) => error.name);
    expect(refused).toBe('BusinessRuleViolation');
    expect(world.policies.versions.size).toBe(0);
  });
});

describe('the current version', () => {
  const at = new Date('2026-06-01T00:00:00.000Z');

  it('is the latest whose effectiveAt has passed, whatever was published later', () => {
    const versions = [version('a', '2026-01-01T00:00:00.000Z', '2025-12-01T00:00:00.000Z'), version('b', '2026-05-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'), version('c', '2026-07-01T00:00:00.000Z', '2026-05-15T00:00:00.000Z')];
    expect(currentOf(versions, at)?.version).toBe('b');
  });

  it('is the latest published before any has taken effect', () => {
    const versions = [version('a', '2026-09-01T00:00:00.000Z', '2026-05-20T00:00:00.000Z'), version('b', '2026-08-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')];
    expect(currentOf(versions, at)?.version).toBe('a');
  });

  it('is a 404 when none was published', async () => {
    await expect(currentPolicy(noticesWorld().policies)).rejects.toThrow('No privacy policy is published yet.');
  });
});

describe('noticeCounters', () => {
  it('answers pending as what is planned and not settled, never below 0 while a page is being counted', async () => {
    // Prepare
    const counters = { counters: async () => ({ planned: 100, sent: 103, skipped: 2, failed: 0 }) };

    // Act
    const answered = await noticeCounters(counters, '2026-03');

    // Assess
    expect(answered).toEqual({ planned: 105, sent: 103, skipped: 2, failed: 0, pending: 0 });
  });
});
