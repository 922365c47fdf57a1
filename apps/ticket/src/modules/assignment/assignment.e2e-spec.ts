import { QueryTypes } from 'sequelize';
import type { Redis } from 'ioredis';
import { AgentClientEvents, type TicketPayload, agentPresenceKeys } from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';
import {
  type AgentClient,
  ApiClient,
  availabilityOf,
  chooseStatus,
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
import { ticketService } from '../../ticket.service';
import { SweepAvailability } from '../availability/usecases/sweep-availability/sweep-availability.usecase';

const IDLE_AFTER_S = 2;

interface Team {
  owner: ApiClient;
  workspaceId: string;
  inbox: InboxFixture;
}

/**
 * Availability, assignment and SLAs with the real gateway (agent sockets, REST) and ticket app
 * (queues, scheduled jobs) over PostgreSQL and Redis. Agents that must stay online ping activity
 * the way the console does; idleness comes after IDLE_AFTER_S without it.
 */
describe('agent availability, ticket assignment and SLAs', () => {
  let stack: TicketStack;
  const agents: AgentClient[] = [];

  beforeAll(async () => {
    stack = await startTicketStack({
      inProcess: ticketService,
      // SLA checks once a second: enough for breaches within seconds, and seldom enough that a
      // suite whose breach facts must come from its own stack (analytics, every 100 ms) records
      // them first; this suite's breach events reach its agents whichever stack records them.
      ticketEnv: { AGENT_IDLE_AFTER_S: String(IDLE_AFTER_S), SLA_CHECK_INTERVAL_MS: '1000' },
    });
  }, 120_000);

  afterAll(async () => {
    for (const agent of agents) agent.close();
    await stack?.close();
  });

  const newTeam = async (): Promise<Team> => {
    const owner = await ApiClient.signUp(stack.gateway.url);
    const workspaceId = owner.session!.workspaceId;
    return { owner, workspaceId, inbox: await seedBotAndChannel(stack.sequelize, workspaceId) };
  };

  const onlineAgent = async (team: Team, capacity?: number) => {
    const member = await signInAsNewMember(stack.gateway, team.workspaceId, 'agent');
    if (capacity !== undefined) {
      const me = await member.get<{ user: { id: string } }>('/api/v1/auth/me');
      const members = await team.owner.get<{ items: { id: string; userId: string }[] }>(
        '/api/v1/members?limit=100',
      );
      const id = members.body.items.find((m) => m.userId === me.body.user.id)!.id;
      expect(
        (await team.owner.patch(`/api/v1/members/${id}`, { maxConcurrentConversations: capacity }))
          .status,
      ).toBe(200);
    }
    const agent = await connectAgent(stack.gateway.url, member, { keepActiveEveryMs: 400 });
    agents.push(agent);
    await availabilityOf(agent, 'online');
    return { agent, member };
  };

  /** A customer asks for a human; resolves with the ticket once the ticket app opened it. */
  const handOff = async (team: Team, question = 'I need a person, please') => {
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

  const ticket = async (team: Team, id: string) =>
    (await team.owner.get<TicketPayload>(`/api/v1/tickets/${id}`)).body;

  const availabilityLog = (userId: string) =>
    stack.sequelize.query<{ availability: string; previous: string; source: string }>(
      `SELECT availability, previous, source FROM member_availability_logs
        WHERE user_id = :userId ORDER BY created_at`,
      { replacements: { userId }, type: QueryTypes.SELECT },
    );

  it('derives availability from the socket, the chosen status and inactivity, logging every change', async () => {
    const team = await newTeam();
    const member = await signInAsNewMember(stack.gateway, team.workspaceId, 'agent');
    const watcher = (await onlineAgent(team)).agent;
    const agent = await connectAgent(stack.gateway.url, member);
    agents.push(agent);
    await availabilityOf(agent, 'online');

    await chooseStatus(agent, 'offline');
    await availabilityOf(agent, 'offline');
    await chooseStatus(agent, 'online');
    await availabilityOf(agent, 'online');
    // No activity for IDLE_AFTER_S: idle; any activity: online again.
    const idleSince = Date.now();
    await availabilityOf(agent, 'idle', 10_000);
    expect(Date.now() - idleSince).toBeGreaterThanOrEqual(IDLE_AFTER_S * 1000 - 600);
    agent.socket.emit(AgentClientEvents.Activity);
    await availabilityOf(agent, 'online');
    agent.close();
    await eventually(() =>
      expect(
        watcher.presence.filter((p) => p.userId === agent.userId).map((p) => p.availability),
      ).toEqual(['online', 'offline', 'online', 'idle', 'online', 'offline']),
    );

    expect(await availabilityLog(agent.userId)).toEqual([
      { availability: 'online', previous: 'offline', source: 'socket' },
      { availability: 'offline', previous: 'online', source: 'status' },
      { availability: 'online', previous: 'offline', source: 'status' },
      { availability: 'idle', previous: 'online', source: 'idle' },
      { availability: 'online', previous: 'idle', source: 'activity' },
      { availability: 'offline', previous: 'online', source: 'socket' },
    ]);
    const members = await team.owner.get<{ items: { userId: string; availability: string }[] }>(
      '/api/v1/members?limit=100',
    );
    expect(members.body.items.find((m) => m.userId === agent.userId)?.availability).toBe('offline');
  });

  it("logs the gateway's cause of a change even when the presence sweep sees it before the gateway's job", async () => {
    const team = await newTeam();
    const member = await signInAsNewMember(stack.gateway, team.workspaceId, 'agent');
    const agent = await connectAgent(stack.gateway.url, member, { keepActiveEveryMs: 400 });
    agents.push(agent);
    await availabilityOf(agent, 'online');
    // What AgentPresenceTracker.chooseStatus writes, without the job it queues after it.
    const redis = stack.ticket.app!.get<Redis>(REDIS_CLIENT);
    const keys = agentPresenceKeys(stack.queuePrefix, team.workspaceId, agent.userId);
    await redis.hset(keys.state, 'status', 'offline', 'cause', 'status');

    await stack.ticket.app!.get(SweepAvailability).execute();
    expect((await availabilityLog(agent.userId)).at(-1)).toEqual({
      availability: 'offline',
      previous: 'online',
      source: 'status',
    });
    // Accounted for: a later sweep's own finding is its own.
    expect(await redis.hget(keys.state, 'cause')).toBeNull();
  });

  it('assigns round robin to online agents under their capacity, never to an offline one', async () => {
    const team = await newTeam();
    const a = (await onlineAgent(team, 2)).agent;
    const b = (await onlineAgent(team, 2)).agent;
    const tickets: TicketPayload[] = [];
    for (let i = 0; i < 5; i += 1) {
      const opened = await handOff(team);
      // Each ticket is assigned as it is opened (the last one finds everyone full).
      if (i < 4)
        await eventually(async () =>
          expect((await ticket(team, opened.id)).assigneeId).not.toBeNull(),
        );
      tickets.push(await ticket(team, opened.id));
    }
    const assignees = tickets.map((t) => t.assigneeId);
    const [first, second] = [assignees[0], assignees[1]];
    expect(new Set([first, second])).toEqual(new Set([a.userId, b.userId]));
    expect(assignees).toEqual([first, second, first, second, null]);
    // The offline owner got nothing; the waiting ticket is in the unassigned queue.
    const unassigned = await team.owner.get<{ items: TicketPayload[] }>(
      '/api/v1/tickets?unassigned=true',
    );
    expect(unassigned.body.items.map((t) => t.id)).toEqual([tickets[4]!.id]);
    expect(a.assigned.filter((e) => e.assigneeId === a.userId)).toHaveLength(2);

    // Solving one of a's tickets makes room: the waiting ticket goes to a.
    const ofA = tickets.find((t) => t.assigneeId === a.userId)!;
    expect((await team.owner.patch(`/api/v1/tickets/${ofA.id}`, { status: 'solved' })).status).toBe(
      200,
    );
    await eventually(async () =>
      expect((await ticket(team, tickets[4]!.id)).assigneeId).toBe(a.userId),
    );
  });

  it('solves the ticket when its conversation is closed, making room for a waiting one', async () => {
    const team = await newTeam();
    const { agent } = await onlineAgent(team, 1);
    const first = await handOff(team);
    await eventually(async () =>
      expect((await ticket(team, first.id)).assigneeId).toBe(agent.userId),
    );
    const waiting = await handOff(team);
    expect((await ticket(team, waiting.id)).assigneeId).toBeNull();

    const closed = await team.owner.post(`/api/v1/conversations/${first.conversationId}/close`);
    expect(closed.status).toBe(200);
    expect((await ticket(team, first.id)).status).toBe('solved');
    const history = await team.owner.get<{ items: { type: string; data: { cause?: string } }[] }>(
      `/api/v1/tickets/${first.id}/history`,
    );
    expect(history.body.items).toContainEqual(
      expect.objectContaining({
        type: 'ticket.status_changed',
        data: expect.objectContaining({ cause: 'conversation.closed' }),
      }),
    );
    await eventually(async () =>
      expect((await ticket(team, waiting.id)).assigneeId).toBe(agent.userId),
    );
  });

  it('keeps tickets waiting while nobody is online and hands them out when someone comes online', async () => {
    const team = await newTeam();
    const away = (await onlineAgent(team)).agent;
    await chooseStatus(away, 'offline');
    await availabilityOf(away, 'offline');
    const waiting = [await handOff(team), await handOff(team)];
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const t of waiting) expect((await ticket(team, t.id)).assigneeId).toBeNull();

    const { agent: arriving } = await onlineAgent(team);
    await eventually(async () => {
      for (const t of waiting) expect((await ticket(team, t.id)).assigneeId).toBe(arriving.userId);
    });
    await eventually(() =>
      expect(arriving.assigned.map((e) => e.ticketId).sort()).toEqual(
        waiting.map((t) => t.id).sort(),
      ),
    );
    expect(away.assigned.every((e) => e.assigneeId !== away.userId)).toBe(true);
  });

  it('lets members assign, reassign, unassign and claim, but never hands a ticket to someone offline', async () => {
    const team = await newTeam();
    const { agent: online, member: onlineMember } = await onlineAgent(team);
    await chooseStatus(online, 'offline');
    await availabilityOf(online, 'offline');
    const open = await handOff(team);
    const offline = await signInAsNewMember(stack.gateway, team.workspaceId, 'agent');
    const offlineId = (await offline.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user.id;

    const toOffline = await team.owner.post(`/api/v1/tickets/${open.id}/assign`, {
      assigneeId: offlineId,
    });
    expect(toOffline.status).toBe(409);
    expect(toOffline.body).toMatchObject({ details: [{ field: 'assigneeId' }] });
    const stranger = await team.owner.post(`/api/v1/tickets/${open.id}/assign`, {
      assigneeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(stranger.status).toBe(400);

    // The offline agent claims it themselves: that is them acting, so it is allowed.
    const claimed = await offline.post<TicketPayload>(`/api/v1/tickets/${open.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.assigneeId).toBe(offlineId);
    expect((await onlineMember.post(`/api/v1/tickets/${open.id}/claim`)).status).toBe(409);

    await chooseStatus(online, 'online');
    await availabilityOf(online, 'online');
    const reassigned = await team.owner.post<TicketPayload>(`/api/v1/tickets/${open.id}/assign`, {
      assigneeId: online.userId,
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.assigneeId).toBe(online.userId);
    await eventually(() =>
      expect(
        online.assigned.find((e) => e.ticketId === open.id && e.mode === 'manual'),
      ).toMatchObject({ assigneeId: online.userId, previousAssigneeId: offlineId }),
    );

    const history = await team.owner.get<{ items: { type: string; data: { mode?: string } }[] }>(
      `/api/v1/tickets/${open.id}/history`,
    );
    expect(
      history.body.items.filter((h) => h.type === 'ticket.assigned').map((h) => h.data.mode),
    ).toEqual(['claim', 'manual']);

    // Unassigned, it goes back to the queue, and to whoever is online with room.
    const released = await team.owner.post<TicketPayload>(`/api/v1/tickets/${open.id}/assign`, {
      assigneeId: null,
    });
    expect(released.status).toBe(200);
    expect(released.body.assigneeId).toBeNull();
    await eventually(() =>
      expect(
        online.assigned.filter((e) => e.ticketId === open.id).map((e) => [e.mode, e.assigneeId]),
      ).toEqual([
        ['claim', offlineId],
        ['manual', online.userId],
        ['manual', null],
        ['auto', online.userId],
      ]),
    );

    const key = await team.owner.post<{ key: string }>('/api/v1/api-keys', { name: 'crm' });
    const viaKey = new ApiClient(stack.gateway.url).withApiKey(key.body.key);
    expect((await viaKey.post(`/api/v1/tickets/${open.id}/claim`)).status).toBe(403);
  });

  it('records an SLA breach once per target, emits it, and shows it on the ticket', async () => {
    const team = await newTeam();
    const { agent } = await onlineAgent(team);
    const policy = await team.owner.put('/api/v1/sla-policies/normal', {
      firstResponseSeconds: 2,
      resolutionSeconds: 3,
    });
    expect(policy.status).toBe(200);
    const late = await handOff(team, 'nobody answers me');
    const answered = await handOff(team, 'someone answers me in time');
    // An agent replies to the second customer at once (what the console's reply stores).
    await stack.sequelize.query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, sender_id, text)
       SELECT workspace_id, id, channel_id, 2, 'outbound', 'agent', :agent, 'On it!' FROM conversations WHERE id = :id`,
      { replacements: { id: answered.conversationId, agent: agent.userId } },
    );
    expect(late.sla.firstResponse).toMatchObject({ state: 'running', breachedAt: null });

    await eventually(() => {
      const mine = agent.breaches.filter((b) => b.ticketId === late.id);
      expect(mine.map((b) => b.target).sort()).toEqual(['first_response', 'resolution']);
    }, 10_000);
    await eventually(async () => {
      const breached = await ticket(team, late.id);
      expect(breached.sla.firstResponse).toMatchObject({ state: 'breached' });
      expect(breached.sla.firstResponse.breachedAt).not.toBeNull();
      expect(breached.sla.resolution.breachedAt).not.toBeNull();
    });
    const withReply = await ticket(team, answered.id);
    expect(withReply.sla.firstResponse.state).toBe('met');
    expect(withReply.sla.firstResponse.achievedAt).not.toBeNull();
    expect(withReply.sla.resolution.state).not.toBe('met');

    // Many checks later, each breach is still one history row and was announced once.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const history = await team.owner.get<{ items: { type: string }[] }>(
      `/api/v1/tickets/${late.id}/history?limit=100`,
    );
    expect(
      history.body.items
        .filter((h) => h.type.startsWith('sla.'))
        .map((h) => h.type)
        .sort(),
    ).toEqual(['sla.first_response_breached', 'sla.resolution_breached']);
    expect(agent.breaches.filter((b) => b.ticketId === late.id)).toHaveLength(2);
    const answeredHistory = await team.owner.get<{ items: { type: string }[] }>(
      `/api/v1/tickets/${answered.id}/history?limit=100`,
    );
    expect(answeredHistory.body.items.map((h) => h.type)).toContain('ticket.first_response');
    expect(answeredHistory.body.items.map((h) => h.type)).not.toContain(
      'sla.first_response_breached',
    );
  });
  it('stops the SLA clocks while a ticket is pending, and moves its due times by the pause', async () => {
    const team = await newTeam();
    const { agent } = await onlineAgent(team);
    const policy = await team.owner.put('/api/v1/sla-policies/normal', {
      firstResponseSeconds: 2,
      resolutionSeconds: 2,
    });
    expect(policy.status).toBe(200);
    const waiting = await handOff(team, 'I will send you the order number later');
    const dueBefore = Date.parse(waiting.sla.resolution.dueAt!);
    const pending = await team.owner.patch<TicketPayload>(`/api/v1/tickets/${waiting.id}`, {
      status: 'pending',
    });
    expect(pending.status).toBe(200);
    expect(pending.body.sla.firstResponse.state).toBe('paused');
    expect(pending.body.sla.resolution.state).toBe('paused');

    // Well past the due time, with the check running every 200 ms: nothing is breached.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const paused = await ticket(team, waiting.id);
    expect(paused.sla.resolution).toMatchObject({ state: 'paused', breachedAt: null });
    expect(agent.breaches.filter((b) => b.ticketId === waiting.id)).toEqual([]);

    const resumed = await team.owner.patch<TicketPayload>(`/api/v1/tickets/${waiting.id}`, {
      status: 'open',
    });
    expect(resumed.status).toBe(200);
    const dueAfter = Date.parse(resumed.body.sla.resolution.dueAt!);
    expect(dueAfter - dueBefore).toBeGreaterThanOrEqual(3_000);
    expect(resumed.body.sla.resolution.state).toBe('running');
    // The clocks run again and cross the moved due times.
    await eventually(
      () =>
        expect(
          agent.breaches
            .filter((b) => b.ticketId === waiting.id)
            .map((b) => b.target)
            .sort(),
        ).toEqual(['first_response', 'resolution']),
      10_000,
    );
  });
});
