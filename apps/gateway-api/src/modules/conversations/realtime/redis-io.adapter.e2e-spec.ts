import { type BootedService, bootService } from '@cxgenie/testing';
import { gatewayApiService } from '../../../gateway-api.service';
import { ConversationEvents } from './conversation-events';

describe('the Socket.IO Redis adapter during shutdown', () => {
  let gateway: BootedService;
  const rejections: unknown[] = [];
  const record = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', record);
    gateway = await bootService(gatewayApiService);
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
  });

  it('lets an emit that comes after its connection closed fail quietly', async () => {
    const events = gateway.app.get(ConversationEvents);
    await gateway.close();
    // What a worker finishing its answer while the instance shuts down does.
    events.messageDiscarded({
      conversationId: '00000000-0000-4000-8000-000000000001',
      messageId: '00000000-0000-4000-8000-000000000002',
      replyToMessageId: '00000000-0000-4000-8000-000000000003',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rejections).toEqual([]);
  });
});
