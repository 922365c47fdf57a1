import { splitText } from './split-text';

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
