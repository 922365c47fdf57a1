import type { RetrievedChunk } from '@cxgenie/contracts';
import { composeExtractiveAnswer } from './extractive-answer';
import { namesIn } from './evidence-features';
import { judgeEvidence } from './evidence-verdict';

const chunk = (text: string, vectorScore: number, title = 'Help'): RetrievedChunk => ({
  partition: 'documents',
  sourceId: 'source',
  documentId: null,
  chunkId: `chunk-${text.length}-${vectorScore}`,
  title,
  position: 0,
  score: vectorScore,
  text,
  headingPath: '',
  tokenCount: 50,
  vectorScore,
  lexicalScore: null,
  updatedAt: '2024-01-01T00:00:00.000Z',
});

const refunds = chunk(
  'Refunds are paid to the original card within five business days. ' +
    'To request a refund, open Billing and choose the invoice.\n\n' +
    'Annual plans can be refunded within 30 days of purchase. Monthly plans are not refundable.',
  0.55,
  'Refunds',
);
const shipping = chunk('Orders ship within two days. Tracking links are emailed.', 0.2, 'Shipping');

describe('judgeEvidence', () => {
  it('answers when a retrieved chunk covers the question', () => {
    const verdict = judgeEvidence('How do I request a refund for my annual plan?', [
      refunds,
      shipping,
    ]);
    expect(verdict.enough).toBe(true);
    expect(verdict.confidence).toBeGreaterThan(0.5);
    expect(verdict.reason).toMatch(/covers/);
  });

  it('hands off when the question is about something the knowledge never mentions', () => {
    const verdict = judgeEvidence('How do I reset my MySQL root password?', [refunds, shipping]);
    expect(verdict.enough).toBe(false);
    expect(verdict.confidence).toBeLessThan(0.5);
  });

  it('hands off when a named product is missing even if everyday words match', () => {
    const verdict = judgeEvidence('Can I get a refund for my Shopify plan?', [refunds]);
    expect(verdict.enough).toBe(false);
    expect(verdict.reason).toContain('Shopify');
  });

  it('hands off with no evidence or no topic', () => {
    expect(judgeEvidence('How do I request a refund?', []).enough).toBe(false);
    expect(judgeEvidence('hi, how are you?', [refunds]).enough).toBe(false);
  });
});

describe('namesIn', () => {
  it('finds capitalised words away from sentence starts and inner capitals', () => {
    expect(namesIn('How do I move my WordPress site to Kinsta? Thanks. iPhone too')).toEqual([
      'WordPress',
      'Kinsta',
      'iPhone',
    ]);
    expect(namesIn("I'm asking: can I get a refund?")).toEqual([]);
  });
});

describe('composeExtractiveAnswer', () => {
  const question = 'How do I request a refund for my annual plan?';

  it('quotes only sentences of the chunks, most relevant first chosen, in source order', () => {
    const answer = composeExtractiveAnswer(question, [refunds, shipping], { maxSentences: 2 });
    const sentences = answer.split(/\n\n| (?=[A-Z])/);
    for (const sentence of sentences) expect(refunds.text + shipping.text).toContain(sentence);
    expect(answer).toBe(
      'To request a refund, open Billing and choose the invoice.\n\nAnnual plans can be refunded within 30 days of purchase.',
    );
  });

  it('separates source paragraphs with a blank line and respects maxSentences', () => {
    const answer = composeExtractiveAnswer(question, [refunds, shipping], { maxSentences: 10 });
    expect(answer.split('\n\n').length).toBeGreaterThanOrEqual(2);
    expect(answer).not.toContain('Orders ship');
    expect(
      composeExtractiveAnswer(question, [refunds], { maxSentences: 1 }).split(/(?<=\.) /),
    ).toHaveLength(1);
  });

  it('does not repeat a sentence that overlapping chunks share', () => {
    const overlap = chunk(
      'To request a refund, open Billing and choose the invoice. Refund requests are answered in a day.',
      0.5,
    );
    const answer = composeExtractiveAnswer(question, [refunds, overlap], { maxSentences: 6 });
    expect(answer.match(/To request a refund/g)).toHaveLength(1);
  });

  it('keeps short code listings whole and skips the tail of a listing cut by chunking', () => {
    const code = chunk(
      '  WHERE id = 1;\n```\n\nTo refund by API:\n\n```\nPOST /refunds {"plan": "annual"}\n```',
      0.5,
    );
    const answer = composeExtractiveAnswer('refund annual plan by API', [code], {
      maxSentences: 3,
    });
    expect(answer).toContain('```\nPOST /refunds {"plan": "annual"}\n```');
    expect(answer).not.toContain('WHERE id');
  });
});
