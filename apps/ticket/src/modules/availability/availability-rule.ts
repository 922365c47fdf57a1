import type { Availability } from '@cxgenie/contracts';

/** What the gateways recorded about one agent (see `agentPresenceKeys`). */
export interface PresenceFacts {
  /** Live sockets, on any gateway instance. */
  sockets: number;
  /** The status the agent chose; online unless they said otherwise. */
  status: Availability;
  /** Epoch ms of the agent's last activity (connecting counts); null if never. */
  activityAt: number | null;
}

/**
 * Offline without a socket or by choice; idle by choice or after `idleAfterMs` without activity;
 * online otherwise. Only online agents receive tickets automatically.
 */
export function effectiveAvailability(
  facts: PresenceFacts,
  now: number,
  idleAfterMs: number,
): Availability {
  if (facts.sockets === 0 || facts.status === 'offline') return 'offline';
  if (facts.status === 'idle') return 'idle';
  if (facts.activityAt !== null && now - facts.activityAt >= idleAfterMs) return 'idle';
  return 'online';
}
