import { corsOriginsFrom } from './cors';

describe('corsOriginsFrom (CORS_ORIGINS)', () => {
  it("allows the web client's development server when unset", () => {
    // Act
    const origins = corsOriginsFrom(undefined);

    // Assess
    expect(origins).toEqual(['http://localhost:5173']);
  });

  it('takes the origins it lists instead, comma-separated', () => {
    // Act
    const origins = corsOriginsFrom(' https://app.example.test, http://localhost:4173 ');

    // Assess
    expect(origins).toEqual(['https://app.example.test', 'http://localhost:4173']);
  });

  it('allows none when set empty', () => {
    // Act
    const origins = corsOriginsFrom('');

    // Assess
    expect(origins).toEqual([]);
  });

  it.each([['a wildcard', '*'], ['a trailing slash', 'https://app.example.test/'], ['no scheme', 'app.example.test'], ['upper case', 'https://App.example.test']])(
    'refuses to start with %s, which no browser sends as its origin',
    (_case, list) => {
      // Act
      const parse = () => corsOriginsFrom(`http://localhost:5173,${list}`);

      // Assess
      expect(parse).toThrow('CORS_ORIGINS must list origins');
    },
  );
});
