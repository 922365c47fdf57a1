import { QueryTypes } from 'sequelize';
import { TenantConnections, TenantRelocator } from '@cxgenie/database';
import {
  type BootedService,
  bootService,
  seedBotAndChannel,
  seedConversations,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { ApiClient } from '../../testing/api-client';

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

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    relocator = new TenantRelocator(tenants.sequelize, gateway.config.database.url);
    moved = await ApiClient.signUp(gateway.url);
    neighbour = await ApiClient.signUp(gateway.url);
    for (const client of [moved, neighbour]) {
      const fixture = await seedBotAndChannel(tenants.sequelize, client.session!.workspaceId);
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
  });
});
