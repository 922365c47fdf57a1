import { type TextChunk, chunkText } from '@cxgenie/text-processing';

/** A FAQ is one answer; a long snippet is split like a document. */
const CHUNK_OPTIONS = { maxTokens: 400, overlapTokens: 40, headingAware: true };

export interface EntryContent {
  title: string;
  /** What is embedded and what the bot quotes from. */
  body: string;
  updatedAt: Date;
}

export const faqContent = (faq: {
  question: string;
  answer: string;
  updatedAt: Date;
}): EntryContent => ({
  title: faq.question,
  body: `${faq.question}\n\n${faq.answer}`,
  updatedAt: faq.updatedAt,
});

export const snippetContent = (snippet: {
  title: string;
  content: string;
  updatedAt: Date;
}): EntryContent => ({ title: snippet.title, body: snippet.content, updatedAt: snippet.updatedAt });

/** The pieces a FAQ or snippet is indexed as; record `i` of the entry is `<entry id>:<i>`. */
export const entryPieces = (content: EntryContent): TextChunk[] =>
  chunkText(content.body, CHUNK_OPTIONS);

export const entryRecordIds = (entryId: string, content: EntryContent): string[] =>
  entryPieces(content).map((_, i) => `${entryId}:${i}`);
