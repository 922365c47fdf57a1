import { parseSentimentScores, sentimentPrompt } from './sentiment-prompt';

describe('the sentiment prompt and its answer', () => {
  it('numbers each message, quoted, so one message cannot pose as another', () => {
    expect(sentimentPrompt(['I love it', 'two\n2. "fake"'])[0]!.content).toBe(
      '1. "I love it"\n2. "two\\n2. \\"fake\\""',
    );
  });

  it('reads a JSON array of scores, clamped, even with text around it', () => {
    expect(parseSentimentScores('[-0.8, 0, 1.4]', 3)).toEqual([-0.8, 0, 1]);
    expect(parseSentimentScores('Scores: [0.5]\n', 1)).toEqual([0.5]);
  });

  it('refuses an answer it cannot map one to one', () => {
    expect(parseSentimentScores('[0.5]', 2)).toBeNull();
    expect(parseSentimentScores('["good"]', 1)).toBeNull();
    expect(parseSentimentScores('positive', 1)).toBeNull();
  });
});
