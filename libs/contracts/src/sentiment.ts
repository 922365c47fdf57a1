import type { SentimentSource } from './analytics-facts';

export const CORE_AI_SENTIMENT_PATH = '/v1/sentiment';

/** core-ai `POST /v1/sentiment`: judge customer messages with a bot's model. */
export interface SentimentRequest {
  workspaceId: string;
  botId: string;
  /** The bot's provider and model; a provider without a key here is judged by the lexicon. */
  provider: string;
  model: string;
  /** At most 50, each at most 2,000 characters. */
  messages: { id: string; text: string }[];
}

export interface SentimentJudgement {
  id: string;
  /** In [-1, 1]. */
  score: number;
  /** `llm` when the model judged it; `lexicon` offline or when the model's answer was unusable. */
  source: SentimentSource;
}

export interface SentimentResponse {
  judgements: SentimentJudgement[];
}

export const SENTIMENT_MAX_MESSAGES = 50;
export const SENTIMENT_MAX_CHARS = 2_000;
