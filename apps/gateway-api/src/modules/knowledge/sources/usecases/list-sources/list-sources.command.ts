import type { KnowledgeSourceStatus, KnowledgeSourceType } from '@cxgenie/contracts';

export interface ListSourcesCommand {
  botId: string;
  type?: KnowledgeSourceType;
  status?: KnowledgeSourceStatus;
  limit: number;
  cursor?: string;
}
