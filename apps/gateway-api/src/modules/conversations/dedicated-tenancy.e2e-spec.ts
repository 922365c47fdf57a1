import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { TenantConnections, TenantRelocator, TenantRoutes } from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  type SpawnedService,
  bootService,
  seedBotAndChannel,
  seedConversations,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

const countRows = async (
  tenants: TenantConnections,
  table: string,
  workspaceId: string,
): Promise<number> => {
  const [row] = await tenants.sequelize.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${table} WHERE workspace_id = :workspaceId`,
    {
      replacements: { workspaceId },
      type: QueryTypes.SELECT,
    },
  );
  return Number(row.n);
};

describe('a workspace moved to its own database and back', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let relocator: TenantRelocator;
  let moved: ApiClient;
  let neighbour: ApiClient;
  let before: string[];
  let integration: SpawnedService;
  /** The moved workspace's seeded bot and channel. */
  let seeded: { publicKey: string; channelId: string };

  const widgetSession = (botKey: string) =>
    new ApiClient(gateway.url).post<{ botId: string }>('/api/v1/widget/sessions', { botKey });

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    integration = await spawnService('integration');
    tenants = gateway.app.get(TenantConnections);
    relocator = new TenantRelocator(tenants.sequelize, gateway.config.database.url);
    moved = await ApiClient.signUp(gateway.url);
    neighbour = await ApiClient.signUp(gateway.url);
    for (const client of [moved, neighbour]) {
      const fixture = await seedBotAndChannel(tenants.sequelize, client.session!.workspaceId);
      if (client === moved) {
        const bot = await tenants.control.Bot.findByPk(fixture.botId);
        seeded = { publicKey: bot!.publicKey, channelId: fixture.channelId };
      }
      await seedConversations(tenants.sequelize, fixture, {
        conversations: 12,
        messagesPerConversation: 3,
      });
    }
    before = (await moved.get<Page>('/api/v1/conversations?limit=100')).body.items.map((c) => c.id);
  });

  afterAll(async () => {
    const workspaceId = moved.session!.workspaceId;
    const route = await tenants.control.Workspace.findByPk(workspaceId);
    if (route?.tenancyMode === 'dedicated') await relocator.moveToShared(workspaceId);
    await integration?.close();
    await gateway.close();
  });

  it('serves the same data from the dedicated database and nothing of it stays shared', async () => {
    const workspaceId = moved.session!.workspaceId;
    const result = await relocator.moveToDedicated(workspaceId);
    expect(result.rowsCopied).toMatchObject({
      conversations: 12,
      messages: 36,
      customers: 12,
      bots: 1,
      channels: 1,
    });
    tenants.invalidate(workspaceId);

    const after = (await moved.get<Page>('/api/v1/conversations?limit=100')).body.items.map(
      (c) => c.id,
    );
    expect(after.sort()).toEqual([...before].sort());
    expect((await tenants.scope(workspaceId)).mode).toBe('dedicated');
    for (const table of ['conversations', 'messages', 'customers', 'bots', 'channels']) {
      expect(await countRows(tenants, table, workspaceId)).toBe(0);
    }
  });

  it('keeps both tenants isolated across databases', async () => {
    const theirs = (await neighbour.get<Page>('/api/v1/conversations?limit=100')).body.items.map(
      (c) => c.id,
    );
    expect(theirs).toHaveLength(12);
    expect(theirs.some((id) => before.includes(id))).toBe(false);
    expect((await neighbour.get(`/api/v1/conversations/${before[0]}`)).status).toBe(404);
    expect((await moved.get(`/api/v1/conversations/${theirs[0]}`)).status).toBe(404);
    expect((await moved.get(`/api/v1/conversations/${before[0]}`)).status).toBe(200);
  });

  it("is reached from outside by its bots' keys and its channels' ids, like a shared one", async () => {
    const workspaceId = moved.session!.workspaceId;
    const session = await widgetSession(seeded.publicKey);
    expect(session.status).toBe(201);
    const routes = gateway.app.get(TenantRoutes);
    expect(await routes.locate('channel', seeded.channelId)).toBe(workspaceId);

    // Keys made while dedicated are indexed too; a rotated key stops working at once.
    const bot = await moved.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Made while dedicated',
    });
    expect(bot.status).toBe(201);
    expect((await widgetSession(bot.body.publicKey)).body.botId).toBe(bot.body.id);
    const rotated = await moved.post<{ publicKey: string }>(
      `/api/v1/bots/${bot.body.id}/rotate-public-key`,
    );
    expect(rotated.status).toBe(200);
    expect((await widgetSession(bot.body.publicKey)).status).toBe(404);
    expect((await widgetSession(rotated.body.publicKey)).status).toBe(201);
    const channel = await moved.post<{ id: string }>('/api/v1/channels', {
      type: 'messenger',
      name: 'Made while dedicated',
      botId: bot.body.id,
      credentials: {
        pageAccessToken: 'EAAGpage-dedicated',
        appSecret: 'appsecret-dedicated',
        verifyToken: 'verify-dedicated',
      },
      settings: { pageId: `${Date.now()}` },
    });
    expect(channel.status).toBe(201);
    // The platform's subscription handshake reaches the channel through the integration service.
    const handshake = (channelId: string) =>
      fetch(
        `${integration.url}/webhooks/messenger/${channelId}?hub.mode=subscribe` +
          '&hub.verify_token=verify-dedicated&hub.challenge=424242',
      );
    const found = await handshake(channel.body.id);
    expect(found.status).toBe(200);
    expect(await found.text()).toBe('424242');
    expect((await handshake(randomUUID())).status).toBe(404);
  });

  it('moves back to the shared database intact and drops the dedicated one', async () => {
    const workspaceId = moved.session!.workspaceId;
    const databaseName = (await tenants.control.Workspace.findByPk(workspaceId))!.databaseName!;
    await tenants.release(databaseName);
    await relocator.moveToShared(workspaceId);
    tenants.invalidate(workspaceId);
    expect(await countRows(tenants, 'messages', workspaceId)).toBe(36);
    const after = (await moved.get<Page>('/api/v1/conversations?limit=100')).body.items.map(
      (c) => c.id,
    );
    expect(after.sort()).toEqual([...before].sort());
    const [exists] = await tenants.sequelize.query(
      'SELECT 1 FROM pg_database WHERE datname = :databaseName',
      {
        replacements: { databaseName },
        type: QueryTypes.SELECT,
      },
    );
    expect(exists).toBeUndefined();
    // Its bots and channels are the control plane's own rows again: no index entry is left.
    const routes = gateway.app.get(TenantRoutes);
    expect(await routes.locate('bot_public_key', seeded.publicKey)).toBeNull();
    expect(await routes.locate('channel', seeded.channelId)).toBeNull();
    expect((await widgetSession(seeded.publicKey)).status).toBe(201);
  });
});
