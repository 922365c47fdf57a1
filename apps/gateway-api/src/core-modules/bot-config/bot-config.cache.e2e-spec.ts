import { ApiClient, type BootedService, bootService } from '@cxgenie/testing';
import { TenantConnections } from '@cxgenie/database';
import { gatewayApiService } from '../../gateway-api.service';
import { BotConfigCache } from './bot-config.cache';

describe('the bot settings cache', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let cache: BotConfigCache;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    cache = gateway.app.get(BotConfigCache);
  });
  afterAll(() => gateway.close());

  it("never gives one workspace another workspace's bot, cached or not", async () => {
    const [mine, theirs] = await Promise.all([
      ApiClient.signUp(gateway.url),
      ApiClient.signUp(gateway.url),
    ]);
    const bot = (await mine.post<{ id: string }>('/api/v1/bots', { name: 'Mine' })).body;
    const myScope = await tenants.scope(mine.session!.workspaceId);
    const theirScope = await tenants.scope(theirs.session!.workspaceId);
    expect(await cache.get(theirScope, bot.id)).toBeNull();
    expect(await cache.get(myScope, bot.id)).toMatchObject({ id: bot.id });
    // Now cached for its own workspace: still nothing for the other.
    expect(await cache.get(theirScope, bot.id)).toBeNull();
  });

  it('reads a change made through the API at once', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const bot = (await owner.post<{ id: string }>('/api/v1/bots', { name: 'Changing' })).body;
    const scope = await tenants.scope(owner.session!.workspaceId);
    expect(await cache.get(scope, bot.id)).toMatchObject({ temperature: 0.2 });
    await owner.patch(`/api/v1/bots/${bot.id}`, { temperature: 0.9 });
    expect(await cache.get(scope, bot.id)).toMatchObject({ temperature: 0.9 });
  });
});
