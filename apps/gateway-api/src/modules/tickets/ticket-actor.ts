import type { TicketActor } from '@cxgenie/conversations';
import type { Principal } from '../../core-modules/auth/principal';

/** Members act as agents; an integration's API key acts as the system, named in the data. */
export const actorOf = (principal: Principal): TicketActor =>
  principal.kind === 'user'
    ? { actorType: 'agent', actorId: principal.userId }
    : {
        actorType: 'system',
        actorId: null,
        apiKeyId: principal.kind === 'api-key' ? principal.apiKeyId : undefined,
      };
