import type { AnalyticsFactRow } from '@cxgenie/analytics';
import type { AnalyticsFact } from '@cxgenie/contracts';
import { FactTally } from './analytics.metrics';
import { factLine } from './enrichment/fact-line';
import type { FactContext } from './enrichment/fact-rows';

const base = { workspaceId: 'w', occurredAt: '2026-11-20T12:00:00.000Z' };
const FACTS: { fact: AnalyticsFact; channel: string; cost: number }[] = [
  { fact: { ...base, id: '1', type: 'message.received', text: 'hi' }, channel: 'web', cost: 0 },
  { fact: { ...base, id: '2', type: 'message.received', text: 'hey' }, channel: 'web', cost: 0 },
  { fact: { ...base, id: '3', type: 'message.sent', chars: 3 }, channel: '', cost: 0 },
  {
    fact: {
      ...base,
      id: '4',
      type: 'message.answered',
      replyToMessageId: '1',
      outcome: 'fallback',
      haveEnoughInformation: false,
      provider: 'openai',
      model: 'gpt-4o-mini',
      waitedMs: 1,
      chars: 2,
    },
    channel: 'email',
    cost: 0,
  },
  {
    fact: {
      ...base,
      id: '5',
      type: 'message.unanswered',
      provider: 'openai',
      model: 'gpt-4o-mini',
      waitedMs: 1,
      question: '?',
    },
    channel: 'web',
    cost: 0,
  },
  {
    fact: {
      ...base,
      id: '6',
      type: 'handoff.requested',
      reason: 'customer_request',
      ticketOpened: true,
    },
    channel: 'web',
    cost: 0,
  },
  ...[1_000, 234.6].map((promptTokens, i) => ({
    fact: {
      ...base,
      id: `7${i}`,
      type: 'llm.usage' as const,
      provider: 'openai',
      model: 'gpt-4o-mini',
      purpose: 'answer' as const,
      promptTokens,
      completionTokens: 100,
      latencyMs: 5,
    },
    channel: 'web',
    cost: 0.25,
  })),
  {
    fact: {
      ...base,
      id: '8',
      type: 'embedding.usage',
      provider: 'openai',
      model: 'text-embedding-3-small',
      purpose: 'question',
      texts: 1,
      tokens: 40,
      latencyMs: 2,
    },
    channel: 'web',
    cost: 0.5,
  },
  { fact: { ...base, id: '9', type: 'csat.submitted', rating: 5 }, channel: 'web', cost: 0 },
];

const sums = (tally: FactTally) =>
  [...tally.sums()]
    .map(({ counter, labels, value }) => `${counter} ${JSON.stringify(labels)} ${value}`)
    .sort();

describe('business metrics of stored facts', () => {
  it('sums each counter per label set', () => {
    const tally = new FactTally();
    for (const { fact, channel, cost } of FACTS) tally.add(fact, channel, cost);
    expect(sums(tally)).toEqual(
      [
        'messages {"channel":"web","sender":"customer"} 2',
        'messages {"channel":"unknown","sender":"agent"} 1',
        'messages {"channel":"email","sender":"bot"} 1',
        'answers {"outcome":"fallback"} 1',
        'answers {"outcome":"silent"} 1',
        'handoffs {"reason":"customer_request"} 1',
        'llmTokens {"provider":"openai","model":"gpt-4o-mini","kind":"prompt"} 1235',
        'llmTokens {"provider":"openai","model":"gpt-4o-mini","kind":"completion"} 200',
        'cost {"provider":"openai","model":"gpt-4o-mini"} 0.5',
        'embeddingTokens {"provider":"openai","model":"text-embedding-3-small"} 40',
        'cost {"provider":"openai","model":"text-embedding-3-small"} 0.5',
      ].sort(),
    );
  });

  it('counts a fact from its stored row as from the fact itself, and merges tallies', () => {
    const fromFacts = new FactTally();
    const fromRows = new FactTally();
    for (const { fact, channel, cost } of FACTS) {
      const ctx: FactContext = {
        timeZone: 'UTC',
        botId: '',
        channelType: channel,
        customerId: '',
        botName: '',
        customerName: '',
        agentName: '',
        costUsd: cost,
      };
      fromFacts.add(fact, channel, cost);
      const part = new FactTally();
      part.addRow(JSON.parse(factLine(fact, ctx, Date.parse(fact.occurredAt))) as AnalyticsFactRow);
      fromRows.merge(part);
    }
    expect(sums(fromRows)).toEqual(sums(fromFacts));
  });
});
