import Bull from 'bull';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@cxgenie/testing';
import { InboundFairness } from './inbound-fairness';

interface Data {
  workspaceId: string;
  n: number;
}

/** Real Redis, a real Bull queue: the order jobs are taken in is Bull's, from the priorities. */
describe('InboundFairness', () => {
  let redis: Redis;
  let queue: Bull.Queue<Data>;
  let fairness: InboundFairness;
  /** Jobs are named by workspace and number within it: H0, H1, … */
  const added = new Map<string, number>();

  beforeEach(() => {
    added.clear();
    const queuePrefix = `fair-spec-${randomUUID()}`;
    redis = new Redis(TEST_REDIS_URL);
    queue = new Bull<Data>('conversation.inbound', TEST_REDIS_URL, { prefix: queuePrefix });
    fairness = new InboundFairness(redis, { queuePrefix });
  });

  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.quit();
  });

  const add = async (workspaceId: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const n = added.get(workspaceId) ?? 0;
      added.set(workspaceId, n + 1);
      await queue.add({ workspaceId, n }, { priority: await fairness.priority(workspaceId) });
    }
  };

  /** What a worker does: take the next job and start it (which moves the virtual time). */
  const take = async (count: number): Promise<string[]> => {
    const taken: string[] = [];
    for (let i = 0; i < count; i++) {
      const job = (await queue.getNextJob()) as Bull.Job<Data>;
      fairness.started(job.opts.priority);
      taken.push(`${job.data.workspaceId}${job.data.n}`);
    }
    // started() is fire and forget; a round trip after it sees its effect.
    await redis.ping();
    return taken;
  };

  it("serves a quiet workspace's messages before a busy workspace's backlog, each in its own order", async () => {
    await add('H', 6);
    await add('A', 1);
    await add('B', 2);
    expect(await take(9)).toEqual(['H0', 'A0', 'B0', 'H1', 'B1', 'H2', 'H3', 'H4', 'H5']);
  });

  it('puts a workspace that arrives later ahead of the backlog, not behind it', async () => {
    await add('H', 8);
    expect(await take(3)).toEqual(['H0', 'H1', 'H2']);
    await add('A', 1);
    expect(await take(2)).toEqual(['A0', 'H3']);
    // The busy workspace is not starved: its jobs keep coming between the quiet one's.
    await add('A', 1);
    await add('B', 1);
    expect(await take(5)).toEqual(['A1', 'B0', 'H4', 'H5', 'H6']);
  });

  it('numbers a bulk of jobs as if added one by one', async () => {
    expect(await fairness.priorities(['H', 'H', 'A', 'H'])).toEqual([1, 2, 1, 3]);
    expect(await fairness.priorities([])).toEqual([]);
  });
});
