import { canMove, LEGAL_STATUSES, OPEN_STATUSES, type LegalStatus } from './request';

describe('the legal request state machine', () => {
  const allowed: [LegalStatus, LegalStatus][] = [
    ['received', 'awaiting_fee'],
    ['awaiting_fee', 'notice_period'],
    ['awaiting_fee', 'ready'],
    ['notice_period', 'ready'],
    ['ready', 'produced'],
    ...(['received', 'awaiting_fee', 'notice_period', 'ready'] as const).flatMap((from): [LegalStatus, LegalStatus][] => [
      [from, 'objected'],
      [from, 'rejected'],
    ]),
  ];

  it('allows exactly the moves of API.md', () => {
    // Act
    const moves = LEGAL_STATUSES.flatMap((from) => LEGAL_STATUSES.filter((to) => canMove(from, to)).map((to) => [from, to]));

    // Assess
    expect(moves.sort()).toEqual([...allowed].sort());
  });

  it('skips no step: nothing is produced before it is ready, and a closed request stays closed', () => {
    // Assess
    expect(canMove('awaiting_fee', 'produced')).toBe(false);
    expect(canMove('notice_period', 'produced')).toBe(false);
    for (const closed of ['produced', 'objected', 'rejected'] as const) expect(LEGAL_STATUSES.some((to) => canMove(closed, to))).toBe(false);
    expect(OPEN_STATUSES).toEqual(['received', 'awaiting_fee', 'notice_period', 'ready']);
  });
});
