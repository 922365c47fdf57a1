import { randomBytes } from 'node:crypto';
import { TenantConnections, TenantRelocator } from '@cxgenie/database';
import { ApiClient, type BootedService, bootService } from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface ErrorBody {
  message: string;
  details: { field: string; message: string }[];
}

const address = (label: string) => `${label}-${randomBytes(6).toString('hex')}@acme.test`;

/**
 * Mail is routed by address across every tenant database (ADR 0005, 0032), so an address one
 * workspace's email channel has in its dedicated database is taken for a shared workspace too,
 * and the other way round.
 */
describe('email channel addresses across shared and dedicated databases', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let relocator: TenantRelocator;
  let dedicated: ApiClient;
  let shared: ApiClient;

  const createEmailChannel = (client: ApiClient, addresses: string[]) =>
    client.post<ErrorBody & { id: string }>('/api/v1/channels', {
      type: 'email',
      name: 'Support mail',
      settings: { addresses },
    });

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    relocator = new TenantRelocator(tenants.sequelize, gateway.config.database.url);
    dedicated = await ApiClient.signUp(gateway.url);
    shared = await ApiClient.signUp(gateway.url);
    await relocator.moveToDedicated(dedicated.session!.workspaceId);
    tenants.invalidate(dedicated.session!.workspaceId);
  }, 60_000);

  afterAll(async () => {
    const workspaceId = dedicated.session!.workspaceId;
    const route = await tenants.control.Workspace.findByPk(workspaceId);
    if (route?.databaseName) await tenants.release(route.databaseName);
    if (route?.tenancyMode === 'dedicated') await relocator.moveToShared(workspaceId);
    await gateway.close();
  }, 60_000);

  it('refuses a shared workspace an address a dedicated workspace has, on create and on PATCH', async () => {
    expect((await tenants.scope(dedicated.session!.workspaceId)).mode).toBe('dedicated');
    const theirs = address('help');
    expect((await createEmailChannel(dedicated, [theirs])).status).toBe(201);

    const create = await createEmailChannel(shared, [theirs]);
    expect(create.status).toBe(409);
    expect(create.body.details).toEqual([
      { field: 'settings.addresses', message: `${theirs} already used by another channel` },
    ]);

    const mine = await createEmailChannel(shared, [address('sales')]);
    expect(mine.status).toBe(201);
    const patch = await shared.patch<ErrorBody>(`/api/v1/channels/${mine.body.id}`, {
      settings: { addresses: [theirs] },
    });
    expect(patch.status).toBe(409);
    expect(patch.body.details.map((d) => d.field)).toEqual(['settings.addresses']);
  });

  it('refuses a dedicated workspace an address a shared workspace has', async () => {
    const theirs = address('billing');
    expect((await createEmailChannel(shared, [theirs])).status).toBe(201);
    const create = await createEmailChannel(dedicated, [theirs]);
    expect(create.status).toBe(409);
    expect(create.body.details).toEqual([
      { field: 'settings.addresses', message: `${theirs} already used by another channel` },
    ]);
  });
});
