import { countTokens } from '@cxgenie/text-processing';
import { chunkPages } from './chunk-pages';

const sentence = (page: number, i: number) =>
  `Page ${page} sentence ${i} explains how the support team handles the request in detail.`;

const pageText = (page: number, sentences: number) =>
  Array.from({ length: sentences }, (_, i) => sentence(page, i)).join(' ');

describe('chunkPages', () => {
  it('chunks across page breaks and records the page each chunk starts on', () => {
    const pages = [1, 2, 3, 4].map((number) => ({ number, text: pageText(number, 12) }));
    const chunks = chunkPages(pages, { maxTokens: 120, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(4);
    chunks.forEach((chunk, i) => {
      expect(chunk.position).toBe(i);
      expect(chunk.text).not.toContain('⟦');
      expect(chunk.tokenCount).toBe(countTokens(chunk.text));
      expect(chunk.tokenCount).toBeLessThanOrEqual(120);
      // The first sentence names the page the chunk starts on.
      const firstPage = Number(/^Page (\d+)/.exec(chunk.text)?.[1]);
      expect(chunk.page).toBe(firstPage);
    });
    expect(new Set(chunks.map((chunk) => chunk.page))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('keeps heading paths across pages: a section continued on the next page keeps its heading', () => {
    const pages = [
      { number: 1, text: `# 1 Returns\n\n${pageText(1, 3)}` },
      { number: 2, text: pageText(2, 3) },
      { number: 3, text: `## 1.1 Exchanges\n\n${pageText(3, 3)}` },
    ];
    const chunks = chunkPages(pages, { maxTokens: 60, overlapTokens: 0 });
    const onPage = (page: number) => chunks.filter((chunk) => chunk.page === page);
    expect(onPage(2).length).toBeGreaterThan(0);
    onPage(2).forEach((chunk) => expect(chunk.headingPath).toBe('1 Returns'));
    onPage(3).forEach((chunk) => expect(chunk.headingPath).toBe('1 Returns > 1.1 Exchanges'));
  });

  it('assigns the page where the text starts when leading pages are empty', () => {
    const pages = [
      { number: 1, text: '' },
      { number: 2, text: '' },
      { number: 3, text: 'Only this page has text, enough to be a chunk of its own here.' },
    ];
    const chunks = chunkPages(pages, { maxTokens: 100, overlapTokens: 10 });
    expect(chunks).toEqual([
      expect.objectContaining({
        position: 0,
        page: 3,
        text: 'Only this page has text, enough to be a chunk of its own here.',
      }),
    ]);
  });

  it('gives documents without pages plain chunks with a null page', () => {
    const chunks = chunkPages([{ number: null, text: `# Title\n\n${pageText(1, 20)}` }], {
      maxTokens: 100,
      overlapTokens: 20,
    });
    expect(chunks.length).toBeGreaterThan(1);
    chunks.forEach((chunk) => {
      expect(chunk.page).toBeNull();
      expect(chunk.headingPath).toBe('Title');
    });
  });
});
