import type { ChannelOutboundJobData } from '@cxgenie/contracts';

/**
 * A `channel.outbound` job as gateway-api queues it, or as this service re-queues it to resume a
 * conversation after a retry delay (`resume`, which names the delay it follows).
 */
export interface OutboundJob extends ChannelOutboundJobData {
  resume?: { holdToken: string; round: number };
}
