import { splitText, utf16Length, utf8Bytes } from './split-text';

const words = (n: number, word = 'lorem'): string =>
  Array.from({ length: n }, () => word).join(' ');
const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('splitText', () => {
  it('leaves a text within the limit whole, and an empty one as no part at all', () => {
    expect(splitText('Hello there', 4096)).toEqual(['Hello there']);
    expect(splitText('x'.repeat(4096), 4096)).toEqual(['x'.repeat(4096)]);
    expect(splitText('  \n ', 4096)).toEqual([]);
  });

  it('cuts at a blank line before a line break, a sentence or a space', () => {
    const first = `${words(100)}.`;
    const second = `${words(30)}\n${words(30)}.`;
    const parts = splitText(`${first}\n\n${second}`, 700);
    expect(parts).toEqual([first, second]);
  });

  it('prefers the end of a sentence to a space inside one', () => {
    const text = `${words(60)}. ${words(60)} ${words(60)}`;
    const [head] = splitText(text, 600);
    expect(head.endsWith('.')).toBe(true);
  });

  it('keeps every part within the limit and loses nothing but whitespace at the cuts', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}. ${words(40 + i)}`).join(
      '\n\n',
    );
    for (const limit of [4096, 7000, 2000, 333]) {
      const parts = splitText(text, limit);
      expect(parts.every((p) => p.length > 0 && p.length <= limit)).toBe(true);
      expect(normalise(parts.join(' '))).toBe(normalise(text));
    }
  });

  it('cuts a text without any boundary hard, never inside an emoji', () => {
    const text = '😀'.repeat(5000);
    const parts = splitText(text, 4096);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(part).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });

  it('does not make a tiny first part out of an early boundary', () => {
    const text = `Hi.\n\n${'x'.repeat(5000)}`;
    const [first] = splitText(text, 4096);
    expect(first.length).toBe(4096);
  });
});

describe('splitText, measured as a platform counts', () => {
  it('keeps a text within the limit whole, and sends nothing for blank text', () => {
    expect(splitText('Hello there', 20)).toEqual(['Hello there']);
    expect(splitText(' \n ', 20)).toEqual([]);
  });

  it('breaks between words so that every part fits and no word is lost or cut', () => {
    const words = Array.from({ length: 600 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const parts = splitText(text, 2000);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part) => expect(part.length).toBeLessThanOrEqual(2000));
    expect(parts.join(' ').split(' ')).toEqual(words);
  });

  it('prefers a line break over a space when both are in reach', () => {
    const text = `${'a'.repeat(60)}\n${'b'.repeat(20)} ${'c'.repeat(30)}`;
    expect(splitText(text, 100)).toEqual(['a'.repeat(60), `${'b'.repeat(20)} ${'c'.repeat(30)}`]);
  });

  it('cuts a text without spaces at the limit', () => {
    const parts = splitText('x'.repeat(4500), 2000);
    expect(parts.map((p) => p.length)).toEqual([2000, 2000, 500]);
  });

  it('never splits an emoji, even a joined sequence, when measuring UTF-16 or UTF-8', () => {
    const family = '👨‍👩‍👧‍👦';
    const text = family.repeat(50);
    for (const [limit, measure] of [
      [30, utf16Length],
      [30, utf8Bytes],
    ] as const) {
      const parts = splitText(text, limit, measure);
      parts.forEach((part) => {
        expect(measure(part)).toBeLessThanOrEqual(limit);
        expect(part.split(family).join('')).toBe('');
      });
      expect(parts.join('')).toBe(text);
    }
  });

  it('counts bytes when asked: 600 two-byte letters do not fit in 1000 bytes', () => {
    const parts = splitText('é'.repeat(600), 1000, utf8Bytes);
    expect(parts.map(utf8Bytes)).toEqual([1000, 200]);
  });
});
