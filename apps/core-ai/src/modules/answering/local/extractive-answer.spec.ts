import type { RetrievedChunk } from '@cxgenie/contracts';
import { tokenizeForSearch } from '@cxgenie/text-processing';
import { composeExtractiveAnswer } from './extractive-answer';

const chunk = (text: string, context = text, title = 'Help'): RetrievedChunk => ({
  partition: 'documents',
  sourceId: 'source',
  documentId: null,
  chunkId: `chunk-${text.length}`,
  title,
  position: 0,
  score: 1,
  text,
  context,
  headingPath: '',
  tokenCount: 50,
  vectorScore: 0.5,
  lexicalScore: null,
  updatedAt: '2024-01-01T00:00:00.000Z',
});

const query = (question: string) => ({
  concepts: [...new Set(tokenizeForSearch(question))].map((term) => ({
    term,
    weight: 1,
    synonyms: [],
  })),
});
const idf = () => 1;

const refunds = chunk(
  'Refunds are paid to the original card within five business days. ' +
    'To request a refund, open Billing and choose the invoice.\n\n' +
    'Annual plans can be refunded within 30 days of purchase. Monthly plans are not refundable.',
);
const shipping = chunk('Orders ship within two days. Tracking links are emailed.');

describe('composeExtractiveAnswer', () => {
  it('quotes only sentences of the chunks, in source order', () => {
    const answer = composeExtractiveAnswer(
      query('How do I request a refund for my annual plan?'),
      [refunds, shipping],
      idf,
      { maxSentences: 4 },
    );
    for (const sentence of answer.split(/\n\n|(?<=\.) /)) {
      expect(refunds.text + shipping.text).toContain(sentence);
    }
    expect(answer).toContain('To request a refund, open Billing and choose the invoice.');
    expect(answer).toContain('Annual plans can be refunded within 30 days of purchase.');
    expect(answer).not.toContain('Orders ship');
  });

  it('keeps the topic sentence that opens the paragraph of the best sentence', () => {
    // The failure: the answer quoted the sentence after the one that answers.
    const slowQueries = chunk(
      'log_min_duration_statement (integer) Causes the duration of each completed statement to be logged if the statement ran for at least the specified amount of time. ' +
        'For example, if you set it to 250ms then all SQL statements that run 250ms or longer will be logged.',
    );
    const answer = composeExtractiveAnswer(
      query('How do I log every statement that runs longer than 250ms?'),
      [slowQueries],
      idf,
      { maxSentences: 4 },
    );
    expect(answer).toContain('Causes the duration of each completed statement to be logged');
    expect(answer).toContain('For example, if you set it to 250ms');
  });

  it('prefers the hit to the neighbours joined around it, and the best chunk to the others', () => {
    const hit = chunk(
      'Set listen_addresses to accept remote connections.',
      'Remote connections are discussed below.\n\nSet listen_addresses to accept remote connections.\n\nRemote connections need pg_hba.conf entries too.',
    );
    const answer = composeExtractiveAnswer(query('accept remote connections'), [hit], idf, {
      maxSentences: 1,
    });
    expect(answer).toBe('Set listen_addresses to accept remote connections.');
  });

  it('joins paragraphs nearly as relevant as the best one, each its own paragraph', () => {
    const parcel = chunk(
      [
        'Orders leave our warehouse within one business day. You receive an email with a tracking link as soon as your parcel is handed to the carrier.',
        'Follow the tracking link to see where your parcel is. Tracking can take up to 24 hours to show the first scan.',
        'If your parcel has not moved for five days, contact us with your order number and we will open an investigation with the carrier.',
      ].join('\n\n'),
      undefined,
      'Where is my parcel?',
    );
    const answer = composeExtractiveAnswer(
      query('Where is my parcel? It has not moved for days.'),
      [parcel],
      idf,
      { maxSentences: 6 },
    );
    const paragraphs = answer.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
    expect(paragraphs[paragraphs.length - 1]).toContain('has not moved for five days');
  });

  it('does not repeat a sentence that overlapping chunks share', () => {
    const overlap = chunk(
      'To request a refund, open Billing and choose the invoice. Refund requests are answered in a day.',
    );
    const answer = composeExtractiveAnswer(
      query('How do I request a refund?'),
      [refunds, overlap],
      idf,
      { maxSentences: 6 },
    );
    expect(answer.match(/To request a refund/g)).toHaveLength(1);
  });

  it('keeps a short code listing introduced by its sentence and skips a listing cut by chunking', () => {
    const code = chunk(
      '  WHERE id = 1;\n```\n\nTo refund by API:\n\n```\nPOST /refunds {"plan": "annual"}\n```',
    );
    const answer = composeExtractiveAnswer(query('refund annual plan by API'), [code], idf, {
      maxSentences: 3,
    });
    expect(answer).toContain('```\nPOST /refunds {"plan": "annual"}\n```');
    expect(answer).not.toContain('WHERE id');
  });
});
