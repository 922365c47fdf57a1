import { simpleParser } from 'mailparser';
import { plainSender } from './plain-sender';

const block = (...lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

/** mailparser's reading of the same block: the answer the shortcut must never contradict. */
const mailparserSender = async (head: string) => {
  const mail = await simpleParser(Buffer.from(head, 'latin1'));
  const from = mail.from?.value.flatMap((a) => (a.group ? a.group : [a]));
  return from?.find((a) => a.address?.includes('@'))?.address?.toLowerCase() ?? null;
};

describe('plainSender', () => {
  it.each([
    ['a bare address', block('From: dana@example.test', 'To: s@acme.test'), 'dana@example.test'],
    [
      'a name and angle brackets',
      block('To: s@acme.test', 'From: "Dana, K." <Dana@Example.TEST>'),
      'dana@example.test',
    ],
    [
      'a folded header',
      block('From: "A very long display name that wraps"', '\t<long@example.test>'),
      'long@example.test',
    ],
    [
      'an encoded name',
      block('From: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.test>'),
      'juergen@example.test',
    ],
    ['a group', block('From: Team: ann@example.test, bob@example.test;'), 'ann@example.test'],
    ['a comment', block('From: carl@example.test (Carl at home)'), 'carl@example.test'],
    [
      'lowercase header name, LF only',
      'from: eve@example.test\nto: s@acme.test\n\n',
      'eve@example.test',
    ],
  ])('reads %s as mailparser does', async (_case, head, expected) => {
    expect(plainSender(head)).toBe(expected);
    expect(await mailparserSender(head)).toBe(expected);
  });

  it.each([
    ['no From', block('To: s@acme.test', 'Subject: hi')],
    ['two From headers', block('From: a@example.test', 'From: b@example.test')],
    ['8-bit bytes', block('From: Jürgen <j@example.test>')],
    ['a From without an address', block('From: undisclosed')],
    ['a header that only ends in "from"', block('X-Mailed-From: x@example.test')],
  ])('leaves %s to mailparser', (_case, head) => {
    expect(plainSender(head)).toBeNull();
  });
});
