import { Sequelize } from 'sequelize';
import { type Socket, io } from 'socket.io-client';
import {
  ClientEvents,
  ServerEvents,
  type SocketErrorPayload,
  SocketNamespaces,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type SpawnedService,
  TEST_DATABASE_URL,
  connectSocket,
  eventually,
  spawnService,
} from '@cxgenie/testing';

/**
 * The widget socket on a real gateway process: a failure while one socket connects is that
 * socket's alone. Before, its rejection was unhandled and took the whole process down.
 */
describe('the widget socket when its workspace cannot be reached', () => {
  let gateway: SpawnedService;
  let db: Sequelize;

  beforeAll(async () => {
    gateway = await spawnService('gateway-api');
    db = new Sequelize(TEST_DATABASE_URL, { logging: false });
  });
  afterAll(async () => {
    await gateway.close();
    await db.close();
  });

  const widgetSession = async (owner: ApiClient) => {
    const bot = await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'Crash bot' });
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.body.publicKey },
    );
    return session.body.sessionToken;
  };

  it('answers that socket with an error and keeps serving everyone else', async () => {
    const doomed = await ApiClient.signUp(gateway.url);
    const healthy = await ApiClient.signUp(gateway.url);
    const doomedToken = await widgetSession(doomed);
    const healthyToken = await widgetSession(healthy);
    // The session outlives its workspace: every lookup for it now fails.
    await db.query('UPDATE workspaces SET deleted_at = now() WHERE id = :id', {
      replacements: { id: doomed.session!.workspaceId },
    });
    // Past the gateway's cache of where each workspace lives (5 s).
    await new Promise((resolve) => setTimeout(resolve, 5_500));

    const errors: SocketErrorPayload[] = [];
    const socket: Socket = io(`${gateway.url}${SocketNamespaces.Customer}`, {
      auth: { token: doomedToken, lastSeq: 0 },
      transports: ['websocket'],
      reconnection: false,
    });
    socket.on(ServerEvents.Error, (error: SocketErrorPayload) => errors.push(error));
    try {
      await eventually(() => expect(socket.disconnected && errors.length > 0).toBe(true), 10_000);
      expect(errors[0]).toMatchObject({ code: 'internal' });
    } finally {
      socket.close();
    }

    expect(gateway.process.exitCode).toBeNull();
    expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    const other = await connectSocket(gateway.url, SocketNamespaces.Customer, {
      token: healthyToken,
    });
    const sent = (await other.socket.emitWithAck(ClientEvents.SendMessage, {
      text: 'Still there?',
    })) as { ok: boolean };
    other.socket.close();
    expect(sent.ok).toBe(true);
  });
});
