import type { HandoffRequestJobData } from '@cxgenie/contracts';

export type HandOffConversationCommand = Omit<HandoffRequestJobData, 'traceId'>;
