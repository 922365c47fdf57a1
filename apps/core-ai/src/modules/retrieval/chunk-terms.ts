import { tokenizeForSearch } from '@cxgenie/text-processing';

/** A chunk's search terms, by where they occur. */
export interface ChunkTerms {
  /** In its title and heading path. */
  heading: ReadonlySet<string>;
  body: ReadonlySet<string>;
  /** Heading and body terms together: what coverage counts. */
  all: ReadonlySet<string>;
  /** Each sentence (or line) of the body on its own: how close the terms sit. */
  sentences: readonly ReadonlySet<string>[];
}

const SENTENCE_END = /(?<=[.!?:;])\s+|\n+/;

export const sentenceTerms = (text: string): ReadonlySet<string>[] =>
  text
    .split(SENTENCE_END)
    .map((sentence) => new Set(tokenizeForSearch(sentence)))
    .filter((terms) => terms.size > 0);

export function chunkTerms(chunk: {
  title: string;
  headingPath: string;
  text: string;
}): ChunkTerms {
  const heading = new Set(tokenizeForSearch(`${chunk.title}\n${chunk.headingPath}`));
  const body = new Set(tokenizeForSearch(chunk.text));
  return {
    heading,
    body,
    all: new Set([...heading, ...body]),
    sentences: sentenceTerms(chunk.text),
  };
}
