import { HttpException, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  ClientEvents,
  type CsatSubmittedPayload,
  type MessagePayload,
  ServerEvents,
  type SocketErrorPayload,
  SocketNamespaces,
  conversationRoom,
  workspaceRoom,
} from '@cxgenie/contracts';
import { TenantConnections, type TenantScope } from '@cxgenie/database';
import { newTraceId, runWithTraceId } from '@cxgenie/observability';
import { SessionTokens } from '../../../core-modules/auth/session-tokens';
import { CsatSubmitDto } from '../dto/conversation-actions.dto';
import { toMessagePayload } from '../message-payload';
import { OpenWidgetConversation } from '../usecases/open-widget-conversation';
import { ReceiveCustomerMessage } from '../usecases/receive-customer-message/receive-customer-message.usecase';
import { SubmitCsat } from '../usecases/submit-csat/submit-csat.usecase';
import { AgentNamespace } from './agent-namespace';
import { CustomerNamespace } from './customer-namespace';
import {
  CustomerTypingPayload,
  ResumePayload,
  SendMessagePayload,
  parsePayload,
} from './customer-socket.payloads';
import { handshakeToken, requireSocketAuth } from './socket-auth';

interface WidgetSocketData {
  workspaceId: string;
  customerId: string;
  botId: string;
  /** The previous send of this socket; each waits for it, so sequence follows send order. */
  sending?: Promise<unknown>;
}

type Ack<T> = ({ ok: true } & T) | { ok: false; error: SocketErrorPayload };

const REPLAY_LIMIT = 500;

/**
 * The widget's live connection. A customer authenticates with the widget session token, joins
 * their conversation's room, sends messages, and receives the bot's answer as it streams. On
 * reconnect the client presents the last sequence it saw and gets everything after it replayed
 * from PostgreSQL, so a dropped connection or a gateway restart loses nothing.
 */
@WebSocketGateway({ namespace: SocketNamespaces.Customer, cors: { origin: true } })
export class CustomerGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() server!: Namespace;
  private readonly logger = new Logger(CustomerGateway.name);

  constructor(
    private readonly tokens: SessionTokens,
    private readonly tenants: TenantConnections,
    private readonly conversations: OpenWidgetConversation,
    private readonly receive: ReceiveCustomerMessage,
    private readonly namespace: CustomerNamespace,
    private readonly csat: SubmitCsat,
    private readonly agents: AgentNamespace,
  ) {}

  afterInit(server: Namespace): void {
    this.namespace.server = server;
    requireSocketAuth(server, 'A valid widget session token is required', (socket) =>
      this.authenticate(socket),
    );
  }

  private async authenticate(socket: Socket): Promise<boolean> {
    const token = handshakeToken(socket);
    const principal = token ? await this.tokens.verify(token) : null;
    if (principal?.kind !== 'widget') return false;
    const data: WidgetSocketData = {
      workspaceId: principal.workspaceId,
      customerId: principal.customerId,
      botId: principal.botId,
    };
    socket.data = data;
    return true;
  }

  async handleConnection(socket: Socket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as { lastSeq?: unknown };
    const data = socket.data as WidgetSocketData;
    const scope = await this.tenants.scope(data.workspaceId);
    const conversation = await this.conversations.find(scope, data);
    if (!conversation) return;
    await socket.join(conversationRoom(conversation.id));
    if (typeof auth.lastSeq === 'number')
      await this.replay(socket, scope, conversation.id, auth.lastSeq);
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
      const parsed = await parsePayload(SendMessagePayload, body);
      if (!parsed.ok) return this.reject(socket, parsed.error);
      const data = socket.data as WidgetSocketData;
      const scope = await this.tenants.scope(data.workspaceId);
      const conversation = await this.conversations.findOrStart(scope, data);
      if (!conversation)
        return this.reject(socket, {
          code: 'not_found',
          message: 'This bot has no active web widget',
        });
      // Joined before the message exists, so not even the first streamed chunk can be missed.
      await socket.join(conversationRoom(conversation.id));
      const message = await this.receive.execute(scope, {
        conversationId: conversation.id,
        text: parsed.value.text,
      });
      return { ok: true as const, message };
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
    const data = socket.data as WidgetSocketData;
    const conversation = await this.conversations.find(
      await this.tenants.scope(data.workspaceId),
      data,
    );
    if (!conversation) return { ok: true as const };
    this.agents.server?.to(workspaceRoom(data.workspaceId)).emit(ServerEvents.Typing, {
      conversationId: conversation.id,
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
    const data = socket.data as WidgetSocketData;
    const scope = await this.tenants.scope(data.workspaceId);
    const conversation = await this.conversations.find(scope, data);
    if (!conversation) return { ok: true as const, replayed: 0 };
    await socket.join(conversationRoom(conversation.id));
    return {
      ok: true as const,
      replayed: await this.replay(socket, scope, conversation.id, parsed.value.lastSeq),
    };
  }

  /** The widget's rating buttons. Refusals come back as the REST route's would, by code. */
  @SubscribeMessage(ClientEvents.SubmitCsat)
  async submitCsat(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ rating: CsatSubmittedPayload }>> {
    const parsed = await parsePayload(CsatSubmitDto, body);
    if (!parsed.ok) return this.reject(socket, parsed.error);
    const data = socket.data as WidgetSocketData;
    const scope = await this.tenants.scope(data.workspaceId);
    try {
      const rating = await this.csat.execute(scope, {
        ...parsed.value,
        customerId: data.customerId,
      });
      return { ok: true as const, rating };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const code = error.getStatus() === 404 ? 'not_found' : 'conflict';
      return this.reject(socket, { code, message: error.message });
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

  private reject(
    socket: Socket,
    error: SocketErrorPayload,
  ): { ok: false; error: SocketErrorPayload } {
    this.logger.debug(`rejected socket payload: ${error.message}`);
    socket.emit(ServerEvents.Error, error);
    return { ok: false, error };
  }
}
