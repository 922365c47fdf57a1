import type { BotKnowledgeSettings } from '@cxgenie/contracts';

/** Retrieval settings with every default filled in; a bot's own settings override these. */
export interface RetrievalSettings {
  /** Chunks an answer is built from (and a search returns), after fusion and re-ranking. */
  topK: number;
  /** Multiplier for FAQ hits: a curated answer beats a paragraph of a manual at equal relevance. */
  faqBoost: number;
  /** A chunk this many days old gets half the recency bonus of a brand-new one. */
  recencyHalfLifeDays: number;
  /** Largest share of the score recency can add (0.1 = up to +10 %). */
  recencyWeight: number;
  /** Fuse the bot's full-text (BM25F) ranking with the vector ranking. */
  hybridSearch: boolean;
  /** Token budget of the context the chosen chunks (with their neighbours) must fit. */
  maxContextTokens: number;
}

/**
 * Candidates each leg takes from each partition before fusion: enough for the re-ranker to choose.
 * On the dev split, 50 fused candidates held the answer passage for 88 % of the questions and the
 * right page for 99 %; 30 held fewer (ADR 0054).
 */
export const CANDIDATES_PER_PARTITION = 40;
/** Fused candidates the re-ranker scores. */
export const RERANK_DEPTH = 50;
/**
 * Nearest chunks of each partition whose cosines the re-ranker reads (the vector leg ranks only
 * its first ones). In memory they come from the scan's own sums, with no deeper top-k (ADR 0055).
 */
export const COSINE_DEPTH = 100;

export const DEFAULT_RETRIEVAL_SETTINGS: Readonly<RetrievalSettings> = {
  topK: 5,
  faqBoost: 1.2,
  recencyHalfLifeDays: 180,
  recencyWeight: 0.1,
  hybridSearch: true,
  maxContextTokens: 6000,
};

type Overridable = Pick<RetrievalSettings, 'topK' | 'hybridSearch' | 'maxContextTokens'>;

/** Stored bot settings may hold nulls (reset to default) or nothing at all. */
export function resolveRetrievalSettings(
  bot: BotKnowledgeSettings | undefined | null,
  overrides: Partial<Overridable> = {},
): RetrievalSettings {
  const pick = <K extends keyof RetrievalSettings>(key: K): RetrievalSettings[K] => {
    const override = (overrides as Partial<RetrievalSettings>)[key];
    if (override !== undefined && override !== null) return override;
    const own = (bot as Partial<RetrievalSettings> | undefined | null)?.[key];
    return own !== undefined && own !== null ? own : DEFAULT_RETRIEVAL_SETTINGS[key];
  };
  return {
    ...DEFAULT_RETRIEVAL_SETTINGS,
    topK: pick('topK'),
    faqBoost: pick('faqBoost'),
    recencyHalfLifeDays: pick('recencyHalfLifeDays'),
    hybridSearch: pick('hybridSearch'),
    maxContextTokens: pick('maxContextTokens'),
  };
}
