import { getQueueToken } from '@nestjs/bull';
import type Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { type AnalyticsEventsJobData, QueueNames } from '@cxgenie/contracts';
import { ApiClient, type BootedService, bootService, eventually } from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

/** Reports are cached briefly per workspace and query (ANALYTICS_CACHE_TTL_S). */
describe('the report cache', () => {
  let gateway: BootedService;
  let queue: Bull.Queue<AnalyticsEventsJobData>;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService, { ANALYTICS_CACHE_TTL_S: '60' });
    queue = gateway.app.get(getQueueToken(QueueNames.AnalyticsEvents));
  });

  afterAll(() => gateway?.close());

  const customerMessages = async (client: ApiClient, query: string) => {
    const res = await client.get<{ rows: { customerMessages: number }[] }>(
      `/api/v1/analytics/messages?${query}`,
    );
    expect(res.status).toBe(200);
    return res.body.rows.reduce((n, r) => n + r.customerMessages, 0);
  };

  it('answers a repeated query from the cache, and never with another workspace’s answer', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const other = await ApiClient.signUp(gateway.url);
    const query = 'from=2026-11-01&to=2026-12-01';
    expect(await customerMessages(owner, query)).toBe(0);
    await queue.add({
      traceId: 'cache-test',
      events: [
        {
          type: 'message.received',
          id: randomUUID(),
          workspaceId: owner.session!.workspaceId,
          occurredAt: '2026-11-15T10:00:00Z',
          botId: randomUUID(),
          text: 'Hello',
        },
      ],
    });
    await eventually(async () => {
      const counts = await queue.getJobCounts();
      expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    }, 20_000);
    // Stored: a query not asked before sees it…
    expect(await customerMessages(owner, 'from=2026-11-15&to=2026-11-16')).toBe(1);
    // …while the one asked before is the cached answer for its TTL.
    expect(await customerMessages(owner, query)).toBe(0);
    expect(await customerMessages(other, 'from=2026-11-15&to=2026-11-16')).toBe(0);
  });
});
