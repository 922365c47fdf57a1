import { ServerEvents } from '@cxgenie/contracts';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { type BootedService, bootService, eventually } from '@cxgenie/testing';
import { gatewayApiService } from '../../../gateway-api.service';

describe('broadcasting during shutdown', () => {
  let gateway: BootedService;
  const rejections: unknown[] = [];
  const record = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', record);
    gateway = await bootService(gatewayApiService);
    // Settled first: this is about a broadcast after the close, not about closing mid-boot.
    await eventually(
      async () => expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200),
      15_000,
    );
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
  });

  it('lets a broadcast that comes after the Redis connection closed fail quietly', async () => {
    const broadcaster = gateway.app.get(RealtimeBroadcaster);
    await gateway.close();
    // What a worker finishing its answer while the instance shuts down does.
    broadcaster.toCustomers('00000000-0000-4000-8000-000000000001', ServerEvents.MessageDiscarded, {
      conversationId: '00000000-0000-4000-8000-000000000001',
      messageId: '00000000-0000-4000-8000-000000000002',
      replyToMessageId: '00000000-0000-4000-8000-000000000003',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rejections).toEqual([]);
  });
});
