import { chunkText, splitMarkdownSections } from './chunk-text';
import { countTokens } from './tokens';

const sentence = (i: number) =>
  `Sentence number ${i} explains one more detail of the refund policy.`;
const paragraph = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => sentence(from + i)).join(' ');

const words = (text: string) => new Set(text.match(/\w+/g));

describe('chunkText', () => {
  const doc = [
    '# Billing',
    paragraph(0, 3),
    '## Refunds',
    paragraph(100, 40),
    '',
    paragraph(200, 40),
    '## Invoices',
    paragraph(300, 5),
    '```',
    '# not a heading: a shell comment',
    '```',
  ].join('\n');

  it('keeps every chunk within maxTokens and counts its tokens exactly', () => {
    const chunks = chunkText(doc, { maxTokens: 120, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(chunk.tokenCount).toBe(countTokens(chunk.text));
      expect(chunk.tokenCount).toBeLessThanOrEqual(120);
    }
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
  });

  it('records heading paths and ignores # lines inside fenced code', () => {
    const chunks = chunkText(doc, { maxTokens: 120, overlapTokens: 0 });
    expect(new Set(chunks.map((c) => c.headingPath))).toEqual(
      new Set(['Billing', 'Billing > Refunds', 'Billing > Invoices']),
    );
    expect(chunks.some((c) => c.text.includes('# not a heading'))).toBe(true);
  });

  it('loses no text and repeats the end of a chunk at the start of the next', () => {
    const chunks = chunkText(doc, { maxTokens: 120, overlapTokens: 20 });
    const joined = chunks.map((c) => c.text).join(' ');
    for (const word of words(doc.replace(/^#+ .*$/gm, ''))) expect(joined).toContain(word);
    const refunds = chunks.filter((c) => c.headingPath === 'Billing > Refunds');
    for (let i = 1; i < refunds.length; i++) {
      const previousEnd = refunds[i - 1]!.text.slice(-30);
      expect(refunds[i]!.text.slice(0, 200)).toContain(
        previousEnd.slice(previousEnd.indexOf(' ') + 1),
      );
    }
  });

  it('splits a paragraph-less wall of text on sentences, and one huge word by tokens', () => {
    const wall = chunkText(paragraph(0, 60), { maxTokens: 50, headingAware: false });
    expect(wall.every((c) => c.tokenCount <= 50 && /\.$/.test(c.text))).toBe(true);
    const blob = chunkText('x'.repeat(1200), { maxTokens: 64 });
    expect(blob.every((c) => c.tokenCount <= 64)).toBe(true);
    expect(blob.map((c) => c.text).join('')).toBe('x'.repeat(1200));
  });

  it('merges a one-line section into the next one instead of making a tiny chunk', () => {
    const chunks = chunkText(`# Guide\n\nShort intro.\n\n## Setup\n\n${paragraph(0, 10)}`, {
      maxTokens: 400,
    });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text.startsWith('Short intro.')).toBe(true);
    expect(chunks[0]!.headingPath).toBe('Guide > Setup');
  });

  it('rejects impossible budgets', () => {
    expect(() => chunkText('x', { maxTokens: 0 })).toThrow(RangeError);
    expect(() => chunkText('x', { maxTokens: 10, overlapTokens: 10 })).toThrow(RangeError);
  });

  it('splits markdown sections with a heading stack', () => {
    expect(splitMarkdownSections('# A\na\n## B\nb\n# C\nc')).toEqual([
      { headingPath: 'A', body: 'a' },
      { headingPath: 'A > B', body: 'b' },
      { headingPath: 'C', body: 'c' },
    ]);
  });
});
