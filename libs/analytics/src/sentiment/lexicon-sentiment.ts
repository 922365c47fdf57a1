import Sentiment from 'sentiment';

/** A message scoring below this is negative (the sentiment reports and the inbox filter). */
export const NEGATIVE_SENTIMENT_BELOW = -0.2;
/** A message scoring above this is positive. */
export const POSITIVE_SENTIMENT_ABOVE = 0.2;

// VADER's normalisation constant: one strong word (AFINN ±4) is about ±0.7, and the score
// approaches ±1 as evidence accumulates instead of growing with the message's length.
const ALPHA = 15;

const analyzer = new Sentiment();

/**
 * The offline sentiment of a text in [-1, 1]: the AFINN-165 lexicon (the `sentiment` package,
 * with its negation handling: "not good" counts against) summed over the words and squashed.
 * English only; text in other languages mostly scores 0 (neutral).
 */
export function lexiconSentiment(text: string): number {
  const { score } = analyzer.analyze(text);
  if (score === 0) return 0;
  return round(score / Math.sqrt(score * score + ALPHA));
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export const sentimentLabel = (score: number): SentimentLabel =>
  score < NEGATIVE_SENTIMENT_BELOW
    ? 'negative'
    : score > POSITIVE_SENTIMENT_ABOVE
      ? 'positive'
      : 'neutral';

/** Clamps a judgement (a model may say 1.2) to [-1, 1], rounded to 3 decimals. */
export const clampSentiment = (score: number): number =>
  Number.isFinite(score) ? round(Math.max(-1, Math.min(1, score))) : 0;

const round = (n: number): number => Math.round(n * 1000) / 1000;
