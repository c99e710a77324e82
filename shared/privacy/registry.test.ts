import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { catalog } from '../../functions/catalog';
import { queues } from '../../infra/resources';
import { personalDataRegistry, type Registration } from './registry';

const REPO_ROOT = resolve(__dirname, '..', '..');
const ADAPTERS = join(REPO_ROOT, 'shared', 'adapters');

/** Every source file under shared/adapters (tests aside): the only code that writes items. */
const adapterSources = (dir = ADAPTERS): { file: string; source: string }[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return adapterSources(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [{ file: relative(REPO_ROOT, path), source: readFileSync(path, 'utf8') }];
  });

const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

interface TypeWrite {
  where: string;
  /** The kind written, when the source names it as a literal. */
  kind?: string;
  /** The expression written, when it is not a literal. */
  expression?: string;
  /** For an expression: whether its file declares it an `ItemKind` (so tsc checks every value passed). */
  typedAsItemKind?: boolean;
}

/**
 * Every place an adapter writes the `type` attribute: in an item (`type: 'fax'`), in an update's
 * values (`':type': 'email_delivery'`), or from a variable (`type: kind`), which must be declared
 * an `ItemKind`. Destructuring that drops it (`type: _type`) writes nothing.
 */
const typeWrites = (): TypeWrite[] =>
  adapterSources().flatMap(({ file, source }) =>
    [...source.matchAll(/(?:\btype|':type'): (?:'([^']*)'|([A-Za-z]\w*))/g)].map((match) => {
      const where = `${file}:${lineOf(source, match.index)}`;
      const [, kind, expression] = match;
      if (kind !== undefined) return { where, kind };
      return { where, expression, typedAsItemKind: new RegExp(`\\b${expression}: ItemKind\\b`).test(source) };
    }),
  );

const registered = Object.keys(personalDataRegistry.items);

const everyRegistration = (): [string, Registration][] =>
  Object.entries(personalDataRegistry).flatMap(([section, entries]) =>
    Object.entries(entries as Record<string, Registration>).map(([name, registration]): [string, Registration] => [`${section}.${name}`, registration]),
  );

describe('the personal-data registry', () => {
  it('knows every item kind an adapter writes', () => {
    // Act
    const writes = typeWrites();

    // Assess
    expect(writes.length).toBeGreaterThan(registered.length);
    const unregistered = writes.filter(({ kind }) => kind !== undefined && !registered.includes(kind)).map(({ where, kind }) => `${where}: '${kind}'`);
    expect(unregistered).toEqual([]);
    const untyped = writes.filter(({ expression, typedAsItemKind }) => expression !== undefined && !typedAsItemKind).map(({ where, expression }) => `${where}: ${expression}`);
    expect(untyped).toEqual([]);
  });

  it('knows no kind that no adapter writes', () => {
    // Prepare
    const sources = adapterSources().map(({ source }) => source).join('\n');

    // Act
    const stale = registered.filter((kind) => !sources.includes(`'${kind}'`));

    // Assess
    expect(stale).toEqual([]);
  });

  it('knows exactly the fax bucket prefixes the functions are granted', () => {
    // Prepare
    const granted = new Set(
      catalog.flatMap(({ access: { faxBucket } }) => (faxBucket ? [...(faxBucket.read ?? []), ...(faxBucket.write ?? []), ...(faxBucket.delete ?? [])] : [])),
    );

    // Act
    const prefixes = Object.keys(personalDataRegistry.objects);

    // Assess
    expect(prefixes.sort()).toEqual([...granted].sort());
  });

  it('knows exactly the queues the stacks declare', () => {
    // Act
    const names = Object.keys(personalDataRegistry.queues);

    // Assess
    expect(names.sort()).toEqual(Object.keys(queues).sort());
  });

  it('says, for everything holding personal data, how it links, exports, is erased, kept and categorised', () => {
    // Act
    const incomplete = everyRegistration().flatMap(([name, registration]) => {
      if (!registration.personal) return registration.why.trim() && registration.retention.trim() ? [] : [`${name}: no reason or retention`];
      const gaps = [
        registration.holds.trim() === '' && 'what it holds',
        registration.links.length === 0 && 'a link to the person',
        registration.links.some(({ where }) => where.trim() === '') && 'where each link sits',
        'notExported' in registration.export && registration.export.notExported.trim() === '' && 'why it is not exported',
        registration.erasure.action === 'keep' && registration.erasure.legalBasis.trim() === '' && 'the legal basis for keeping it',
        registration.erasure.action === 'anonymise' && registration.erasure.fields.length === 0 && 'the fields anonymised',
        registration.retention.trim() === '' && 'its retention',
      ].filter((gap): gap is string => typeof gap === 'string');
      return gaps.map((gap) => `${name}: ${gap}`);
    });

    // Assess
    expect(incomplete).toEqual([]);
  });

  it('exports a stored account without its processor token or internal fields', () => {
    // Prepare
    const { export: rule } = personalDataRegistry.items.account;
    const stored = {
      PK: 'ACCOUNT#acc_1',
      SK: 'PROFILE',
      type: 'account',
      accountId: 'acc_1',
      company: 'Acme Dental',
      contactName: 'Ana Ruiz',
      phone: '+15551230000',
      email: 'ana@acme.test',
      faxNumber: '+15551230001',
      status: 'active',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-02T00:00:00.000Z',
      preferences: { marketingEmails: false },
      processing: { restricted: false },
      billing: { processorToken: 'pm_secret', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
      referralCode: 'ACME42',
      referredByAccountId: 'acc_referrer',
      referralId: 'ref_1',
      policyVersion: '2026-01',
      version: 3,
      emailChange: { email: 'new@acme.test', codeHash: 'digest', codeExpiresAt: '2026-11-02T00:15:00.000Z', attempts: 0 },
    };

    // Act
    const exported = rule.mapper(stored);

    // Assess
    expect(exported).toMatchObject({ email: 'ana@acme.test', pendingEmail: 'new@acme.test', policyVersion: '2026-01', billing: { last4: '4242' } });
    expect(JSON.stringify(exported)).not.toMatch(/pm_secret|digest|"version"|PK|GSI|acc_referrer|ref_1/);
  });
});
