import { ApiClient, type BootedService, type SessionBody, bootService } from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

const PASSWORD = 'correct horse battery staple';

interface MyWorkspace {
  id: string;
  name: string;
  role: string;
  current: boolean;
}

describe('a member’s workspaces, and switching between them', () => {
  let gateway: BootedService;
  let ada: ApiClient;
  let grace: ApiClient;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    ada = await ApiClient.signUp(gateway.url);
    grace = await ApiClient.signUp(gateway.url);
    // Grace invites Ada's existing account into her workspace as an agent.
    const me = await ada.get<{ user: { email: string } }>('/api/v1/auth/me');
    const invitation = await grace.post<{ token: string }>('/api/v1/invitations', {
      email: me.body.user.email,
      role: 'agent',
    });
    const accepted = await new ApiClient(gateway.url).post('/api/v1/invitations/accept', {
      token: invitation.body.token,
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
  });

  afterAll(() => gateway?.close());

  it('lists every workspace of the member with the role held there, oldest first', async () => {
    const res = await ada.get<{ items: MyWorkspace[] }>('/api/v1/auth/workspaces');
    expect(res.status).toBe(200);
    expect(res.body.items.map((w) => [w.id, w.role, w.current])).toEqual([
      [ada.session!.workspaceId, 'owner', true],
      [grace.session!.workspaceId, 'agent', false],
    ]);
  });

  it('switches without the password: a session in the other workspace with the role held there', async () => {
    const res = await ada.post<SessionBody>('/api/v1/auth/switch-workspace', {
      workspaceId: grace.session!.workspaceId,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workspaceId: grace.session!.workspaceId, role: 'agent' });
    const switched = new ApiClient(gateway.url).withBearer(res.body.accessToken);
    const me = await switched.get<{ workspace: { id: string }; role: string }>('/api/v1/auth/me');
    expect(me.body).toMatchObject({ workspace: { id: grace.session!.workspaceId }, role: 'agent' });
    // An agent there: admin routes stay closed.
    expect((await switched.post('/api/v1/bots', { name: 'nope' })).status).toBe(403);
    // The refresh token belongs to the new workspace too.
    const refreshed = await new ApiClient(gateway.url).post<SessionBody>('/api/v1/auth/refresh', {
      refreshToken: res.body.refreshToken,
    });
    expect(refreshed.body.workspaceId).toBe(grace.session!.workspaceId);
  });

  it('refuses a workspace the member does not belong to, naming the field', async () => {
    const stranger = await ApiClient.signUp(gateway.url);
    const res = await ada.post<{ details: { field: string }[] }>('/api/v1/auth/switch-workspace', {
      workspaceId: stranger.session!.workspaceId,
    });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([
      { field: 'workspaceId', message: 'is not a workspace of yours' },
    ]);
    const invalid = await ada.post<{ details: { field: string }[] }>(
      '/api/v1/auth/switch-workspace',
      { workspaceId: 'nope' },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0]!.field).toBe('workspaceId');
  });

  it('is for people only: an API key has no memberships', async () => {
    const key = await ada.post<{ key: string }>('/api/v1/api-keys', { name: 'ci', role: 'admin' });
    const res = await new ApiClient(gateway.url)
      .withApiKey(key.body.key)
      .get('/api/v1/auth/workspaces');
    expect(res.status).toBe(403);
  });
});
