import { htmlToStructuredText } from '@cxgenie/text-processing';
import type { ExtractedDocument } from '../extracted-document';
import { decodeText } from './decode-text';

/** An HTML file: its readable content, without navigation and page chrome. */
export function extractHtml(bytes: Buffer): ExtractedDocument {
  const { title, text } = htmlToStructuredText(decodeText(bytes));
  return { format: 'html', title, pageCount: null, pages: [{ number: null, text }] };
}

/** Markdown is already the structured text the chunker reads: headings, lists, tables. */
export function extractMarkdown(bytes: Buffer): ExtractedDocument {
  return {
    format: 'markdown',
    title: '',
    pageCount: null,
    pages: [{ number: null, text: decodeText(bytes) }],
  };
}

export function extractPlainText(bytes: Buffer): ExtractedDocument {
  return {
    format: 'text',
    title: '',
    pageCount: null,
    pages: [{ number: null, text: decodeText(bytes) }],
  };
}
