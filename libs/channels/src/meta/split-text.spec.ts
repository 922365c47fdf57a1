import { splitMeasuredText, utf16Length, utf8Bytes } from './split-text';

describe('splitMeasuredText', () => {
  it('keeps a text within the limit whole, and sends nothing for blank text', () => {
    expect(splitMeasuredText('Hello there', 20)).toEqual(['Hello there']);
    expect(splitMeasuredText(' \n ', 20)).toEqual([]);
  });

  it('breaks between words so that every part fits and no word is lost or cut', () => {
    const words = Array.from({ length: 600 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const parts = splitMeasuredText(text, 2000);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part) => expect(part.length).toBeLessThanOrEqual(2000));
    expect(parts.join(' ').split(' ')).toEqual(words);
  });

  it('prefers a line break over a space when both are in reach', () => {
    const text = `${'a'.repeat(60)}\n${'b'.repeat(20)} ${'c'.repeat(30)}`;
    expect(splitMeasuredText(text, 100)).toEqual([
      'a'.repeat(60),
      `${'b'.repeat(20)} ${'c'.repeat(30)}`,
    ]);
  });

  it('cuts a text without spaces at the limit', () => {
    const parts = splitMeasuredText('x'.repeat(4500), 2000);
    expect(parts.map((p) => p.length)).toEqual([2000, 2000, 500]);
  });

  it('never splits an emoji, even a joined sequence, when measuring UTF-16 or UTF-8', () => {
    const family = '👨‍👩‍👧‍👦';
    const text = family.repeat(50);
    for (const [limit, measure] of [
      [30, utf16Length],
      [30, utf8Bytes],
    ] as const) {
      const parts = splitMeasuredText(text, limit, measure);
      parts.forEach((part) => {
        expect(measure(part)).toBeLessThanOrEqual(limit);
        expect(part.split(family).join('')).toBe('');
      });
      expect(parts.join('')).toBe(text);
    }
  });

  it('counts bytes when asked: 600 two-byte letters do not fit in 1000 bytes', () => {
    const parts = splitMeasuredText('é'.repeat(600), 1000, utf8Bytes);
    expect(parts.map(utf8Bytes)).toEqual([1000, 200]);
  });
});
