import type { AnswerOutcome, ReplyUnknownPolicy } from '@cxgenie/contracts';

/** What the customer gets once the verdict is known. */
export interface PolicyDecision {
  /** Whether the model's own text streams to the customer. */
  streamAnswer: boolean;
  /** Sent instead, after the model finishes (INPUT_ANSWER). */
  replacement: 'fallback' | null;
  outcome: AnswerOutcome;
}

/**
 * The unknown-answer policy. A YES answer always streams. A NO answer streams only under
 * AI_GENERATE; INPUT_ANSWER swaps it for the bot's fallback message; NO_REPLY stays silent.
 */
export function decidePolicy(enough: boolean, policy: ReplyUnknownPolicy): PolicyDecision {
  if (enough) return { streamAnswer: true, replacement: null, outcome: 'answered' };
  switch (policy) {
    case 'AI_GENERATE':
      return { streamAnswer: true, replacement: null, outcome: 'generated' };
    case 'INPUT_ANSWER':
      return { streamAnswer: false, replacement: 'fallback', outcome: 'fallback' };
    case 'NO_REPLY':
      return { streamAnswer: false, replacement: null, outcome: 'silent' };
  }
}
