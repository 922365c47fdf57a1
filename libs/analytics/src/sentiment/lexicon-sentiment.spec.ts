import {
  NEGATIVE_SENTIMENT_BELOW,
  clampSentiment,
  lexiconSentiment,
  sentimentLabel,
} from './lexicon-sentiment';

describe('lexiconSentiment', () => {
  it('scores complaints negative, thanks positive and plain questions neutral', () => {
    expect(lexiconSentiment('This is terrible, I am really angry')).toBeLessThan(
      NEGATIVE_SENTIMENT_BELOW,
    );
    expect(lexiconSentiment('Thanks, that was great help!')).toBeGreaterThan(0.5);
    expect(lexiconSentiment('Do you ship to Norway?')).toBe(0);
  });

  it('counts a negated positive word against the message', () => {
    expect(lexiconSentiment('good')).toBeGreaterThan(0);
    expect(lexiconSentiment('not good')).toBeLessThan(0);
  });

  it('stays within [-1, 1] however much evidence piles up', () => {
    const rant = 'awful horrible terrible disgusting '.repeat(50);
    const score = lexiconSentiment(rant);
    expect(score).toBeGreaterThanOrEqual(-1);
    expect(score).toBeLessThan(-0.99);
  });

  it('labels by the thresholds and clamps what a model says', () => {
    expect(sentimentLabel(-0.5)).toBe('negative');
    expect(sentimentLabel(0)).toBe('neutral');
    expect(sentimentLabel(0.5)).toBe('positive');
    expect(clampSentiment(1.7)).toBe(1);
    expect(clampSentiment(Number.NaN)).toBe(0);
    expect(clampSentiment(-0.12345)).toBe(-0.123);
  });
});
