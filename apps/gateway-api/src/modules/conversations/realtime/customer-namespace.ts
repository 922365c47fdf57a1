import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

/**
 * Holds the customer namespace once Socket.IO has created it. The gateway fills it in; publishers
 * read it. It breaks what would otherwise be a cycle (gateway → pipeline → publisher → gateway).
 */
@Injectable()
export class CustomerNamespace {
  server: Namespace | null = null;
}
