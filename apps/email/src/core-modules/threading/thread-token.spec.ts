import { randomUUID } from 'node:crypto';
import {
  ThreadTokens,
  baseAddressOf,
  plusTagOf,
  tokenOfMessageId,
  withPlusTag,
} from './thread-token';

describe('conversation tokens', () => {
  const tokens = new ThreadTokens('a-key-of-at-least-32-characters-for-tests');

  it('round-trips a conversation id in 35 lowercase characters', () => {
    const id = randomUUID();
    const token = tokens.sign(id);
    expect(token).toMatch(/^c[a-z2-7]{34}$/);
    expect(tokens.verify(token)).toBe(id);
    // Servers may uppercase a local part.
    expect(tokens.verify(token.toUpperCase())).toBe(id);
  });

  it('refuses a token made up, altered or signed under another key', () => {
    const token = tokens.sign(randomUUID());
    const flipped = `${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}`;
    expect(tokens.verify(flipped)).toBeNull();
    expect(tokens.verify(`c${'a'.repeat(34)}`)).toBeNull();
    expect(new ThreadTokens('another-key-of-at-least-32-characters').verify(token)).toBeNull();
    expect(tokens.verify('orders')).toBeNull();
  });

  it('finds the token in our Message-IDs and in plus-addresses', () => {
    const token = tokens.sign(randomUUID());
    expect(tokenOfMessageId(`cx.${token}.0f3a@acme.test`)).toBe(token);
    expect(tokenOfMessageId('CAF7k2x@mail.gmail.com')).toBeNull();
    const address = withPlusTag('support@acme.test', token);
    expect(address).toBe(`support+${token}@acme.test`);
    expect(plusTagOf(address)).toBe(token);
    expect(baseAddressOf(`Support+${token}@Acme.test`)).toBe('support@acme.test');
    expect(plusTagOf('support@acme.test')).toBeNull();
  });
});
