import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgePartition } from '@cxgenie/contracts';
import { chunkText, htmlToStructuredText } from '@cxgenie/text-processing';
import type { RagDataset } from './dataset';

export interface CorpusChunk {
  id: string;
  /** The manual page (file name) the chunk comes from: what gold labels refer to. */
  page: string;
  partition: KnowledgePartition;
  title: string;
  headingPath: string;
  position: number;
  text: string;
  tokenCount: number;
}

export const CHUNK_MAX_TOKENS = 400;
export const CHUNK_OVERLAP_TOKENS = 50;

/** The gold pages plus every page of the distractor families, sorted: the same corpus every run. */
export function corpusPages(dataset: RagDataset): string[] {
  const gold = dataset.answerable.flatMap((q) => q.pages);
  const distractors = readdirSync(dataset.docsDir).filter(
    (file) => file.endsWith('.html') && dataset.includePrefixes.some((p) => file.startsWith(p)),
  );
  return [...new Set([...gold, ...distractors])].sort();
}

/**
 * A fixed, content-independent spread over the four partitions (about 60% documents, 20%
 * websites, 10% snippets, 10% FAQs), so every search crosses all of them as a bot's would.
 */
export function partitionOfPage(page: string): KnowledgePartition {
  const bucket = createHash('sha256').update(page).digest()[0]! % 10;
  if (bucket < 6) return 'documents';
  if (bucket < 8) return 'websites';
  return bucket === 8 ? 'snippets' : 'faqs';
}

export function buildCorpus(dataset: RagDataset, pages = corpusPages(dataset)): CorpusChunk[] {
  return pages.flatMap((page) => {
    const { title, text } = htmlToStructuredText(readFileSync(join(dataset.docsDir, page), 'utf8'));
    const partition = partitionOfPage(page);
    return chunkText(text, {
      maxTokens: CHUNK_MAX_TOKENS,
      overlapTokens: CHUNK_OVERLAP_TOKENS,
      headingAware: true,
    }).map((chunk) => ({ id: `${page}#${chunk.position}`, page, partition, title, ...chunk }));
  });
}
