import { countTokens, decodeTokens, encodeTokens, tailTokens, truncateToTokens } from './tokens';

describe('cl100k token counting', () => {
  it('counts cl100k_base tokens', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(decodeTokens(encodeTokens('Straße, 東京 and emoji 🎉'))).toBe(
      'Straße, 東京 and emoji 🎉',
    );
  });

  it('treats special-token text in user content as plain text instead of throwing', () => {
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('truncates to a prefix of at most n tokens, never splitting a character', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20) + '🎉🎉🎉';
    for (const n of [1, 5, 17, 200, 500]) {
      const prefix = truncateToTokens(text, n);
      expect(text.startsWith(prefix)).toBe(true);
      expect(countTokens(prefix)).toBeLessThanOrEqual(n);
    }
    expect(truncateToTokens('short', 10)).toBe('short');
    expect(truncateToTokens('anything', 0)).toBe('');
    expect(truncateToTokens('🎉🎉🎉', 1)).not.toContain('\uFFFD');
  });

  it('takes a tail of at most n tokens that starts at a word boundary', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
    const tail = tailTokens(text, 4);
    expect(text.endsWith(tail)).toBe(true);
    expect(countTokens(tail)).toBeLessThanOrEqual(4);
    expect(text.charAt(text.length - tail.length - 1)).toBe(' ');
  });
});
