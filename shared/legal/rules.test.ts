import { LEGAL_CATEGORIES, LEGAL_KINDS, PRODUCTION_RULES, producibleOf, withheldOf } from './rules';

describe('the production table (kind × category)', () => {
  it.each([
    ['customer_consent', []],
    ['civil_subpoena', ['fax_content']],
    ['criminal_subpoena', ['fax_content']],
    ['court_order', []],
    ['search_warrant', []],
  ] as const)('under a %s withholds exactly %j, each with its reason', (kind, withheld) => {
    // Act
    const listed = withheldOf(kind, [...LEGAL_CATEGORIES]);

    // Assess
    expect(listed.map(({ category }) => category)).toEqual(withheld);
    for (const { reason } of listed) expect(reason).toMatch(/content of communications/);
    expect(producibleOf(kind, [...LEGAL_CATEGORIES])).toEqual(LEGAL_CATEGORIES.filter((category) => !(withheld as readonly string[]).includes(category)));
  });

  it('names the ECPA when a civil subpoena asks for content', () => {
    // Act
    const [{ reason }] = withheldOf('civil_subpoena', ['fax_content']);

    // Assess
    expect(reason).toContain('Electronic Communications Privacy Act');
  });

  it('has a rule for every kind and category, and lists nothing withheld outside the scope', () => {
    // Assess
    for (const kind of LEGAL_KINDS) expect(Object.keys(PRODUCTION_RULES[kind]).sort()).toEqual([...LEGAL_CATEGORIES].sort());
    expect(withheldOf('civil_subpoena', ['account', 'fax_metadata'])).toEqual([]);
  });
});
