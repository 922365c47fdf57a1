import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { type KnowledgeSourceProgressEvent, ServerEvents, workspaceRoom } from '@cxgenie/contracts';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { RealtimeProbe, TEST_REDIS_URL, eventually } from '@cxgenie/testing';
import { ProgressPublisher } from './progress-publisher';

describe('ProgressPublisher', () => {
  let redis: Redis;
  let probe: RealtimeProbe;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    probe = await RealtimeProbe.start();
  });
  afterAll(async () => {
    await probe.close();
    await redis.quit();
  });

  it("reaches the source's workspace agents with the contract's fields only", async () => {
    const workspaceId = randomUUID();
    const event: KnowledgeSourceProgressEvent = {
      workspaceId,
      botId: randomUUID(),
      sourceId: randomUUID(),
      status: 'processing',
      progress: 40,
      stats: { pages: 12, chunks: 80, embedded: 50, reused: 30 },
      error: null,
      updatedAt: new Date().toISOString(),
    };
    // What the ingestion knows beyond the contract must never reach a browser.
    const withInternals = { ...event, storageKey: 'uploads/secret.pdf', sizeBytes: 1 };
    await new ProgressPublisher(new RealtimeBroadcaster(redis)).publish(withInternals);
    await eventually(() =>
      expect(probe.to(workspaceRoom(workspaceId), ServerEvents.KnowledgeSourceProgress)).toEqual([
        event,
      ]),
    );
  });
});
