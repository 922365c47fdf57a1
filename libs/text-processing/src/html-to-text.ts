import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export interface StructuredText {
  /** `<title>`, else the first `<h1>`, else empty. */
  title: string;
  /** Markdown-like text: `#` headings, `- ` list items, ` | `-joined table rows, fenced `<pre>`. */
  text: string;
}

/**
 * Page chrome, not content. `.navheader`/`.navfooter` are DocBook's prev/next bars and `.toc` its
 * generated tables of contents: they repeat titles found elsewhere and would match every query
 * about those titles.
 */
const CHROME =
  'script, style, noscript, template, iframe, svg, canvas, nav, header, footer, aside, form, ' +
  'button, [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], ' +
  '.navheader, .navfooter, .toc';

const MAIN = 'main, [role="main"], article';

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'hr',
  'html',
  'main',
  'p',
  'section',
  'summary',
]);

type BlockKind = 'paragraph' | 'list' | 'row' | 'code' | 'heading';

interface Block {
  kind: BlockKind;
  text: string;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

const isElement = (node: AnyNode): node is Element => node.type === 'tag';

/** The readable content of an HTML page as structured plain text, for chunking and embedding. */
export function htmlToStructuredText(html: string): StructuredText {
  const $ = cheerio.load(html);
  const title = collapse($('title').first().text()) || collapse($('h1').first().text());
  $(CHROME).remove();
  const main = $(MAIN).first();
  const roots: AnyNode[] = main.length > 0 ? main.toArray() : $('body').toArray();
  const blocks = new BlockWriter();
  for (const node of roots) blocks.writeChildren(node);
  return { title, text: blocks.toText() };
}

class BlockWriter {
  readonly blocks: Block[] = [];
  private inline = '';

  toText(): string {
    this.flush();
    let text = '';
    this.blocks.forEach((block, index) => {
      const previous = this.blocks[index - 1];
      // Items of one list and rows of one table stay on adjacent lines.
      const tight =
        previous && previous.kind === block.kind && (block.kind === 'list' || block.kind === 'row');
      text += (index === 0 ? '' : tight ? '\n' : '\n\n') + block.text;
    });
    return text;
  }

  writeChildren(node: AnyNode): void {
    if (!('children' in node)) return;
    for (const child of node.children) this.write(child);
  }

  private write(node: AnyNode): void {
    if (node.type === 'text') {
      this.inline += node.data;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName.toLowerCase();
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) return this.writeHeading(Number(heading[1]), node);
    switch (tag) {
      case 'br':
        return this.flush();
      case 'pre':
        return this.writePre(node);
      case 'ul':
      case 'ol':
        return this.writeList(node);
      case 'table':
        return this.writeTable(node);
      case 'img':
        this.inline += node.attribs['alt'] ? ` ${node.attribs['alt']} ` : '';
        return;
    }
    if (BLOCK_TAGS.has(tag)) {
      this.flush();
      this.writeChildren(node);
      this.flush();
      return;
    }
    this.writeChildren(node);
  }

  flush(kind: BlockKind = 'paragraph'): void {
    const text = collapse(this.inline);
    this.inline = '';
    if (text) this.blocks.push({ kind, text });
  }

  private writeHeading(level: number, node: Element): void {
    this.flush();
    const text = inlineText(node);
    if (text) this.blocks.push({ kind: 'heading', text: `${'#'.repeat(level)} ${text}` });
  }

  private writePre(node: Element): void {
    this.flush();
    const code = rawText(node).replace(/^\n+|\s+$/g, '');
    if (code) this.blocks.push({ kind: 'code', text: `\`\`\`\n${code}\n\`\`\`` });
  }

  private writeList(node: Element, depth = 0): void {
    this.flush();
    const indent = '  '.repeat(depth);
    for (const item of node.children) {
      if (!isElement(item) || item.tagName.toLowerCase() !== 'li') continue;
      const inner = new BlockWriter();
      const nested: Element[] = [];
      for (const child of item.children) {
        if (isElement(child) && /^(ul|ol)$/i.test(child.tagName)) nested.push(child);
        else inner.write(child);
      }
      inner.flush();
      const text = inner.blocks.map((block) => block.text.replace(/\n/g, ' ')).join(' ');
      if (text) this.blocks.push({ kind: 'list', text: `${indent}- ${text}` });
      for (const list of nested) this.writeList(list, depth + 1);
    }
  }

  private writeTable(node: Element): void {
    this.flush();
    const caption = node.children.find((child) => isElement(child) && child.tagName === 'caption');
    if (caption) this.blocks.push({ kind: 'paragraph', text: inlineText(caption) });
    for (const row of descendants(node, 'tr')) {
      const cells = row.children
        .filter((cell): cell is Element => isElement(cell) && /^t[dh]$/i.test(cell.tagName))
        .map((cell) => inlineText(cell));
      if (cells.some(Boolean)) this.blocks.push({ kind: 'row', text: cells.join(' | ') });
    }
  }
}

/** Rows of this table only: a table nested in a cell is flattened into that cell's text. */
function descendants(table: Element, tag: string): Element[] {
  const found: Element[] = [];
  const visit = (node: AnyNode) => {
    if (!isElement(node)) return;
    if (node.tagName.toLowerCase() === tag) return void found.push(node);
    if (node !== table && node.tagName.toLowerCase() === 'table') return;
    node.children.forEach(visit);
  };
  visit(table);
  return found;
}

function inlineText(node: AnyNode): string {
  return collapse(rawText(node));
}

function rawText(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node)) return '';
  const tag = node.tagName.toLowerCase();
  if (tag === 'br') return '\n';
  const text = node.children.map(rawText).join('');
  return BLOCK_TAGS.has(tag) || tag === 'li' || tag === 'tr' ? ` ${text} ` : text;
}
