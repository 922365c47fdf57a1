import type { KnowledgePartition } from '@cxgenie/contracts';
import type { RetrievalSettings } from './retrieval-settings';

const DAY_MS = 86_400_000;

/** Multiplier in [1, 1 + weight]: halves its bonus every half-life. */
export const recencyFactor = (
  updatedAt: number,
  now: number,
  halfLifeDays: number,
  weight: number,
): number => {
  const ageDays = Math.max(0, now - updatedAt) / DAY_MS;
  return 1 + weight * Math.pow(0.5, ageDays / halfLifeDays);
};

export const partitionBoost = (
  partition: KnowledgePartition,
  settings: RetrievalSettings,
): number => (partition === 'faqs' ? settings.faqBoost : 1);

/** What the bot owner prefers on top of relevance: FAQs, and fresher knowledge. */
export const ownerPreference = (
  chunk: { partition: KnowledgePartition; updatedAt: number },
  settings: RetrievalSettings,
  now: number,
): number =>
  partitionBoost(chunk.partition, settings) *
  recencyFactor(chunk.updatedAt, now, settings.recencyHalfLifeDays, settings.recencyWeight);
