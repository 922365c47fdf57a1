import {
  ClientEvents,
  type MessagePayload,
  ServerEvents,
  SocketNamespaces,
  type TypingPayload,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  type RecordingSocket,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

const connectAgent = async (url: string, token: string) => {
  const recorder = await connectSocket(url, SocketNamespaces.Agent, { token });
  return { socket: recorder.socket, seen: recorder.messages };
};

describe('agent socket namespace', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;

  beforeAll(async () => {
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0' });
    gateway = await bootService(gatewayApiService, { [serviceUrlEnvVar('core-ai')]: coreAi.url });
  });

  afterAll(async () => {
    await gateway.close();
    await coreAi.close();
  });

  it("streams every conversation event of the agent's workspace, and nothing of another", async () => {
    const mine = await ApiClient.signUp(gateway.url);
    const theirs = await ApiClient.signUp(gateway.url);
    const keyOf = async (owner: ApiClient) =>
      (await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'bot' })).body.publicKey;
    const say = async (botKey: string, text: string) => {
      const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
        '/api/v1/widget/sessions',
        { botKey },
      );
      return (
        await new ApiClient(gateway.url)
          .withBearer(session.body.sessionToken)
          .post<MessagePayload>('/api/v1/widget/messages', { text })
      ).body;
    };
    const agent = await connectAgent(gateway.url, mine.session!.accessToken);
    try {
      const question = await say(await keyOf(mine), 'visible to my agents');
      await say(await keyOf(theirs), 'not visible to them');
      await eventually(() => {
        expect(agent.seen.map((m) => m.id)).toContain(question.id);
        expect(agent.seen.some((m) => m.replyToMessageId === question.id)).toBe(true);
      }, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(agent.seen.some((m) => m.text === 'not visible to them')).toBe(false);
    } finally {
      agent.socket.close();
    }
  });

  it('carries typing both ways: customer to agents, agent to the customer, never across workspaces', async () => {
    const mine = await ApiClient.signUp(gateway.url);
    const theirs = await ApiClient.signUp(gateway.url);
    const botKey = (await mine.post<{ publicKey: string }>('/api/v1/bots', { name: 'bot' })).body
      .publicKey;
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey },
    );
    const customer = await connectSocket(gateway.url, SocketNamespaces.Customer, {
      token: session.body.sessionToken,
    });
    const agent = await connectSocket(gateway.url, SocketNamespaces.Agent, {
      token: mine.session!.accessToken,
    });
    const stranger = await connectSocket(gateway.url, SocketNamespaces.Agent, {
      token: theirs.session!.accessToken,
    });
    const typingSeen = (socket: RecordingSocket) => {
      const events: TypingPayload[] = [];
      socket.socket.on(ServerEvents.Typing, (event: TypingPayload) => events.push(event));
      return events;
    };
    const [customerSaw, agentSaw, strangerSaw] = [customer, agent, stranger].map(typingSeen);
    try {
      const ack = (await customer.socket.emitWithAck(ClientEvents.SendMessage, {
        text: 'hello',
      })) as { message: MessagePayload };
      const { conversationId } = ack.message;

      expect(await customer.socket.emitWithAck(ClientEvents.Typing, { typing: true })).toEqual({
        ok: true,
      });
      await eventually(() =>
        expect(agentSaw).toContainEqual({ conversationId, senderType: 'customer', typing: true }),
      );
      expect(
        await agent.socket.emitWithAck(ClientEvents.Typing, { conversationId, typing: true }),
      ).toEqual({ ok: true });
      await eventually(() =>
        expect(customerSaw).toContainEqual({ conversationId, senderType: 'agent', typing: true }),
      );
      // Another workspace's agent can neither see nor fake typing in this conversation.
      expect(
        await stranger.socket.emitWithAck(ClientEvents.Typing, { conversationId, typing: true }),
      ).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(
        await agent.socket.emitWithAck(ClientEvents.Typing, { conversationId: 'nope', typing: 1 }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      await new Promise((r) => setTimeout(r, 300));
      expect(strangerSaw.filter((e) => e.conversationId === conversationId)).toEqual([]);
      expect(customerSaw.filter((e) => e.senderType === 'customer')).toEqual([]);
    } finally {
      for (const socket of [customer, agent, stranger]) socket.socket.close();
    }
  });

  it('refuses widget tokens and forged tokens', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const botKey = (await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'bot' })).body
      .publicKey;
    const widget = (
      await new ApiClient(gateway.url).post<{ sessionToken: string }>('/api/v1/widget/sessions', {
        botKey,
      })
    ).body;
    for (const token of [widget.sessionToken, 'forged']) {
      await expect(connectAgent(gateway.url, token)).rejects.toMatchObject({
        data: { code: 'unauthorized' },
      });
    }
  });
});
