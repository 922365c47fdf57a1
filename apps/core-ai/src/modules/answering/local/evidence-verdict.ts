import type { RetrievedChunk } from '@cxgenie/contracts';
import { type EvidenceFeatures, evidenceFeatures } from './evidence-features';

export interface EvidenceVerdict {
  /** True when the retrieved knowledge likely answers the question. */
  enough: boolean;
  /** 0..1, how sure the verdict is that the knowledge answers (0.5 at the decision boundary). */
  confidence: number;
  reason: string;
}

/* The support score is a weighted sum of the evidence, each part in 0..1. */
const BEST_CHUNK_WEIGHT = 0.6;
const UNION_WEIGHT = 0.25;
const VECTOR_WEIGHT = 0.15;
/** A cosine this high counts as full vector support. */
const FULL_VECTOR_SUPPORT = 0.5;
const MISSING_NAME_PENALTY = 0.3;
export const SUPPORT_THRESHOLD = 0.5;

export function supportScore(f: EvidenceFeatures): number {
  const vector = Math.min(1, f.topVectorScore / FULL_VECTOR_SUPPORT);
  const support =
    BEST_CHUNK_WEIGHT * f.bestChunkCoverage +
    UNION_WEIGHT * f.unionCoverage +
    VECTOR_WEIGHT * vector;
  return support - (f.missingNames.length > 0 ? MISSING_NAME_PENALTY : 0);
}

/** Decides, without a language model, whether the retrieved chunks answer the question. */
export function judgeEvidence(
  question: string,
  chunks: readonly RetrievedChunk[],
): EvidenceVerdict {
  if (chunks.length === 0) return { enough: false, confidence: 0, reason: 'nothing was retrieved' };
  const f = evidenceFeatures(question, chunks);
  if (f.questionTerms.length === 0) {
    return { enough: false, confidence: 0, reason: 'the question names no topic to look up' };
  }
  const support = supportScore(f);
  const confidence = 1 / (1 + Math.exp(-12 * (support - SUPPORT_THRESHOLD)));
  return {
    enough: support >= SUPPORT_THRESHOLD,
    confidence: Math.round(confidence * 1000) / 1000,
    reason: describe(f, support),
  };
}

function describe(f: EvidenceFeatures, support: number): string {
  const parts = [
    `best chunk covers ${Math.round(f.bestChunkCoverage * 100)}% of the question's terms`,
    `all chunks ${Math.round(f.unionCoverage * 100)}%`,
    `top cosine ${f.topVectorScore.toFixed(2)}`,
  ];
  if (f.missingNames.length > 0) parts.push(`never mentioned: ${f.missingNames.join(', ')}`);
  return `${parts.join('; ')} (support ${support.toFixed(2)})`;
}
