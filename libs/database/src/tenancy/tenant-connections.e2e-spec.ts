import { randomUUID } from 'node:crypto';
import { Sequelize } from 'sequelize';
import { loadServiceConfig } from '@cxgenie/config';
import { TEST_DATABASE_URL, countQueries, seedWorkspace, testEnv } from '@cxgenie/testing';
import { TenantConnections } from './tenant-connections';
import { WorkspaceNotFoundError } from './tenant-scope';

/** Where a workspace's data lives, as every job and request asks it first. */
describe('TenantConnections: a workspace route asked for by many at once', () => {
  const control = new Sequelize(TEST_DATABASE_URL, { logging: false });
  const tenants = new TenantConnections(control, loadServiceConfig('gateway-api', testEnv()));
  afterAll(() => tenants.onApplicationShutdown());

  it('reads the route once for every scope asked at the same time', async () => {
    const workspaceId = await seedWorkspace(control, 'route once');
    const { result: scopes, queries } = await countQueries(control, () =>
      Promise.all(Array.from({ length: 50 }, () => tenants.scope(workspaceId))),
    );
    expect(scopes.map((s) => [s.workspaceId, s.mode])).toEqual(
      Array.from({ length: 50 }, () => [workspaceId, 'shared']),
    );
    expect(queries).toHaveLength(1);
  });

  it('does not keep a miss: a workspace created after it is found', async () => {
    const missing = randomUUID();
    await expect(
      Promise.all([tenants.scope(missing), tenants.scope(missing)]),
    ).rejects.toBeInstanceOf(WorkspaceNotFoundError);
    await control.query(`INSERT INTO workspaces (id, name, slug) VALUES (:id, 'late', :slug)`, {
      replacements: { id: missing, slug: `late-${missing}` },
    });
    expect((await tenants.scope(missing)).workspaceId).toBe(missing);
  });

  it('reads the route again after it is invalidated', async () => {
    const workspaceId = await seedWorkspace(control, 'route invalidated');
    await tenants.scope(workspaceId);
    tenants.invalidate(workspaceId);
    const { queries } = await countQueries(control, () => tenants.scope(workspaceId));
    expect(queries).toHaveLength(1);
  });
});
