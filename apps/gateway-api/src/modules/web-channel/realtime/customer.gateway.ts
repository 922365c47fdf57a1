import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { toSocketError } from '@cxgenie/bootstrap';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  ClientEvents,
  type CsatSubmittedPayload,
  type MessagePayload,
  ServerEvents,
  type SocketErrorPayload,
  SocketNamespaces,
  conversationRoom,
  visitorRoom,
} from '@cxgenie/contracts';
import { TenantConnections, type TenantScope } from '@cxgenie/database';
import { newTraceId, runWithTraceId } from '@cxgenie/observability';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { SessionTokens } from '../../../core-modules/auth/session-tokens';
import { clientAddress } from '../../../core-modules/limits/client-address';
import { CsatSubmitDto } from '../../conversations/dto/conversation-actions.dto';
import { toMessagePayload } from '../../conversations/message-payload';
import { StreamedChunks } from '../../conversations/pipeline/streaming/streamed-chunks';
import { parsePayload } from '../../../core-modules/http/socket-payload';
import { handshakeToken, requireSocketAuth } from '../../conversations/realtime/socket-auth';
import { SubmitCsat } from '../../conversations/usecases/submit-csat/submit-csat.usecase';
import { type WidgetPrincipal, WidgetConversations } from '../messages/widget-conversations';
import {
  CustomerTypingPayload,
  MESSAGE_LIMITS,
  ResumePayload,
  SendMessagePayload,
} from './customer-socket.payloads';

interface WidgetSocketData {
  principal: WidgetPrincipal;
  /** The client's address, behind the trusted proxies (limits per address). */
  clientIp: string;
  /** The previous send of this socket; each waits for it, so sequence follows send order. */
  sending?: Promise<unknown>;
}

type Ack<T> = ({ ok: true } & T) | { ok: false; error: SocketErrorPayload };

const REPLAY_LIMIT = 500;

const principalOf = (socket: Socket): WidgetPrincipal =>
  (socket.data as WidgetSocketData).principal;

/**
 * The widget's live connection. A customer authenticates with the widget session token, joins
 * their conversation's room, sends messages (through the channel intake every channel shares),
 * and receives the bot's answer as it streams. On reconnect the client presents the last
 * sequence it saw and gets everything after it replayed from PostgreSQL, so a dropped connection
 * or a gateway restart loses nothing.
 */
