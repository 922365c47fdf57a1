import {
  ApiClient,
  type BootedService,
  bootService,
  type SessionBody,
  signInAsNewMember,
} from '@cxgenie/testing';
import { TenantConnections } from '@cxgenie/database';
import { gatewayApiService } from '../../gateway-api.service';

interface MemberBody {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  availability: string;
  maxConcurrentConversations: number;
  lastSeenAt: string | null;
  createdAt: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ErrorBody {
  message: string;
  details: { field: string; message: string }[];
}

const fieldsOf = (body: ErrorBody) => body.details.map((d) => d.field);

describe('workspace members', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
  });

  afterAll(() => gateway.close());

  /** A fresh workspace per test keeps owner counts and lists independent of test order. */
  const newWorkspace = async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const workspaceId = owner.session!.workspaceId;
    const join = (role: 'owner' | 'admin' | 'agent') =>
      signInAsNewMember(gateway, workspaceId, role);
    return { owner, workspaceId, join };
  };

  const memberIdOf = async (client: ApiClient): Promise<string> => {
    const me = await client.get<{ user: { id: string } }>('/api/v1/auth/me');
    const row = await tenants.control.WorkspaceMember.findOne({
      where: { userId: me.body.user.id, workspaceId: client.session!.workspaceId },
    });
    return row!.id;
  };

  it('lists members with their account, paged without overlap', async () => {
    const { owner, join } = await newWorkspace();
    const members = [await join('admin'), await join('agent'), await join('agent')];
    const first = await owner.get<Page<MemberBody>>('/api/v1/members?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await owner.get<Page<MemberBody>>(
      `/api/v1/members?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(new Set(all.map((m) => m.id)).size).toBe(4);
    const expected = await Promise.all([owner, ...members].map(memberIdOf));
    expect(all.map((m) => m.id).sort()).toEqual(expected.sort());

    const agentRow = all.find((m) => m.role === 'agent')!;
    expect(agentRow).toEqual({
      id: expect.any(String),
      userId: expect.any(String),
      name: 'agent member',
      email: expect.stringMatching(/@example\.test$/),
      role: 'agent',
      availability: 'offline',
      maxConcurrentConversations: 5,
      lastSeenAt: null,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(all)).not.toMatch(/passwordHash|argon2/);
  });

  it('filters by role and availability', async () => {
    const { owner, join } = await newWorkspace();
    const agent = await join('agent');
    await join('agent');
    await join('admin');
    const agentId = await memberIdOf(agent);
    expect(
      (await agent.patch(`/api/v1/members/${agentId}`, { availability: 'online' })).status,
    ).toBe(200);

    const agents = await owner.get<Page<MemberBody>>('/api/v1/members?role=agent');
    expect(agents.body.items.map((m) => m.role)).toEqual(['agent', 'agent']);
    const online = await owner.get<Page<MemberBody>>('/api/v1/members?availability=online');
    expect(online.body.items.map((m) => m.id)).toEqual([agentId]);
    const both = await owner.get<Page<MemberBody>>(
      '/api/v1/members?role=admin&availability=online',
    );
    expect(both.body.items).toEqual([]);

    const bad = await owner.get<ErrorBody>('/api/v1/members?role=boss&availability=away');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['availability', 'role']);
  });

  it('reads one member', async () => {
    const { owner, join } = await newWorkspace();
    const agent = await join('agent');
    const id = await memberIdOf(owner);
    const res = await agent.get<MemberBody>(`/api/v1/members/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, role: 'owner' });
    expect((await agent.get('/api/v1/members/00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
    expect((await agent.get('/api/v1/members/nope')).status).toBe(404);
  });

  it('lets an agent change their own availability and nothing else', async () => {
    const { owner, join } = await newWorkspace();
    const agent = await join('agent');
    const agentId = await memberIdOf(agent);
    const ownerId = await memberIdOf(owner);

    const own = await agent.patch<MemberBody>(`/api/v1/members/${agentId}`, {
      availability: 'idle',
    });
    expect(own.status).toBe(200);
    expect(own.body.availability).toBe('idle');

    const limit = await agent.patch(`/api/v1/members/${agentId}`, {
      maxConcurrentConversations: 50,
    });
    expect(limit.status).toBe(403);
    const promote = await agent.patch(`/api/v1/members/${agentId}`, { role: 'admin' });
    expect(promote.status).toBe(403);
    const someoneElse = await agent.patch(`/api/v1/members/${ownerId}`, {
      availability: 'offline',
    });
    expect(someoneElse.status).toBe(403);
    expect((await agent.delete(`/api/v1/members/${ownerId}`)).status).toBe(403);

    const row = await tenants.control.WorkspaceMember.findByPk(agentId);
    expect(row).toMatchObject({
      role: 'agent',
      maxConcurrentConversations: 5,
      availability: 'idle',
    });
    expect((await tenants.control.WorkspaceMember.findByPk(ownerId))?.deletedAt).toBeNull();
  });

  it('lets an admin set roles below owner and conversation limits', async () => {
    const { join } = await newWorkspace();
    const admin = await join('admin');
    const agentId = await memberIdOf(await join('agent'));
    const res = await admin.patch<MemberBody>(`/api/v1/members/${agentId}`, {
      role: 'admin',
      availability: 'online',
      maxConcurrentConversations: 12,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      role: 'admin',
      availability: 'online',
      maxConcurrentConversations: 12,
    });
    const back = await admin.patch<MemberBody>(`/api/v1/members/${agentId}`, { role: 'agent' });
    expect(back.body.role).toBe('agent');
  });

  it('names the invalid field', async () => {
    const { owner, join } = await newWorkspace();
    const id = await memberIdOf(await join('agent'));
    for (const [body, field] of [
      [{ maxConcurrentConversations: 0 }, 'maxConcurrentConversations'],
      [{ maxConcurrentConversations: 101 }, 'maxConcurrentConversations'],
      [{ maxConcurrentConversations: 2.5 }, 'maxConcurrentConversations'],
      [{ availability: 'away' }, 'availability'],
      [{ role: 'superuser' }, 'role'],
      [{ workspaceId: owner.session!.workspaceId }, 'workspaceId'],
    ] as const) {
      const res = await owner.patch<ErrorBody>(`/api/v1/members/${id}`, body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual([field]);
    }
    const hundred = await owner.patch<MemberBody>(`/api/v1/members/${id}`, {
      maxConcurrentConversations: 100,
    });
    expect(hundred.body.maxConcurrentConversations).toBe(100);
  });

  describe('the owner role', () => {
    it('cannot be granted, taken away or removed by an admin', async () => {
      const { owner, join } = await newWorkspace();
      const admin = await join('admin');
      const ownerId = await memberIdOf(owner);
      const agentId = await memberIdOf(await join('agent'));

      const grant = await admin.patch<ErrorBody>(`/api/v1/members/${agentId}`, { role: 'owner' });
      expect(grant.status).toBe(403);
      const self = await admin.patch(`/api/v1/members/${await memberIdOf(admin)}`, {
        role: 'owner',
      });
      expect(self.status).toBe(403);
      expect((await admin.patch(`/api/v1/members/${ownerId}`, { role: 'agent' })).status).toBe(403);
      expect((await admin.delete(`/api/v1/members/${ownerId}`)).status).toBe(403);
      // An admin may still change an owner's availability.
      expect(
        (await admin.patch(`/api/v1/members/${ownerId}`, { availability: 'idle' })).status,
      ).toBe(200);

      expect((await tenants.control.WorkspaceMember.findByPk(agentId))?.role).toBe('agent');
      const ownerRow = await tenants.control.WorkspaceMember.findByPk(ownerId);
      expect(ownerRow).toMatchObject({ role: 'owner', deletedAt: null });
    });

    it('is granted and taken away by an owner', async () => {
      const { owner, join } = await newWorkspace();
      const adminId = await memberIdOf(await join('admin'));
      const promoted = await owner.patch<MemberBody>(`/api/v1/members/${adminId}`, {
        role: 'owner',
      });
      expect(promoted.status).toBe(200);
      expect(promoted.body.role).toBe('owner');
      const demoted = await owner.patch<MemberBody>(`/api/v1/members/${adminId}`, {
        role: 'admin',
      });
      expect(demoted.status).toBe(200);
      expect(demoted.body.role).toBe('admin');
    });

    it('always keeps one holder: the last owner can be neither demoted nor removed', async () => {
      const { owner, join } = await newWorkspace();
      const ownerId = await memberIdOf(owner);

      const demote = await owner.patch<ErrorBody>(`/api/v1/members/${ownerId}`, { role: 'admin' });
      expect(demote.status).toBe(409);
      expect(demote.body.details).toEqual([{ field: 'role', message: 'is the last owner' }]);
      const remove = await owner.delete<ErrorBody>(`/api/v1/members/${ownerId}`);
      expect(remove.status).toBe(409);
      expect(remove.body.details).toEqual([{ field: 'id', message: 'is the last owner' }]);
      expect(await tenants.control.WorkspaceMember.findByPk(ownerId)).toMatchObject({
        role: 'owner',
        deletedAt: null,
      });

      // With a second owner, the first may step down.
      const second = await join('owner');
      const secondId = await memberIdOf(second);
      expect((await owner.delete(`/api/v1/members/${ownerId}`)).status).toBe(204);
      const alone = await second.patch<ErrorBody>(`/api/v1/members/${secondId}`, { role: 'agent' });
      expect(alone.status).toBe(409);
    });

    it('survives two owners demoting each other at the same moment', async () => {
      const { owner, join } = await newWorkspace();
      const second = await join('owner');
      const [firstId, secondId] = [await memberIdOf(owner), await memberIdOf(second)];
      const { WorkspaceMember } = tenants.control;

      // Hold both rows so the two requests are in flight together, then let them race.
      const hold = await tenants.sequelize.transaction();
      await WorkspaceMember.findAll({
        where: { id: [firstId, secondId] },
        lock: hold.LOCK.UPDATE,
        transaction: hold,
      });
      const racing = Promise.all([
        owner.patch(`/api/v1/members/${secondId}`, { role: 'admin' }),
        second.patch(`/api/v1/members/${firstId}`, { role: 'admin' }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await hold.commit();
      const results = await racing;

      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const owners = await WorkspaceMember.count({
        where: { workspaceId: owner.session!.workspaceId, role: 'owner' },
      });
      expect(owners).toBe(1);
    });
  });

  it('removes a member, who can then no longer refresh into the workspace', async () => {
    const { owner, join } = await newWorkspace();
    const agent = await join('agent');
    const agentId = await memberIdOf(agent);

    // Refreshing works while they are a member, so the 401 below is the removal's doing.
    const refreshed = await new ApiClient(gateway.url).post<SessionBody>('/api/v1/auth/refresh', {
      refreshToken: agent.session!.refreshToken,
    });
    expect(refreshed.status).toBe(200);

    expect((await owner.delete(`/api/v1/members/${agentId}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/members/${agentId}`)).status).toBe(404);
    const list = await owner.get<Page<MemberBody>>('/api/v1/members');
    expect(list.body.items.map((m) => m.id)).not.toContain(agentId);
    expect(
      (await tenants.control.WorkspaceMember.findByPk(agentId, { paranoid: false }))?.deletedAt,
    ).toBeInstanceOf(Date);

    const refused = await new ApiClient(gateway.url).post('/api/v1/auth/refresh', {
      refreshToken: refreshed.body.refreshToken,
    });
    expect(refused.status).toBe(401);
    expect((await owner.delete(`/api/v1/members/${agentId}`)).status).toBe(404);
  });

  it("treats another workspace's member as missing", async () => {
    const mine = await newWorkspace();
    const theirs = await newWorkspace();
    const theirAgent = await theirs.join('agent');
    const theirId = await memberIdOf(theirAgent);

    expect((await mine.owner.get(`/api/v1/members/${theirId}`)).status).toBe(404);
    const patch = await mine.owner.patch(`/api/v1/members/${theirId}`, {
      role: 'admin',
      availability: 'online',
    });
    expect(patch.status).toBe(404);
    expect((await mine.owner.delete(`/api/v1/members/${theirId}`)).status).toBe(404);
    const list = await mine.owner.get<Page<MemberBody>>('/api/v1/members?limit=100');
    expect(list.body.items.map((m) => m.id)).not.toContain(theirId);
    expect(await tenants.control.WorkspaceMember.findByPk(theirId)).toMatchObject({
      role: 'agent',
      availability: 'offline',
      deletedAt: null,
    });
  });
});
