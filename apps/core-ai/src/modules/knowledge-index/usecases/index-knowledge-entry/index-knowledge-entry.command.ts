import type { KnowledgeIndexJobData } from '@cxgenie/contracts';

export type IndexKnowledgeEntryCommand = Pick<
  KnowledgeIndexJobData,
  'workspaceId' | 'botId' | 'sourceType' | 'entryId'
>;
