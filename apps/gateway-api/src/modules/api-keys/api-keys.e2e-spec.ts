import { ApiClient, type BootedService, bootService, signInAsNewMember } from '@cxgenie/testing';
import { TenantConnections } from '@cxgenie/database';
import { sha256 } from '../../core-modules/crypto/opaque-token';
import { gatewayApiService } from '../../gateway-api.service';

interface ApiKeyBody {
  id: string;
  name: string;
  prefix: string;
  role: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  key?: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ErrorBody {
  message: string;
  details: { field: string; message: string }[];
}

describe('api keys', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let agent: ApiClient;
  let other: ApiClient;

  const createKey = async (client: ApiClient, body: Record<string, unknown>) => {
    const res = await client.post<ApiKeyBody>('/api/v1/api-keys', body);
    expect(res.status).toBe(201);
    return res.body as ApiKeyBody & { key: string };
  };

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    other = await ApiClient.signUp(gateway.url);
  });

  afterAll(() => gateway.close());

  it('returns the full key once and stores only its hash', async () => {
    const created = await createKey(owner, { name: '  CRM sync ' });
    expect(created.key).toMatch(/^cxg_[A-Za-z0-9_-]{40,}$/);
    expect(created).toMatchObject({
      name: 'CRM sync',
      role: 'admin',
      prefix: created.key.slice(0, 12),
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(created).not.toHaveProperty('keyHash');

    const row = await tenants.control.ApiKey.findByPk(created.id);
    expect(row?.keyHash).toBe(sha256(created.key));
    expect(row?.workspaceId).toBe(owner.session!.workspaceId);
    expect(JSON.stringify(row?.toJSON())).not.toContain(created.key);

    const list = await owner.get<Page<ApiKeyBody>>('/api/v1/api-keys?limit=100');
    const listed = list.body.items.find((k) => k.id === created.id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('key');
    expect(listed).not.toHaveProperty('keyHash');
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    expect(listed?.prefix).toBe(created.key.slice(0, 12));
  });

  it('authenticates with x-api-key and with Authorization: Bearer', async () => {
    const { key } = await createKey(owner, { name: 'both headers' });
    const viaHeader = new ApiClient(gateway.url).withApiKey(key);
    const viaBearer = new ApiClient(gateway.url).withBearer(key);
    for (const client of [viaHeader, viaBearer]) {
      const workspace = await client.get<{ id: string }>('/api/v1/workspace');
      expect(workspace.status).toBe(200);
      expect(workspace.body.id).toBe(owner.session!.workspaceId);
      expect((await client.get('/api/v1/api-keys')).status).toBe(200);
    }
  });

  it('records when a key was last used', async () => {
    const created = await createKey(owner, { name: 'usage' });
    await new ApiClient(gateway.url).withApiKey(created.key).get('/api/v1/workspace');
    const row = await tenants.control.ApiKey.findByPk(created.id);
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('limits an agent-role key to agent routes', async () => {
    const created = await createKey(owner, { name: 'read only', role: 'agent' });
    expect(created.role).toBe('agent');
    const client = new ApiClient(gateway.url).withApiKey(created.key);
    expect((await client.get('/api/v1/workspace')).status).toBe(200);
    expect((await client.get('/api/v1/api-keys')).status).toBe(403);
    expect((await client.post('/api/v1/api-keys', { name: 'escalate' })).status).toBe(403);
    expect((await client.patch('/api/v1/workspace', { name: 'hijacked' })).status).toBe(403);
  });

  it('refuses a revoked key, under either header', async () => {
    const created = await createKey(owner, { name: 'to revoke' });
    const client = new ApiClient(gateway.url).withApiKey(created.key);
    expect((await client.get('/api/v1/workspace')).status).toBe(200);

    expect((await owner.delete(`/api/v1/api-keys/${created.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/workspace')).status).toBe(401);
    const bearer = await new ApiClient(gateway.url)
      .withBearer(created.key)
      .get('/api/v1/workspace');
    expect(bearer.status).toBe(401);

    const list = await owner.get<Page<ApiKeyBody>>('/api/v1/api-keys?limit=100');
    const revokedAt = list.body.items.find((k) => k.id === created.id)?.revokedAt;
    expect(revokedAt).not.toBeNull();
    // Revoking again keeps the first revocation time.
    expect((await owner.delete(`/api/v1/api-keys/${created.id}`)).status).toBe(204);
    const again = await owner.get<Page<ApiKeyBody>>('/api/v1/api-keys?limit=100');
    expect(again.body.items.find((k) => k.id === created.id)?.revokedAt).toBe(revokedAt);
  });

  it('lets an admin-role key manage keys, recording no creator', async () => {
    const { key } = await createKey(owner, { name: 'automation' });
    const client = new ApiClient(gateway.url).withApiKey(key);
    const made = await client.post<ApiKeyBody>('/api/v1/api-keys', { name: 'made by a key' });
    expect(made.status).toBe(201);
    expect(made.body.createdBy).toBeNull();
  });

  it('pages through keys newest first without overlap', async () => {
    const fresh = await ApiClient.signUp(gateway.url);
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) ids.push((await createKey(fresh, { name })).id);
    const first = await fresh.get<Page<ApiKeyBody>>('/api/v1/api-keys?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await fresh.get<Page<ApiKeyBody>>(
      `/api/v1/api-keys?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const seen = [...first.body.items, ...second.body.items].map((k) => k.id);
    expect(new Set(seen).size).toBe(3);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('names the invalid field', async () => {
    const empty = await owner.post<ErrorBody>('/api/v1/api-keys', { name: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.details.map((d) => d.field)).toContain('name');
    const ownerRole = await owner.post<ErrorBody>('/api/v1/api-keys', { name: 'x', role: 'owner' });
    expect(ownerRole.status).toBe(400);
    expect(ownerRole.body.details.map((d) => d.field)).toEqual(['role']);
    const smuggled = await owner.post<ErrorBody>('/api/v1/api-keys', {
      name: 'x',
      workspaceId: other.session!.workspaceId,
    });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.details.map((d) => d.field)).toEqual(['workspaceId']);
    const badCursor = await owner.get<ErrorBody>('/api/v1/api-keys?cursor=nonsense');
    expect(badCursor.status).toBe(400);
  });

  it('is for administrators only', async () => {
    const { id } = await createKey(owner, { name: 'agents cannot touch' });
    expect((await agent.get('/api/v1/api-keys')).status).toBe(403);
    expect((await agent.post('/api/v1/api-keys', { name: 'nope' })).status).toBe(403);
    expect((await agent.delete(`/api/v1/api-keys/${id}`)).status).toBe(403);
    expect((await tenants.control.ApiKey.findByPk(id))?.revokedAt).toBeNull();
    expect((await new ApiClient(gateway.url).get('/api/v1/api-keys')).status).toBe(401);
  });

  it("treats another workspace's key as missing", async () => {
    const theirs = await createKey(other, { name: 'theirs' });
    const res = await owner.delete<ErrorBody>(`/api/v1/api-keys/${theirs.id}`);
    expect(res.status).toBe(404);
    expect((await owner.delete('/api/v1/api-keys/not-a-uuid')).status).toBe(404);
    const list = await owner.get<Page<ApiKeyBody>>('/api/v1/api-keys?limit=100');
    expect(list.body.items.map((k) => k.id)).not.toContain(theirs.id);
    const stillWorks = await new ApiClient(gateway.url)
      .withApiKey(theirs.key)
      .get('/api/v1/workspace');
    expect(stillWorks.status).toBe(200);
    expect((await tenants.control.ApiKey.findByPk(theirs.id))?.revokedAt).toBeNull();
  });
});
