import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import {
  type KnowledgeSourceProgressEvent,
  ServerEvents,
  SocketNamespaces,
} from '@cxgenie/contracts';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import {
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  TEST_REDIS_URL,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface ProgressSocket {
  socket: Socket;
  events: KnowledgeSourceProgressEvent[];
}

const progressEvent = (
  workspaceId: string,
  overrides: Partial<KnowledgeSourceProgressEvent> = {},
): KnowledgeSourceProgressEvent => ({
  workspaceId,
  botId: '5f0c6a3e-3a55-4c43-9d2a-2c9d7e0e4f11',
  sourceId: '9b1d4c1e-8a7f-4f0e-bb1c-1e2f3a4b5c6d',
  status: 'processing',
  progress: 40,
  stats: { pages: 12, chunks: 80, embedded: 50, reused: 30 },
  error: null,
  updatedAt: new Date().toISOString(),
  ...overrides,
});

/** Long enough for a message that is coming to have arrived; used before asserting absence. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('knowledge progress pushed to the dashboard sockets', () => {
  let gateway: BootedService;
  let secondGateway: BootedService;
  let publisher: Redis;
  const sockets: Socket[] = [];

  const listen = async (url: string, client: ApiClient): Promise<ProgressSocket> => {
    const { socket } = await connectSocket(url, SocketNamespaces.Agent, {
      token: client.session!.accessToken,
    });
    sockets.push(socket);
    const events: KnowledgeSourceProgressEvent[] = [];
    socket.on(ServerEvents.KnowledgeSourceProgress, (event: KnowledgeSourceProgressEvent) =>
      events.push(event),
    );
    return { socket, events };
  };
  // As the loader broadcasts: from another process, through Redis.
  const publish = (event: KnowledgeSourceProgressEvent) =>
    new RealtimeBroadcaster(publisher).toAgents(
      event.workspaceId,
      ServerEvents.KnowledgeSourceProgress,
      event,
    );

  beforeAll(async () => {
    // Two instances, as in production: each delivers to its own sockets only.
    [gateway, secondGateway] = await Promise.all([
      bootService(gatewayApiService),
      bootService(gatewayApiService),
    ]);
    publisher = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await publisher.quit();
    await Promise.all([gateway.close(), secondGateway.close()]);
  });

  it("reaches every agent of the source's workspace exactly once, and no other workspace", async () => {
    const mine = await ApiClient.signUp(gateway.url);
    const colleague = await ApiClient.signUp(gateway.url);
    const theirs = await ApiClient.signUp(gateway.url);
    const me = await listen(gateway.url, mine);
    const meOnTheOtherInstance = await listen(secondGateway.url, mine);
    const stranger = await listen(gateway.url, theirs);
    const otherWorkspace = await listen(secondGateway.url, colleague);

    const event = progressEvent(mine.session!.workspaceId);
    publish(event);
    await eventually(() => {
      expect(me.events).toEqual([event]);
      expect(meOnTheOtherInstance.events).toEqual([event]);
    }, 5_000);
    await settle();
    expect(me.events).toHaveLength(1);
    expect(meOnTheOtherInstance.events).toHaveLength(1);
    expect(stranger.events).toEqual([]);
    expect(otherWorkspace.events).toEqual([]);

    const theirEvent = progressEvent(theirs.session!.workspaceId, {
      status: 'failed',
      progress: 60,
      error: 'The PDF is password-protected',
    });
    publish(theirEvent);
    await eventually(() => expect(stranger.events).toEqual([theirEvent]), 5_000);
    await settle();
    expect(me.events).toEqual([event]);
  });
});
