import type { Socket } from 'socket.io-client';
import {
  type AgentPresenceEvent,
  AgentClientEvents,
  type Availability,
  type HandoffCreatedEvent,
  ServerEvents,
  type SlaBreachedEvent,
  SocketNamespaces,
  type TicketAssignedEvent,
  type TicketUpdatedEvent,
} from '@cxgenie/contracts';
import { eventually } from '../eventually';
import type { ApiClient } from './api-client';
import { type RecordingSocket, connectSocket } from './socket-client';

/** An agent's console connection that records every ticket event, with when it arrived. */
export interface AgentClient {
  userId: string;
  workspaceId: string;
  socket: Socket;
  recording: RecordingSocket;
  handoffs: { event: HandoffCreatedEvent; at: number }[];
  assigned: TicketAssignedEvent[];
  updated: TicketUpdatedEvent[];
  presence: AgentPresenceEvent[];
  breaches: SlaBreachedEvent[];
  close(): void;
}

export async function connectAgent(
  gatewayUrl: string,
  member: ApiClient,
  { keepActiveEveryMs }: { keepActiveEveryMs?: number } = {},
): Promise<AgentClient> {
  const session = member.session!;
  const recording = await connectSocket(gatewayUrl, SocketNamespaces.Agent, {
    token: session.accessToken,
  });
  const { socket } = recording;
  const userId = JSON.parse(
    Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString('utf8'),
  ).sub as string;
  const agent: AgentClient = {
    userId,
    workspaceId: session.workspaceId,
    socket,
    recording,
    handoffs: [],
    assigned: [],
    updated: [],
    presence: [],
    breaches: [],
    close: () => {
      if (timer) clearInterval(timer);
      socket.close();
    },
  };
  socket.on(ServerEvents.HandoffCreated, (event: HandoffCreatedEvent) =>
    agent.handoffs.push({ event, at: Date.now() }),
  );
  socket.on(ServerEvents.TicketAssigned, (e: TicketAssignedEvent) => agent.assigned.push(e));
  socket.on(ServerEvents.TicketUpdated, (e: TicketUpdatedEvent) => agent.updated.push(e));
  socket.on(ServerEvents.AgentPresence, (e: AgentPresenceEvent) => agent.presence.push(e));
  socket.on(ServerEvents.SlaBreached, (e: SlaBreachedEvent) => agent.breaches.push(e));
  // What the console does while its agent works: activity keeps them from turning idle.
  const timer = keepActiveEveryMs
    ? setInterval(() => socket.emit(AgentClientEvents.Activity), keepActiveEveryMs)
    : null;
  return agent;
}

/** Waits until the agent's own presence event says they have the availability. */
export const availabilityOf = (
  agent: AgentClient,
  availability: Availability,
  timeoutMs = 15_000,
) =>
  eventually(() => {
    const mine = agent.presence.filter((p) => p.userId === agent.userId);
    expect(mine[mine.length - 1]?.availability).toBe(availability);
  }, timeoutMs);

export const chooseStatus = async (agent: AgentClient, status: Availability) => {
  const ack = (await agent.socket.emitWithAck(AgentClientEvents.SetStatus, { status })) as {
    ok: boolean;
  };
  expect(ack.ok).toBe(true);
};
