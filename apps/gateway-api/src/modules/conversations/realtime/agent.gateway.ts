import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  AVAILABILITIES,
  AgentClientEvents,
  type Availability,
  ClientEvents,
  type SocketErrorPayload,
  PRESENCE_SOCKET_REFRESH_MS,
  ServerEvents,
  SocketNamespaces,
  type AccessRevokedReason,
  agentRoom,
  agentSessionRoom,
  workspaceRoom,
} from '@cxgenie/contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { SessionTokens } from '../../../core-modules/auth/session-tokens';
import { MemberRepository, TenantConnections } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { parsePayload } from '../../../core-modules/http/socket-payload';
import { AgentPresenceTracker } from '../../tickets/presence/agent-presence.tracker';
import { AgentTypingPayload } from './agent-socket.payloads';
import { handshakeToken, requireSocketAuth } from './socket-auth';

interface AgentSocketData {
  workspaceId: string;
  userId: string;
  /** The sign-in the token came from (tokens issued before it was a claim have none). */
  sessionId?: string;
}

type StatusAck = { ok: true } | { ok: false; error: { code: 'invalid_payload'; message: string } };

const agentOf = (socket: Socket): AgentSocketData => socket.data as AgentSocketData;

/**
 * The dashboard's live connection: a member authenticates with their access token and joins
 * their workspace's room (every conversation and ticket event of the workspace, on any instance)
 * and their own room (`agentRoom`: what concerns them by name). Connecting, leaving, choosing a
 * status and activity pings are presence facts for the ticket app, which decides the agent's
 * availability and announces it.
 *
 * Access is checked against the database, not only the token: at the handshake (a removed member
 * with a still-valid token is refused) and again when the token expires, for as long as the socket
 * lives. Removal, a change of role and logout end the sockets at once (RealtimeBroadcaster).
 */
@WebSocketGateway({ namespace: SocketNamespaces.Agent, cors: { origin: true } })
export class AgentGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(AgentGateway.name);
  private refreshTimer: NodeJS.Timeout | null = null;
  /**
   * Each socket's next access check (at its token's expiry, then every token lifetime). Kept
   * here, not in `socket.data`, which is plain data handed on to presence jobs.
   */
  private readonly accessChecks = new WeakMap<Socket, NodeJS.Timeout>();

  constructor(
    private readonly tokens: SessionTokens,
    private readonly presence: AgentPresenceTracker,
    private readonly tenants: TenantConnections,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly members: MemberRepository,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  afterInit(server: Namespace): void {
    requireSocketAuth(server, 'A valid access token is required', (socket) =>
      this.authenticate(socket),
    );
    this.refreshTimer = setInterval(() => this.refreshPresence(server), PRESENCE_SOCKET_REFRESH_MS);
    this.refreshTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const agent = agentOf(socket);
    await socket.join([
      workspaceRoom(agent.workspaceId),
      agentRoom(agent.workspaceId, agent.userId),
      ...(agent.sessionId ? [agentSessionRoom(agent.workspaceId, agent.sessionId)] : []),
    ]);
    await this.presence
      .connected(agent, socket.id)
      .catch((error: Error) => this.logger.warn(`presence on connect: ${error.message}`));
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    // A refused handshake never had an agent.
    if (!agentOf(socket)?.userId) return;
    clearTimeout(this.accessChecks.get(socket));
    await this.presence
      .disconnected(agentOf(socket), socket.id)
      .catch((error: Error) => this.logger.warn(`presence on disconnect: ${error.message}`));
  }

  /** The agent chose online, idle or offline; offline while connected takes them out of assignment. */
  @SubscribeMessage(AgentClientEvents.SetStatus)
  async setStatus(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<StatusAck> {
    const status = (body as { status?: unknown } | null)?.status;
    if (!(AVAILABILITIES as readonly unknown[]).includes(status))
      return {
        ok: false,
        error: {
          code: 'invalid_payload',
          message: `status must be one of ${AVAILABILITIES.join(', ')}`,
        },
      };
    await this.presence.chooseStatus(agentOf(socket), status as Availability);
    return { ok: true };
  }

  /** The agent is typing in a conversation of their workspace: its customer (and agents) see it. */
  @SubscribeMessage(ClientEvents.Typing)
  async typing(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<{ ok: true } | { ok: false; error: SocketErrorPayload }> {
    const parsed = await parsePayload(AgentTypingPayload, body);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const { workspaceId } = agentOf(socket);
    const scope = await this.tenants.scope(workspaceId);
    const conversation = await scope.models.Conversation.findOne({
      where: { id: parsed.value.conversationId, workspaceId },
      attributes: ['id'],
    });
    if (!conversation)
      return { ok: false, error: { code: 'not_found', message: 'Conversation not found' } };
    this.broadcaster.toConversation(workspaceId, conversation.id, ServerEvents.Typing, {
      conversationId: conversation.id,
      senderType: 'agent',
      typing: parsed.value.typing,
    });
    return { ok: true };
  }

  @SubscribeMessage(AgentClientEvents.Activity)
  async activity(@ConnectedSocket() socket: Socket): Promise<void> {
    await this.presence
      .active(agentOf(socket), socket.id)
      .catch((error: Error) => this.logger.warn(`presence on activity: ${error.message}`));
  }

  private async authenticate(socket: Socket): Promise<boolean> {
    const token = handshakeToken(socket);
    const principal = token ? await this.tokens.verify(token) : null;
    if (principal?.kind !== 'user') return false;
    const data: AgentSocketData = {
      workspaceId: principal.workspaceId,
      userId: principal.userId,
      ...(principal.sessionId !== undefined && { sessionId: principal.sessionId }),
    };
    if ((await this.accessEnded(data)) !== null) return false;
    socket.data = data;
    if (principal.expiresAt !== undefined)
      this.checkAccessAt(socket, data, principal.expiresAt - Date.now());
    return true;
  }

  /** Why this member's socket may no longer listen, or null while it may. */
  private async accessEnded(agent: AgentSocketData): Promise<AccessRevokedReason | null> {
    const scope = await this.tenants.scope(agent.workspaceId);
    if (!(await this.members.findByUserId(scope, agent.userId))) return 'removed';
    if (agent.sessionId && !(await this.tokens.isSessionLive(agent.sessionId))) return 'logged_out';
    return null;
  }

  private checkAccessAt(socket: Socket, agent: AgentSocketData, delayMs: number): void {
    const timer = setTimeout(
      () => {
        void this.accessEnded(agent).then(
          (reason) => {
            if (reason === null) {
              this.checkAccessAt(socket, agent, this.config.auth.accessTtlSeconds * 1000);
              return;
            }
            socket.emit(ServerEvents.AccessRevoked, { reason });
            socket.disconnect(true);
          },
          // Unknown (the database unreachable): ask again shortly rather than cut a member off.
          (error: Error) => {
            this.logger.warn(`access check of a dashboard socket: ${error.message}`);
            this.checkAccessAt(socket, agent, 30_000);
          },
        );
      },
      Math.max(1_000, delayMs),
    );
    timer.unref();
    this.accessChecks.set(socket, timer);
  }

  /** This instance's sockets are alive: tells the ticket app's sweep not to drop them. */
  private refreshPresence(server: Namespace): void {
    const sockets = [...server.sockets.values()].map((socket) => ({
      agent: agentOf(socket),
      socketId: socket.id,
    }));
    this.presence
      .refresh(sockets)
      .catch((error: Error) => this.logger.warn(`presence refresh: ${error.message}`));
  }
}
