import { mailboxOf } from './email-identity';

describe('the mailbox an email reaches', () => {
  it.each([
    ['Ana.Ruiz+junk@Example.TEST ', 'ana.ruiz@example.test'],
    ['ana.ruiz+a+b@example.test', 'ana.ruiz@example.test'],
    ['A.n.a+x@gmail.com', 'ana@gmail.com'],
    ['a.na@googlemail.com', 'ana@gmail.com'],
    ['ana@example.test', 'ana@example.test'],
  ])('takes %j to %j', (email, mailbox) => {
    expect(mailboxOf(email)).toBe(mailbox);
  });

  it('keeps dots where the provider does not ignore them', () => {
    expect(mailboxOf('a.na@example.test')).not.toBe(mailboxOf('ana@example.test'));
  });
});
