import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { SocketNamespaces, workspaceRoom } from '@cxgenie/contracts';
import { SessionTokens } from '../../../core-modules/auth/session-tokens';
import { AgentNamespace } from './agent-namespace';
import { handshakeToken, requireSocketAuth } from './socket-auth';

interface AgentSocketData {
  workspaceId: string;
  userId: string;
}

/**
 * The dashboard's live connection: a member authenticates with their access token and joins their
 * workspace's room, where every conversation event of the workspace arrives, on any instance.
 * Handoff notifications, presence and replies come with the ticket work.
 */
@WebSocketGateway({ namespace: SocketNamespaces.Agent, cors: { origin: true } })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly namespace: AgentNamespace,
  ) {}

  afterInit(server: Namespace): void {
    this.namespace.server = server;
    requireSocketAuth(server, 'A valid access token is required', (socket) =>
      this.authenticate(socket),
    );
  }

  async handleConnection(socket: Socket): Promise<void> {
    await socket.join(workspaceRoom((socket.data as AgentSocketData).workspaceId));
  }

  private async authenticate(socket: Socket): Promise<boolean> {
    const token = handshakeToken(socket);
    const principal = token ? await this.tokens.verify(token) : null;
    if (principal?.kind !== 'user') return false;
    const data: AgentSocketData = { workspaceId: principal.workspaceId, userId: principal.userId };
    socket.data = data;
    return true;
  }
}
