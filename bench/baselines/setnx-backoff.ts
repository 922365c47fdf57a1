import Bull from 'bull';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { type AnswerRequest, type AnswerStreamEvent, parseNdjson } from '@cxgenie/contracts';

interface BaselineJob {
  conversation: number;
  seq: number;
  enqueuedAt: number;
}

export interface BaselineRecord extends BaselineJob {
  startedAt: number;
  finishedAt: number;
}

/**
 * The narrative's design, reproduced to compare against: SETNX a 30 s lock; when it is taken,
 * throw so Bull retries the job with exponential backoff (1 s, 2 s, 4 s… 16 attempts). The answer
 * comes from the same core-ai endpoint as ours.
 */
export async function runSetnxBackoffBaseline(options: {
  redisUrl: string;
  coreAiUrl: string;
  conversations: number;
  messagesPerConversation: number;
  request: Omit<AnswerRequest, 'question' | 'messageId' | 'conversationId'> & {
    conversationId: string;
    messageId: string;
  };
}): Promise<BaselineRecord[]> {
  const queue = new Bull<BaselineJob>(
    `bench-baseline-${randomBytes(3).toString('hex')}`,
    options.redisUrl,
    {
      defaultJobOptions: {
        attempts: 16,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: true,
      },
    },
  );
  const redis = new Redis(options.redisUrl);
  const records: BaselineRecord[] = [];
  const total = options.conversations * options.messagesPerConversation;
  const done = new Promise<void>((resolve) => {
    void queue.process(16, async (job) => {
      const lockKey = `bench:baseline:lock:${queue.name}:${job.data.conversation}`;
      if ((await redis.set(lockKey, '1', 'PX', 30_000, 'NX')) !== 'OK')
        throw new Error('conversation is locked');
      const startedAt = Date.now();
      try {
        const res = await fetch(`${options.coreAiUrl}/v1/answer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...options.request, question: `message ${job.data.seq}` }),
        });
        for await (const event of parseNdjson<AnswerStreamEvent>(
          res.body as unknown as AsyncIterable<Uint8Array>,
        ))
          if (event.type === 'error') throw new Error(event.message);
      } finally {
        await redis.del(lockKey);
      }
      records.push({ ...job.data, startedAt, finishedAt: Date.now() });
      if (records.length === total) resolve();
    });
  });
  // The same arrival pattern as ours: each conversation's messages back to back, all at once.
  await Promise.all(
    Array.from({ length: options.conversations }, async (_, conversation) => {
      for (let seq = 1; seq <= options.messagesPerConversation; seq++) {
        await queue.add({ conversation, seq, enqueuedAt: Date.now() });
      }
    }),
  );
  await done;
  await queue.close();
  redis.disconnect();
  return records;
}
