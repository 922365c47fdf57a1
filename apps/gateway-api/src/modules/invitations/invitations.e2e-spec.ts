import { randomBytes } from 'node:crypto';
import {
  ApiClient,
  type BootedService,
  bootService,
  type SessionBody,
  signInAsNewMember,
} from '@cxgenie/testing';
import { TenantConnections } from '@cxgenie/database';
import { sha256 } from '../../core-modules/crypto/opaque-token';
import { gatewayApiService } from '../../gateway-api.service';

interface InvitationBody {
  id: string;
  email: string;
  role: string;
  status: string;
  invitedBy: string | null;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  token?: string;
  acceptUrl?: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ErrorBody {
  statusCode: number;
  message: string;
  details: { field: string; message: string }[];
}

const PASSWORD = 'a long enough password';
const DAY_MS = 24 * 3600 * 1000;
const fieldsOf = (body: ErrorBody) => body.details.map((d) => d.field);
const newEmail = () => `invitee-${randomBytes(4).toString('hex')}@example.test`;

describe('invitations', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let agent: ApiClient;
  let other: ApiClient;
  let anonymous: ApiClient;

  const invite = async (client: ApiClient, email = newEmail(), role = 'agent') => {
    const res = await client.post<InvitationBody>('/api/v1/invitations', { email, role });
    expect(res.status).toBe(201);
    return res.body as InvitationBody & { token: string; acceptUrl: string };
  };
  const accept = (body: Record<string, unknown>) =>
    anonymous.post<SessionBody & ErrorBody>('/api/v1/invitations/accept', body);

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    other = await ApiClient.signUp(gateway.url);
    anonymous = new ApiClient(gateway.url);
  });

  afterAll(() => gateway.close());

  it('returns the token once, with a link, and stores only its hash', async () => {
    const email = newEmail();
    const created = await invite(owner, email.toUpperCase(), 'admin');
    const me = await owner.get<{ user: { id: string } }>('/api/v1/auth/me');
    expect(created).toMatchObject({
      email,
      role: 'admin',
      status: 'pending',
      invitedBy: me.body.user.id,
      acceptedAt: null,
      revokedAt: null,
    });
    expect(created.acceptUrl).toBe(`/accept-invitation?token=${created.token}`);
    expect(created).not.toHaveProperty('tokenHash');
    const expiresIn = new Date(created.expiresAt).getTime() - Date.now();
    expect(Math.abs(expiresIn - 7 * DAY_MS)).toBeLessThan(60_000);

    const row = await tenants.control.Invitation.findByPk(created.id);
    expect(row?.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(row?.toJSON())).not.toContain(created.token);
    const list = await owner.get<Page<InvitationBody>>('/api/v1/invitations?limit=100');
    expect(list.body.items.find((i) => i.id === created.id)).not.toHaveProperty('token');
    expect(JSON.stringify(list.body)).not.toContain(created.token);
  });

  it('accepts for a new account and signs it in with the invited role', async () => {
    const email = newEmail();
    const { token, id } = await invite(owner, email, 'agent');
    const res = await accept({ token, name: 'Grace Hopper', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      workspaceId: owner.session!.workspaceId,
      role: 'agent',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });

    const session = anonymous.withBearer(res.body.accessToken);
    const me = await session.get<{ role: string; user: { email: string; name: string } }>(
      '/api/v1/auth/me',
    );
    expect(me.body).toMatchObject({ role: 'agent', user: { email, name: 'Grace Hopper' } });
    const login = await anonymous.post('/api/v1/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const members = await owner.get<Page<{ email: string; role: string }>>(
      '/api/v1/members?limit=100',
    );
    expect(members.body.items).toContainEqual(expect.objectContaining({ email, role: 'agent' }));
    expect((await tenants.control.Invitation.findByPk(id))?.acceptedAt).toBeInstanceOf(Date);
    const pending = await owner.get<Page<InvitationBody>>('/api/v1/invitations?limit=100');
    expect(pending.body.items.map((i) => i.id)).not.toContain(id);

    const again = await accept({ token, name: 'Grace Hopper', password: PASSWORD });
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/already used/);
  });

  it('accepts for an existing account only with that account’s password', async () => {
    const existing = await ApiClient.signUp(gateway.url);
    const me = await existing.get<{ user: { id: string; email: string } }>('/api/v1/auth/me');
    const { token, id } = await invite(owner, me.body.user.email, 'admin');

    const wrong = await accept({ token, name: 'Impostor', password: 'not the right password' });
    expect(wrong.status).toBe(401);
    const row = await tenants.control.Invitation.findByPk(id);
    expect(row?.acceptedAt).toBeNull();

    const res = await accept({ token, password: 'correct horse battery staple' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workspaceId: owner.session!.workspaceId, role: 'admin' });
    // Same account, now in two workspaces; its name was not replaced.
    const user = await tenants.control.User.findByPk(me.body.user.id);
    expect(user?.name).not.toBe('Impostor');
    expect(
      await tenants.control.WorkspaceMember.count({ where: { userId: me.body.user.id } }),
    ).toBe(2);
    const intoTheirOwn = await anonymous.post('/api/v1/auth/login', {
      email: me.body.user.email,
      password: 'correct horse battery staple',
      workspaceId: existing.session!.workspaceId,
    });
    expect(intoTheirOwn.status).toBe(200);
  });

  it('refuses unknown, revoked, expired and replaced invitations', async () => {
    const unknown = await accept({ token: 'cxi_' + 'x'.repeat(43), name: 'X', password: PASSWORD });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/Invitation not found/);

    const revoked = await invite(owner);
    expect((await owner.delete(`/api/v1/invitations/${revoked.id}`)).status).toBe(204);
    const afterRevoke = await accept({ token: revoked.token, name: 'X', password: PASSWORD });
    expect(afterRevoke.status).toBe(410);
    expect(afterRevoke.body.message).toMatch(/revoked/);

    const expired = await invite(owner);
    await tenants.control.Invitation.update(
      { expiresAt: new Date(Date.now() - 1000) },
      { where: { id: expired.id } },
    );
    const afterExpiry = await accept({ token: expired.token, name: 'X', password: PASSWORD });
    expect(afterExpiry.status).toBe(410);
    expect(afterExpiry.body.message).toMatch(/expired/);

    const email = newEmail();
    const first = await invite(owner, email);
    const second = await invite(owner, email);
    expect((await accept({ token: first.token, name: 'X', password: PASSWORD })).status).toBe(410);
    expect((await accept({ token: second.token, name: 'X', password: PASSWORD })).status).toBe(200);

    const list = await owner.get<Page<InvitationBody>>('/api/v1/invitations?limit=100');
    const ids = list.body.items.map((i) => i.id);
    for (const gone of [revoked.id, expired.id, first.id, second.id])
      expect(ids).not.toContain(gone);
  });

  it('spends a token once when it is accepted twice at the same moment', async () => {
    const { token } = await invite(owner);
    const results = await Promise.all([
      accept({ token, name: 'First', password: PASSWORD }),
      accept({ token, name: 'Second', password: PASSWORD }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
  });

  it('limits password guesses through one invitation link', async () => {
    const existing = await ApiClient.signUp(gateway.url);
    const me = await existing.get<{ user: { email: string } }>('/api/v1/auth/me');
    const { token } = await invite(owner, me.body.user.email);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await accept({ token, password: `guess number ${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Another link is counted separately.
    const { token: otherToken } = await invite(owner);
    expect((await accept({ token: otherToken, name: 'Fine', password: PASSWORD })).status).toBe(
      200,
    );
  });

  it('refuses to invite someone who is already a member', async () => {
    const me = await agent.get<{ user: { email: string } }>('/api/v1/auth/me');
    const res = await owner.post<ErrorBody>('/api/v1/invitations', {
      email: me.body.user.email.toUpperCase(),
      role: 'admin',
    });
    expect(res.status).toBe(409);
    expect(res.body.details).toEqual([{ field: 'email', message: 'is already a member' }]);
  });

  it('names the invalid field', async () => {
    const email = await owner.post<ErrorBody>('/api/v1/invitations', {
      email: 'nope',
      role: 'agent',
    });
    expect(email.status).toBe(400);
    expect(fieldsOf(email.body)).toEqual(['email']);
    const role = await owner.post<ErrorBody>('/api/v1/invitations', {
      email: newEmail(),
      role: 'owner',
    });
    expect(fieldsOf(role.body)).toEqual(['role']);

    const { token } = await invite(owner);
    const short = await accept({ token, name: 'X', password: 'short' });
    expect(short.status).toBe(400);
    expect(fieldsOf(short.body)).toEqual(['password']);
    const nameless = await accept({ token, password: PASSWORD });
    expect(nameless.status).toBe(400);
    expect(fieldsOf(nameless.body)).toEqual(['name']);
    // Neither failure spent the invitation.
    expect((await accept({ token, name: 'Late', password: PASSWORD })).status).toBe(200);
  });

  it('pages through pending invitations without overlap', async () => {
    const fresh = await ApiClient.signUp(gateway.url);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await invite(fresh)).id);
    const first = await fresh.get<Page<InvitationBody>>('/api/v1/invitations?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await fresh.get<Page<InvitationBody>>(
      `/api/v1/invitations?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const seen = [...first.body.items, ...second.body.items].map((i) => i.id);
    expect(new Set(seen).size).toBe(3);
    expect(seen.sort()).toEqual(ids.sort());
  });

  it('is managed by administrators only', async () => {
    const { id } = await invite(owner);
    expect(
      (await agent.post('/api/v1/invitations', { email: newEmail(), role: 'agent' })).status,
    ).toBe(403);
    expect((await agent.get('/api/v1/invitations')).status).toBe(403);
    expect((await agent.delete(`/api/v1/invitations/${id}`)).status).toBe(403);
    expect((await tenants.control.Invitation.findByPk(id))?.revokedAt).toBeNull();
    expect((await anonymous.get('/api/v1/invitations')).status).toBe(401);
  });

  it('cannot revoke an accepted invitation', async () => {
    const { token, id } = await invite(owner);
    await accept({ token, name: 'Joined', password: PASSWORD });
    expect((await owner.delete(`/api/v1/invitations/${id}`)).status).toBe(409);
  });

  it("treats another workspace's invitation as missing", async () => {
    const theirs = await invite(other);
    expect((await owner.delete(`/api/v1/invitations/${theirs.id}`)).status).toBe(404);
    const list = await owner.get<Page<InvitationBody>>('/api/v1/invitations?limit=100');
    expect(list.body.items.map((i) => i.id)).not.toContain(theirs.id);
    expect((await tenants.control.Invitation.findByPk(theirs.id))?.revokedAt).toBeNull();
    // Their invitation still works, and joins their workspace, not ours.
    const joined = await accept({ token: theirs.token, name: 'Theirs', password: PASSWORD });
    expect(joined.body.workspaceId).toBe(other.session!.workspaceId);
  });
});
