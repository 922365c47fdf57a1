import { markPdfStructure, numberedHeading, removePageFurniture } from './clean-pdf-pages';

const TOPICS = ['Refunds', 'Shipping', 'Warranty', 'Invoices'];

const page = (n: number, total: number, body: string[]) =>
  ['ACME Handbook — Confidential', `Chapter ${n}`, ...body, `Page ${n} of ${total}`].join('\n');

const bodyOf = (n: number) => [
  `${TOPICS[n - 1]} are handled by the support team.`,
  `Ask about ${TOPICS[n - 1]!.toLowerCase()} in the help centre.`,
  `Escalate ${TOPICS[n - 1]!.toLowerCase()} cases to a lead.`,
];

describe('removePageFurniture', () => {
  it('removes a header and a numbered footer repeated on most pages, keeping the body', () => {
    const pages = [1, 2, 3, 4].map((n) => page(n, 4, bodyOf(n)));
    const cleaned = removePageFurniture(pages);
    expect(cleaned[1]).toBe(bodyOf(2).join('\n'));
    cleaned.forEach((text) => {
      expect(text).not.toContain('ACME Handbook');
      expect(text).not.toMatch(/Page \d of 4/);
    });
  });

  it('keeps a repeated line that sits in the middle of pages', () => {
    const body = (n: number) => [
      `Intro ${n}.`,
      'Second intro line.',
      'Third intro line.',
      'Call us at 555-0100.',
      'More text.',
      'Even more text.',
      `Last body line ${n}.`,
    ];
    const pages = [1, 2, 3].map((n) => body(n).join('\n'));
    expect(removePageFurniture(pages).every((text) => text.includes('Call us at 555-0100.'))).toBe(
      true,
    );
  });

  it('keeps an edge line that repeats on fewer than half of the pages', () => {
    const bodies = [
      'Refunds',
      'Shipping',
      'Warranty',
      'Invoices',
      'Accounts',
      'Passwords',
      'Gifts',
    ];
    const pages = bodies.map((body, i) =>
      [i < 3 ? 'Draft' : `Topic ${i * 17} intro`, `${body} are explained here.`].join('\n'),
    );
    // "Topic N intro" repeats once digits are folded: 4 of 7 pages make it a running header.
    const cleaned = removePageFurniture(pages);
    expect(cleaned[0]).toBe('Draft\nRefunds are explained here.');
    expect(cleaned[5]).toBe('Passwords are explained here.');
  });

  it('removes page numbers of several styles, bare numbers only as the outermost line', () => {
    const cleaned = removePageFurniture([
      '12\nIntro text\nmore text\nlast line',
      'p. 13\nbody\nbody\n- 13 -',
      'Seite 3 von 9\nText\nText\nxiv',
      'Totals\n42\nMore\nEnd of table',
    ]);
    expect(cleaned).toEqual([
      'Intro text\nmore text\nlast line',
      'body\nbody',
      'Text\nText',
      'Totals\n42\nMore\nEnd of table',
    ]);
  });

  it('drops table-of-contents leader lines anywhere', () => {
    const [text] = removePageFurniture([
      'Table of Contents\n1 Introduction . . . . . . . . . 1\n2.1 Naming .......... 3\nPreface',
    ]);
    expect(text).toBe('Table of Contents\nPreface');
  });
});

describe('markPdfStructure', () => {
  it('turns numbered section titles into nested Markdown headings and bullets into items', () => {
    const text = [
      '1. Introduction',
      'This spec explains the database.',
      '1.2. What is this spec?',
      '• First point',
      '▪ Second point',
      '2.1.3 Deep section',
    ].join('\n');
    expect(markPdfStructure(text)).toBe(
      [
        '# 1 Introduction',
        'This spec explains the database.',
        '## 1.2 What is this spec?',
        '- First point',
        '- Second point',
        '### 2.1.3 Deep section',
      ].join('\n'),
    );
  });

  it('does not mistake numbered sentences or quantities for headings', () => {
    expect(numberedHeading('1. Open the settings page and click save.')).toBeNull();
    expect(numberedHeading('3 months free for new customers')).toBeNull();
    expect(numberedHeading('2024 Annual Report')).toBeNull();
    expect(
      numberedHeading('4. A very long line that goes on and on with many words beyond any title'),
    ).toBeNull();
    expect(numberedHeading('10 Shipping')).toBe('# 10 Shipping');
  });
});
