import { ApiClient, type BootedService, bootService, signInAsNewMember } from '@cxgenie/testing';
import { TenantConnections } from '@cxgenie/database';
import { gatewayApiService } from '../../gateway-api.service';

interface WorkspaceBody {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  tenancyMode: string;
  settings: Record<string, unknown>;
  createdAt: string;
}
interface ErrorBody {
  message: string;
  details: { field: string; message: string }[];
}

const fieldsOf = (body: ErrorBody) => body.details.map((d) => d.field);

describe('current workspace', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url, `ws-${Date.now().toString(36)}`);
    admin = await signInAsNewMember(gateway, owner.session!.workspaceId, 'admin');
    agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    other = await ApiClient.signUp(gateway.url);
  });

  afterAll(() => gateway.close());

  it('shows the caller its own workspace, agents included', async () => {
    const res = await agent.get<WorkspaceBody>('/api/v1/workspace');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: owner.session!.workspaceId,
      name: expect.stringMatching(/ workspace$/),
      slug: expect.any(String),
      timezone: 'UTC',
      tenancyMode: 'shared',
      settings: {},
      createdAt: expect.any(String),
    });
    const theirs = await other.get<WorkspaceBody>('/api/v1/workspace');
    expect(theirs.body.id).toBe(other.session!.workspaceId);
    expect((await new ApiClient(gateway.url).get('/api/v1/workspace')).status).toBe(401);
  });

  it('lets an admin rename it and change its time zone', async () => {
    const res = await admin.patch<WorkspaceBody>('/api/v1/workspace', {
      name: '  Renamed Support ',
      timezone: 'Asia/Ho_Chi_Minh',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed Support', timezone: 'Asia/Ho_Chi_Minh' });
    const row = await tenants.control.Workspace.findByPk(owner.session!.workspaceId);
    expect(row).toMatchObject({ name: 'Renamed Support', timezone: 'Asia/Ho_Chi_Minh' });
    const theirs = await tenants.control.Workspace.findByPk(other.session!.workspaceId);
    expect(theirs?.name).not.toBe('Renamed Support');
    expect(theirs?.timezone).toBe('UTC');
  });

  it('merges settings key by key, and removes a key set to null', async () => {
    await owner.patch('/api/v1/workspace', { settings: { greeting: 'hi', theme: { dark: true } } });
    const merged = await owner.patch<WorkspaceBody>('/api/v1/workspace', {
      settings: { locale: 'vi' },
    });
    expect(merged.body.settings).toEqual({ greeting: 'hi', theme: { dark: true }, locale: 'vi' });
    const pruned = await owner.patch<WorkspaceBody>('/api/v1/workspace', {
      settings: { greeting: null },
    });
    expect(pruned.body.settings).toEqual({ theme: { dark: true }, locale: 'vi' });
    expect((await owner.get<WorkspaceBody>('/api/v1/workspace')).body.settings).toEqual({
      theme: { dark: true },
      locale: 'vi',
    });
  });

  it('names the invalid field', async () => {
    const zone = await owner.patch<ErrorBody>('/api/v1/workspace', { timezone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(fieldsOf(zone.body)).toEqual(['timezone']);
    const offset = await owner.patch<ErrorBody>('/api/v1/workspace', { timezone: '+07:00' });
    expect(offset.status).toBe(400);
    const name = await owner.patch<ErrorBody>('/api/v1/workspace', { name: '' });
    expect(fieldsOf(name.body)).toEqual(['name']);
    const settings = await owner.patch<ErrorBody>('/api/v1/workspace', { settings: 'dark' });
    expect(fieldsOf(settings.body)).toEqual(['settings']);
    const huge = await owner.patch<ErrorBody>('/api/v1/workspace', {
      settings: { blob: 'x'.repeat(17 * 1024) },
    });
    expect(huge.status).toBe(400);
    expect(fieldsOf(huge.body)).toEqual(['settings']);
    const readOnly = await owner.patch<ErrorBody>('/api/v1/workspace', {
      slug: 'mine',
      tenancyMode: 'dedicated',
    });
    expect(readOnly.status).toBe(400);
    expect(fieldsOf(readOnly.body).sort()).toEqual(['slug', 'tenancyMode']);
    const row = await tenants.control.Workspace.findByPk(owner.session!.workspaceId);
    expect(row?.tenancyMode).toBe('shared');
    expect(row?.timezone).not.toBe('Mars/Olympus');
  });

  it('is changed by administrators only', async () => {
    const before = await tenants.control.Workspace.findByPk(owner.session!.workspaceId);
    const res = await agent.patch('/api/v1/workspace', { name: 'Agent was here' });
    expect(res.status).toBe(403);
    const after = await tenants.control.Workspace.findByPk(owner.session!.workspaceId);
    expect(after?.name).toBe(before?.name);
  });
});
