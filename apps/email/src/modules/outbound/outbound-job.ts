import type { ChannelOutboundJobData } from '@cxgenie/contracts';

/**
 * An `email.outbound` job as gateway-api queues it, or as this service queues it again to resume
 * a conversation once a retry delay is over (`resumeAt`: not before then).
 */
export interface EmailOutboundJob extends ChannelOutboundJobData {
  resumeAt?: string;
}
