import type { KnowledgePurgeJobData } from '@cxgenie/contracts';

export type PurgeBotKnowledgeCommand = Pick<KnowledgePurgeJobData, 'workspaceId' | 'botId'>;
