import type { AnswerDoneEvent, AnswerStreamEvent } from '@cxgenie/contracts';
import { attemptOfAnswerStream } from './recover-attempted-answer.usecase';

const done = (fields: Partial<AnswerDoneEvent>): AnswerDoneEvent =>
  ({
    type: 'done',
    haveEnoughInformation: false,
    outcome: 'fallback',
    provider: 'openai',
    model: 'gpt-4o-mini',
    promptVersion: 'v1',
    citations: [],
    attemptedAnswer: null,
    ...fields,
  }) as AnswerDoneEvent;

async function* batches(...list: AnswerStreamEvent[][]): AsyncIterable<AnswerStreamEvent[]> {
  for (const batch of list) yield batch;
}

const delta = (text: string): AnswerStreamEvent => ({ type: 'delta', text }) as AnswerStreamEvent;

describe('the attempt read from an answer stream asked again', () => {
  it("is the NO's attempt, not the fallback the deltas carried to the customer", async () => {
    const stream = batches(
      [delta('A teammate will pick this up.')],
      [done({ attemptedAnswer: 'A guess.' })],
    );
    expect(await attemptOfAnswerStream(stream)).toBe('A guess.');
  });

  it('is empty when the NO wrote no attempt, never the fallback', async () => {
    const stream = batches([
      delta('A teammate will pick this up.'),
      done({ attemptedAnswer: null }),
    ]);
    expect(await attemptOfAnswerStream(stream)).toBe('');
  });

  it('is the answer itself when core-ai now has enough information', async () => {
    const stream = batches(
      [delta('Parcels ship '), delta('within two days.')],
      [done({ haveEnoughInformation: true, outcome: 'answered' })],
    );
    expect(await attemptOfAnswerStream(stream)).toBe('Parcels ship within two days.');
  });

  it('fails on an error event or a stream without done, so the owed job is retried', async () => {
    await expect(
      attemptOfAnswerStream(
        batches([{ type: 'error', message: 'model away' } as AnswerStreamEvent]),
      ),
    ).rejects.toThrow('model away');
    await expect(attemptOfAnswerStream(batches([delta('cut')]))).rejects.toThrow('without a done');
  });
});
