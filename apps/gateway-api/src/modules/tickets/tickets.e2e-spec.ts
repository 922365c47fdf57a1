import type { TicketPayload } from '@cxgenie/contracts';
import {
  type AgentClient,
  ApiClient,
  connectAgent,
  customerRequest,
  eventually,
  type InboxFixture,
  seedBotAndChannel,
  seedHandoffConversation,
  signInAsNewMember,
  startTicketStack,
  type TicketStack,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface Team {
  owner: ApiClient;
  workspaceId: string;
  userId: string;
  inbox: InboxFixture;
}

/** The tickets REST API against tickets the real ticket app opened. */
describe('tickets REST API', () => {
  let stack: TicketStack;
  let a: Team;
  let b: Team;
  /** Workspace A's tickets, oldest first. */
  let tickets: TicketPayload[];
  const sockets: AgentClient[] = [];

  const newTeam = async (): Promise<Team> => {
    const owner = await ApiClient.signUp(stack.gateway.url);
    const workspaceId = owner.session!.workspaceId;
    const me = await owner.get<{ user: { id: string } }>('/api/v1/auth/me');
    return {
      owner,
      workspaceId,
      userId: me.body.user.id,
      inbox: await seedBotAndChannel(stack.sequelize, workspaceId),
    };
  };

  /** Nobody is online in these workspaces, so every ticket stays unassigned until told otherwise. */
  const handOff = async (team: Team, question: string) => {
    const conversation = await seedHandoffConversation(stack.sequelize, team.inbox, question);
    await stack.handoffRequests.add(customerRequest(team.workspaceId, conversation));
    return eventually(async () => {
      const res = await team.owner.get<{ items: TicketPayload[] }>(
        `/api/v1/tickets?conversationId=${conversation.conversationId}`,
      );
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0]!;
    }, 15_000);
  };

  beforeAll(async () => {
    stack = await startTicketStack({ inProcess: gatewayApiService });
    [a, b] = [await newTeam(), await newTeam()];
    tickets = [];
    for (const question of ['first', 'second', 'third', 'fourth', 'fifth'])
      tickets.push(await handOff(a, `question ${question}`));
    await handOff(b, 'B only');
    const ok = async (res: Promise<{ status: number }>) => expect((await res).status).toBe(200);
    await ok(
      a.owner.patch(`/api/v1/tickets/${tickets[0]!.id}`, { priority: 'high', tags: ['vip'] }),
    );
    await ok(a.owner.patch(`/api/v1/tickets/${tickets[1]!.id}`, { status: 'pending' }));
    await ok(a.owner.patch(`/api/v1/tickets/${tickets[2]!.id}`, { tags: ['vip', 'refund'] }));
    await ok(a.owner.post(`/api/v1/tickets/${tickets[3]!.id}/claim`));
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack?.close();
  });

  const ids = async (query: string) => {
    const res = await a.owner.get<{ items: TicketPayload[] }>(`/api/v1/tickets${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((t) => t.id);
  };
  const idsOf = (...indexes: number[]) => indexes.map((i) => tickets[i]!.id);

  it('lists newest first, page by page, every ticket exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: TicketPayload[]; nextCursor: string | null } } =
        await a.owner.get(`/api/v1/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((t) => t.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(idsOf(4, 3, 2, 1, 0));
  });

  it('filters by status, priority, assignee, unassigned, tag and conversation', async () => {
    expect(await ids('?status=pending')).toEqual(idsOf(1));
    expect(await ids('?status=open')).toEqual(idsOf(4, 3, 2, 0));
    expect(await ids('?priority=high')).toEqual(idsOf(0));
    expect(await ids(`?assignee=${a.userId}`)).toEqual(idsOf(3));
    expect(await ids('?unassigned=true')).toEqual(idsOf(4, 2, 1, 0));
    expect(await ids('?tag=vip')).toEqual(idsOf(2, 0));
    expect(await ids('?tag=refund&status=open')).toEqual(idsOf(2));
    expect(await ids(`?conversationId=${tickets[4]!.conversationId}`)).toEqual(idsOf(4));
    expect(await ids('?tag=nothing-has-this')).toEqual([]);
  });

  it('refuses invalid input with 400 naming the field, and unknown ids with 404', async () => {
    const fieldOf = async (res: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await res;
      expect(status).toBe(400);
      return (body as { details: { field: string }[] }).details.map((d) => d.field);
    };
    const id = tickets[4]!.id;
    expect(await fieldOf(a.owner.get('/api/v1/tickets?status=lost'))).toEqual(['status']);
    expect(await fieldOf(a.owner.get('/api/v1/tickets?limit=0'))).toEqual(['limit']);
    expect(await fieldOf(a.owner.get('/api/v1/tickets?cursor=bogus'))).toEqual(['cursor']);
    expect(await fieldOf(a.owner.get('/api/v1/tickets?assignee=someone'))).toEqual(['assignee']);
    expect(
      await fieldOf(a.owner.get(`/api/v1/tickets?unassigned=true&assignee=${a.userId}`)),
    ).toEqual(['unassigned']);
    expect(await fieldOf(a.owner.patch(`/api/v1/tickets/${id}`, {}))).toEqual(['body']);
    expect(await fieldOf(a.owner.patch(`/api/v1/tickets/${id}`, { status: 'done' }))).toEqual([
      'status',
    ]);
    expect(await fieldOf(a.owner.patch(`/api/v1/tickets/${id}`, { priority: null }))).toEqual([
      'priority',
    ]);
    expect(await fieldOf(a.owner.patch(`/api/v1/tickets/${id}`, { assigneeId: a.userId }))).toEqual(
      ['assigneeId'],
    );
    expect(
      await fieldOf(
        a.owner.patch(`/api/v1/tickets/${id}`, {
          tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
        }),
      ),
    ).toEqual(['tags']);
    expect(await fieldOf(a.owner.post(`/api/v1/tickets/${id}/notes`, { text: '   ' }))).toEqual([
      'text',
    ]);
    expect(
      await fieldOf(a.owner.post(`/api/v1/tickets/${id}/assign`, { assigneeId: 'x' })),
    ).toEqual(['assigneeId']);
    expect(
      await fieldOf(
        a.owner.put('/api/v1/sla-policies/normal', {
          firstResponseSeconds: 600,
          resolutionSeconds: 60,
        }),
      ),
    ).toEqual(['resolutionSeconds']);
    expect((await a.owner.get('/api/v1/tickets/not-a-uuid')).status).toBe(404);
    expect((await a.owner.get('/api/v1/tickets/00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
    expect(
      (
        await a.owner.put('/api/v1/sla-policies/critical', {
          firstResponseSeconds: 1,
          resolutionSeconds: 1,
        })
      ).status,
    ).toBe(404);
    const agent = await signInAsNewMember(stack.gateway, a.workspaceId, 'agent');
    expect(
      (
        await agent.put('/api/v1/sla-policies/low', {
          firstResponseSeconds: 60,
          resolutionSeconds: 60,
        })
      ).status,
    ).toBe(403);
  });

  it("keeps every workspace's tickets to itself", async () => {
    const theirs = tickets[0]!;
    const attempts: [string, Promise<{ status: number }>][] = [
      ['get', b.owner.get(`/api/v1/tickets/${theirs.id}`)],
      ['patch', b.owner.patch(`/api/v1/tickets/${theirs.id}`, { priority: 'low' })],
      ['assign', b.owner.post(`/api/v1/tickets/${theirs.id}/assign`, { assigneeId: null })],
      ['claim', b.owner.post(`/api/v1/tickets/${theirs.id}/claim`)],
      ['notes', b.owner.get(`/api/v1/tickets/${theirs.id}/notes`)],
      ['note', b.owner.post(`/api/v1/tickets/${theirs.id}/notes`, { text: 'hi' })],
      ['history', b.owner.get(`/api/v1/tickets/${theirs.id}/history`)],
    ];
    for (const [what, attempt] of attempts)
      expect([what, (await attempt).status]).toEqual([what, 404]);
    const listed = await b.owner.get<{ items: TicketPayload[] }>('/api/v1/tickets?limit=100');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]!.id).not.toBe(theirs.id);
    const byConversation = await b.owner.get<{ items: TicketPayload[] }>(
      `/api/v1/tickets?conversationId=${theirs.conversationId}`,
    );
    expect(byConversation.body.items).toEqual([]);
    expect((await a.owner.get<TicketPayload>(`/api/v1/tickets/${theirs.id}`)).body.priority).toBe(
      'high',
    );
  });

  it('moves through open → pending → solved → reopened → closed, recording and announcing each change', async () => {
    const team = await newTeam();
    const watcher = await connectAgent(stack.gateway.url, team.owner);
    sockets.push(watcher);
    const ticket = await handOff(team, 'lifecycle');
    const patch = (body: object) =>
      team.owner.patch<TicketPayload>(`/api/v1/tickets/${ticket.id}`, body);

    const pending = await patch({ status: 'pending' });
    expect(pending.body.status).toBe('pending');
    const solved = await patch({ status: 'solved' });
    expect(solved.body.solvedAt).not.toBeNull();
    expect(solved.body.sla.resolution.state).toBe('met');
    const reopened = await patch({ status: 'open', priority: 'urgent', subject: 'Damaged boots' });
    expect(reopened.body).toMatchObject({
      status: 'open',
      solvedAt: null,
      subject: 'Damaged boots',
    });
    // Urgent's default targets, counted from the ticket's opening; its time pending does not count.
    const pausedMs = Date.parse(solved.body.updatedAt) - Date.parse(pending.body.updatedAt);
    const firstResponseMs =
      Date.parse(reopened.body.sla.firstResponse.dueAt!) - Date.parse(reopened.body.createdAt);
    expect(Math.abs(firstResponseMs - (15 * 60 * 1000 + pausedMs))).toBeLessThanOrEqual(1);
    const closed = await patch({ status: 'closed' });
    expect(closed.body.closedAt).not.toBeNull();
    const afterClose = await patch({ status: 'open' });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body).toMatchObject({ details: [{ field: 'status' }] });

    const history = await team.owner.get<{
      items: { type: string; actorId: string | null; data: Record<string, unknown> }[];
    }>(`/api/v1/tickets/${ticket.id}/history`);
    const changes = history.body.items.filter((h) => h.actorId === team.userId);
    expect(changes.map((h) => [h.type, h.data['to']])).toEqual([
      ['ticket.status_changed', 'pending'],
      ['ticket.status_changed', 'solved'],
      ['ticket.status_changed', 'open'],
      ['ticket.priority_changed', 'urgent'],
      ['ticket.subject_changed', 'Damaged boots'],
      ['ticket.status_changed', 'closed'],
    ]);
    await eventually(() =>
      expect(
        watcher.updated.filter((u) => u.ticket.id === ticket.id).map((u) => u.changed),
      ).toEqual([['status'], ['status'], ['status', 'priority', 'subject'], ['status']]),
    );
  });

  it('keeps internal notes, by member or by API key, in order', async () => {
    const id = tickets[2]!.id;
    const written = await a.owner.post<{ id: string; authorId: string; text: string }>(
      `/api/v1/tickets/${id}/notes`,
      { text: '  Customer is a VIP, be generous.  ' },
    );
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({
      authorId: a.userId,
      text: 'Customer is a VIP, be generous.',
    });
    const key = await a.owner.post<{ key: string }>('/api/v1/api-keys', { name: 'crm' });
    const crm = new ApiClient(stack.gateway.url).withApiKey(key.body.key);
    expect(
      (await crm.post(`/api/v1/tickets/${id}/notes`, { text: 'Synced from the CRM' })).status,
    ).toBe(201);
    const notes = await a.owner.get<{ items: { authorId: string | null; text: string }[] }>(
      `/api/v1/tickets/${id}/notes?limit=1`,
    );
    expect(notes.body.items).toEqual([
      expect.objectContaining({ authorId: a.userId, text: 'Customer is a VIP, be generous.' }),
    ]);
    const next = await a.owner.get<{ items: { authorId: string | null; text: string }[] }>(
      `/api/v1/tickets/${id}/notes?limit=1&cursor=${(notes.body as unknown as { nextCursor: string }).nextCursor}`,
    );
    expect(next.body.items).toEqual([
      expect.objectContaining({ authorId: null, text: 'Synced from the CRM' }),
    ]);
    // Notes never show on the ticket the customer's side could reach; they are history only.
    const history = await a.owner.get<{ items: { type: string }[] }>(
      `/api/v1/tickets/${id}/history?limit=100`,
    );
    expect(history.body.items.filter((h) => h.type === 'ticket.note_added')).toHaveLength(2);
  });

  it('shows the SLA targets per priority, defaults until a workspace sets its own', async () => {
    const team = await newTeam();
    const before = await team.owner.get<{ items: { priority: string; isDefault: boolean }[] }>(
      '/api/v1/sla-policies',
    );
    expect(before.body.items.map((p) => [p.priority, p.isDefault])).toEqual([
      ['low', true],
      ['normal', true],
      ['high', true],
      ['urgent', true],
    ]);
    const put = await team.owner.put('/api/v1/sla-policies/high', {
      firstResponseSeconds: 600,
      resolutionSeconds: 7200,
    });
    expect(put.body).toEqual({
      priority: 'high',
      firstResponseSeconds: 600,
      resolutionSeconds: 7200,
      isDefault: false,
    });
    const ticket = await handOff(team, 'sla');
    const high = await team.owner.patch<TicketPayload>(`/api/v1/tickets/${ticket.id}`, {
      priority: 'high',
    });
    expect(
      new Date(high.body.sla.resolution.dueAt!).getTime() - new Date(high.body.createdAt).getTime(),
    ).toBe(7200 * 1000);
    // Another workspace's targets are its own.
    const other = await b.owner.get<{ items: { priority: string; isDefault: boolean }[] }>(
      '/api/v1/sla-policies',
    );
    expect(other.body.items.find((p) => p.priority === 'high')?.isDefault).toBe(true);
  });
});