@WebSocketGateway({ namespace: SocketNamespaces.Customer, cors: { origin: true } })
export class CustomerGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(CustomerGateway.name);

  constructor(
    private readonly tokens: SessionTokens,
    private readonly tenants: TenantConnections,
    private readonly conversations: WidgetConversations,
    private readonly csat: SubmitCsat,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly streamed: StreamedChunks,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  afterInit(server: Namespace): void {
    requireSocketAuth(server, 'A valid widget session token is required', (socket) =>
      this.authenticate(socket),
    );
  }

  private async authenticate(socket: Socket): Promise<boolean> {
    const token = handshakeToken(socket);
    const principal = token ? await this.tokens.verify(token) : null;
    if (principal?.kind !== 'widget') return false;
    const data: WidgetSocketData = {
      principal,
      clientIp: clientAddress(socket.request, this.config.trustedProxies),
    };
    socket.data = data;
    // In the visitor's room before the client hears it is connected: a conversation another tab
    // creates from then on reaches this socket, however long the lookups below take. (Sessions
    // signed before they carried their channel join in handleConnection, once it is looked up.)
    if (principal.channelId)
      await socket.join(visitorRoom(principal.channelId, principal.customerId));
    return true;
  }

  /**
   * A failure here (the workspace's database unreachable) is this socket's alone: it is told and
   * disconnected, to retry as it would after any drop; nothing else on the instance is affected.
   */
  async handleConnection(socket: Socket): Promise<void> {
    try {
      const auth = (socket.handshake.auth ?? {}) as { lastSeq?: unknown };
      const principal = principalOf(socket);
      const scope = await this.tenants.scope(principal.workspaceId);
      const party = await this.conversations.party(scope, principal);
      if (!party) return;
      // Before the conversation is looked up: one created from another tab from now on reaches
      // this socket too (see WidgetConversations.receive).
      await socket.join(visitorRoom(party.channelId, party.customerId));
      const conversationId = await this.conversations.openConversation(scope, party);
      if (!conversationId) return;
      await socket.join(conversationRoom(conversationId));
      if (typeof auth.lastSeq === 'number')
        await this.replay(socket, scope, conversationId, auth.lastSeq);
      await this.replayStreaming(socket, conversationId);
    } catch (error) {
      this.logger.warn(`widget socket not connected: ${(error as Error).message}`);
      socket.emit(ServerEvents.Error, {
        code: 'internal',
        message: 'The conversation is unavailable right now; reconnect shortly',
      } satisfies SocketErrorPayload);
      socket.disconnect(true);
    }
  }

  @SubscribeMessage(ClientEvents.SendMessage)
  send(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ message: MessagePayload }>> {
    const data = socket.data as WidgetSocketData;
    const sent = (data.sending ?? Promise.resolve()).then(() => this.accept(socket, body));
    data.sending = sent.catch(() => undefined);
    return sent;
  }

  private accept(socket: Socket, body: unknown): Promise<Ack<{ message: MessagePayload }>> {
    return runWithTraceId(newTraceId(), async () => {
      const parsed = await parsePayload(SendMessagePayload, body, MESSAGE_LIMITS);
      if (!parsed.ok) return this.reject(socket, parsed.error);
      const principal = principalOf(socket);
      const scope = await this.tenants.scope(principal.workspaceId);
      try {
        // Joined before the message is announced, so not even the first streamed chunk is missed.
        const { clientIp } = socket.data as WidgetSocketData;
        const { text, clientMessageId } = parsed.value;
        const message = await this.conversations.receive(
          scope,
          principal,
          { text, clientMessageId, clientIp },
          {
            beforeAnnounce: async (conversationId) => socket.join(conversationRoom(conversationId)),
          },
        );
        return { ok: true as const, message };
      } catch (error) {
        return this.rejectError(socket, error);
      }
    });
  }

  /** The customer is typing: only the workspace's agents are told (the widget throttles it). */
  @SubscribeMessage(ClientEvents.Typing)
  async typing(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<object>> {
    const parsed = await parsePayload(CustomerTypingPayload, body);
    if (!parsed.ok) return this.reject(socket, parsed.error);
    const principal = principalOf(socket);
    const scope = await this.tenants.scope(principal.workspaceId);
    const conversationId = await this.conversations.current(scope, principal);
    if (!conversationId) return { ok: true as const };
    this.broadcaster.toAgents(principal.workspaceId, ServerEvents.Typing, {
      conversationId,
      senderType: 'customer',
      typing: parsed.value.typing,
    });
    return { ok: true as const };
  }

  @SubscribeMessage(ClientEvents.Resume)
  async resume(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ replayed: number }>> {
    const parsed = await parsePayload(ResumePayload, body);
    if (!parsed.ok) return this.reject(socket, parsed.error);
    const principal = principalOf(socket);
    const scope = await this.tenants.scope(principal.workspaceId);
    const conversationId = await this.conversations.current(scope, principal);
    if (!conversationId) return { ok: true as const, replayed: 0 };
    await socket.join(conversationRoom(conversationId));
    const replayed = await this.replay(socket, scope, conversationId, parsed.value.lastSeq);
    await this.replayStreaming(socket, conversationId);
    return { ok: true as const, replayed };
  }

  /** The widget's rating buttons. Refusals come back as the REST route's would, by code. */
  @SubscribeMessage(ClientEvents.SubmitCsat)
  async submitCsat(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ rating: CsatSubmittedPayload }>> {
    const parsed = await parsePayload(CsatSubmitDto, body);
    if (!parsed.ok) return this.reject(socket, parsed.error);
    const principal = principalOf(socket);
    const scope = await this.tenants.scope(principal.workspaceId);
    try {
      const rating = await this.csat.execute(scope, {
        ...parsed.value,
        customerId: principal.customerId,
      });
      return { ok: true as const, rating };
    } catch (error) {
      return this.rejectError(socket, error);
    }
  }

  private async replay(
    socket: Socket,
    scope: TenantScope,
    conversationId: string,
    afterSeq: number,
  ): Promise<number> {
    const { Op } = await import('sequelize');
    const messages = await scope.models.Message.findAll({
      where: { conversationId, workspaceId: scope.workspaceId, seq: { [Op.gt]: afterSeq } },
      order: [['seq', 'ASC']],
      limit: REPLAY_LIMIT,
    });
    for (const message of messages)
      socket.emit(ServerEvents.MessageCreated, toMessagePayload(message));
    return messages.length;
  }

  /**
   * The answer streaming right now, as far as it got: a socket that (re)connects mid-answer would
   * otherwise show only what is streamed from now on. After the replay from PostgreSQL and once
   * the socket is in the room, so every chunk reaches it at least once (clients assemble by
   * message id and chunk index, so twice is harmless).
   */
  private async replayStreaming(socket: Socket, conversationId: string): Promise<void> {
    for (const chunk of await this.streamed.read(conversationId))
      socket.emit(ServerEvents.MessageChunk, chunk);
  }

  /** A domain error is acked like the REST route would answer it; anything else is a bug. */
  private rejectError(socket: Socket, error: unknown): { ok: false; error: SocketErrorPayload } {
    const payload = toSocketError(error);
    if (!payload) throw error;
    return this.reject(socket, payload);
  }

  private reject(
    socket: Socket,
    error: SocketErrorPayload,
  ): { ok: false; error: SocketErrorPayload } {
    this.logger.debug(`rejected socket payload: ${error.message}`);
    socket.emit(ServerEvents.Error, error);
    return { ok: false, error };
  }
}
