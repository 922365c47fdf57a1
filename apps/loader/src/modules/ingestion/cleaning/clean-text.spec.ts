import { cleanText, joinHyphenatedLines, normalizeWhitespace } from './clean-text';

describe('joinHyphenatedLines', () => {
  it('joins a word the typesetter broke across a line', () => {
    expect(joinHyphenatedLines('the refund is pay-\nable within five days')).toBe(
      'the refund is payable within five days',
    );
    expect(joinHyphenatedLines('ex- \r\n  plains')).toBe('explains');
  });

  it('keeps hyphens that are not line-end breaks of a lowercase word', () => {
    expect(joinHyphenatedLines('COVID-\n19 rules')).toBe('COVID-\n19 rules');
    expect(joinHyphenatedLines('well-known brand')).toBe('well-known brand');
    expect(joinHyphenatedLines('Steps:\n- open the app\n- sign in')).toBe(
      'Steps:\n- open the app\n- sign in',
    );
    expect(joinHyphenatedLines('see page -\nNext')).toBe('see page -\nNext');
  });
});

describe('normalizeWhitespace', () => {
  it('removes invisible characters, makes exotic spaces plain and collapses runs', () => {
    const noisy = 'Free\u00a0shipping\u200b over\t\t50\u00a0€ \u2003now\u0007!  \r\n';
    expect(normalizeWhitespace(noisy, { keepIndentation: false })).toBe(
      'Free shipping over 50 € now!',
    );
  });

  it('keeps at most one blank line and drops trailing spaces', () => {
    expect(normalizeWhitespace('one   \n\n\n\n two\n \n \nthree', { keepIndentation: false })).toBe(
      'one\n\ntwo\n\nthree',
    );
  });

  it('keeps Markdown indentation when asked, and only then', () => {
    const markdown = '- top\n  - nested   item\n\tcode';
    expect(normalizeWhitespace(markdown, { keepIndentation: true })).toBe(
      '- top\n  - nested item\n  code',
    );
    expect(normalizeWhitespace(markdown, { keepIndentation: false })).toBe(
      '- top\n- nested item\ncode',
    );
  });
});

describe('cleanText', () => {
  it('joins hyphenated words, then normalizes whitespace', () => {
    expect(
      cleanText('  Our  warranty  cov-\n ers\u00ad parts.\n\n\n', { keepIndentation: false }),
    ).toBe('Our warranty covers parts.');
  });
});
