import type { BotKnowledgeSettings } from '@cxgenie/contracts';

/** Retrieval settings with every default filled in; a bot's own settings override these. */
export interface RetrievalSettings {
  /** Hits taken from each partition before merging. */
  topK: number;
  /** Multiplier for FAQ hits: a curated answer beats a paragraph of a manual at equal similarity. */
  faqBoost: number;
  /** A chunk this many days old gets half the recency bonus of a brand-new one. */
  recencyHalfLifeDays: number;
  /** Largest share of the score recency can add (0.1 = up to +10 %). */
  recencyWeight: number;
  hybridSearch: boolean;
  /** Share of the fused score that comes from BM25 when hybrid search is on. */
  lexicalWeight: number;
  /** Token budget of the context the chosen chunks must fit. */
  maxContextTokens: number;
  /** How many chunks an answer is built from at most. */
  maxChunks: number;
}

export const DEFAULT_RETRIEVAL_SETTINGS: Readonly<RetrievalSettings> = {
  topK: 5,
  faqBoost: 1.2,
  recencyHalfLifeDays: 180,
  recencyWeight: 0.1,
  hybridSearch: true,
  lexicalWeight: 0.3,
  maxContextTokens: 3000,
  maxChunks: 8,
};

/** Stored bot settings may hold nulls (reset to default) or nothing at all. */
export function resolveRetrievalSettings(
  bot: BotKnowledgeSettings | undefined,
  overrides: Partial<Pick<RetrievalSettings, 'topK' | 'hybridSearch' | 'maxContextTokens'>> = {},
): RetrievalSettings {
  const pick = <K extends keyof RetrievalSettings>(key: K): RetrievalSettings[K] => {
    const override = (overrides as Partial<RetrievalSettings>)[key];
    if (override !== undefined && override !== null) return override;
    const own = (bot as Partial<RetrievalSettings> | undefined)?.[key];
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
