import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

/** Holds the agent namespace once Socket.IO has created it (see CustomerNamespace for why). */
@Injectable()
export class AgentNamespace {
  server: Namespace | null = null;
}
