import { pgSafeText, pgSafeValue } from './postgres-text';

describe('pgSafeText', () => {
  it('keeps ordinary text, emoji and every script as it is', () => {
    for (const text of ['hello', 'olá 👋🏽', 'مرحبا', '你好', 'e\u0301', '👨‍👩‍👧'])
      expect(pgSafeText(text)).toBe(text);
  });

  it('drops NUL and replaces lone surrogates', () => {
    expect(pgSafeText('a\u0000b')).toBe('ab');
    expect(pgSafeText('x\uD800y')).toBe('x\uFFFDy');
    expect(pgSafeText('\uDC00')).toBe('\uFFFD');
    expect(pgSafeText('ok 😀\u0000')).toBe('ok 😀');
  });

  it('cleans every string of a nested value, keys included, and leaves the rest', () => {
    const when = new Date(0);
    expect(
      pgSafeValue({ 'k\u0000': ['v\u0000', { deep: '\uD83D' }], n: 1, b: true, nil: null, when }),
    ).toEqual({ k: ['v', { deep: '\uFFFD' }], n: 1, b: true, nil: null, when });
  });
});
