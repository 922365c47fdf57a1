import { QueryTypes, Sequelize } from 'sequelize';
import { loadServiceConfig } from '@cxgenie/config';
import { TEST_DATABASE_URL, seedBotAndChannel, seedWorkspace, testEnv } from '@cxgenie/testing';
import { EmailAddressClaims } from './email-address-claims';
import { TenantConnections } from './tenant-connections';
import { TenantRelocator } from './tenant-relocator';

/**
 * Work across every tenant database (sweeps, the SLA check, mail routing by address) when there
 * are more dedicated databases than pools this process keeps open: each is read in its turn.
 */
describe('every tenant database, with more dedicated databases than open pools', () => {
  const control = new Sequelize(TEST_DATABASE_URL, { logging: false });
  const relocator = new TenantRelocator(control, TEST_DATABASE_URL);
  // One open dedicated pool at a time: opening the second closes the first.
  const config = loadServiceConfig('gateway-api', testEnv({ DATABASE_TENANT_MAX_OPEN: '1' }));
  const tenants = new TenantConnections(control, config);
  const workspaceIds: string[] = [];
  // A quoted local part may hold what an array literal would split or choke on.
  const quoted = `"sales, {eu} \\"desk\\""+${Date.now()}@acme.test`;
  const plain = `help+${Date.now()}@acme.test`;

  beforeAll(async () => {
    for (const [name, address] of [
      ['dedicated one', quoted],
      ['dedicated two', plain],
    ]) {
      const workspaceId = await seedWorkspace(control, name);
      const { channelId } = await seedBotAndChannel(control, workspaceId);
      await control.query(
        `UPDATE channels SET type = 'email', settings = jsonb_build_object('addresses', jsonb_build_array(CAST(:address AS text)))
          WHERE id = :channelId`,
        { replacements: { address, channelId } },
      );
      await relocator.moveToDedicated(workspaceId);
      workspaceIds.push(workspaceId);
    }
  }, 60_000);

  afterAll(async () => {
    // The pools are closed before the databases are dropped; this also closes `control`.
    const databases = await tenants.databases(() => undefined);
    for (const { key } of databases) if (key !== 'shared') await tenants.release(key);
    for (const workspaceId of workspaceIds) await relocator.moveToShared(workspaceId);
    await tenants.onApplicationShutdown();
  }, 60_000);

  // Other suites move workspaces in and out of dedicated databases meanwhile: only ours count.
  const isOurs = (ids: string[] | null) => ids !== null && workspaceIds.includes(ids[0]!);

  it('reads each dedicated database although reaching the next closes the one before', async () => {
    const unreachable: string[] = [];
    const databases = await tenants.databases((workspaceId) => unreachable.push(workspaceId));
    const ours = databases.filter((d) => isOurs(d.workspaceIds));
    expect(ours).toHaveLength(2);
    for (const database of ours) {
      const [row] = await database.sequelize.query<{ id: string }>(
        'SELECT id FROM workspaces WHERE id = :id',
        { replacements: { id: database.workspaceIds![0] }, type: QueryTypes.SELECT },
      );
      expect(row?.id).toBe(database.workspaceIds![0]);
    }
    expect(unreachable.filter((id) => workspaceIds.includes(id))).toEqual([]);
    expect(tenants.openDedicatedCount()).toBe(1);
  });

  it('finds who claims each address, a quoted local part with , { } and " included', async () => {
    const unreachable: string[][] = [];
    const found = await new EmailAddressClaims(tenants).find([quoted, plain], {
      onUnreachable: (ids) => unreachable.push(ids),
    });
    expect(unreachable.flat().filter((id) => workspaceIds.includes(id))).toEqual([]);
    expect(
      found.claims
        .filter((c) => workspaceIds.includes(c.workspaceId))
        .map((c) => [c.address, c.workspaceId])
        .sort((a, b) => a[0]!.localeCompare(b[0]!)),
    ).toEqual(
      [
        [quoted, workspaceIds[0]],
        [plain, workspaceIds[1]],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
  });
});
