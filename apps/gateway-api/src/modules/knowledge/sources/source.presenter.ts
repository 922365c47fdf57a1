import type { KnowledgeSource } from '@cxgenie/database';
import type { SourceResponse } from './dto/source.dto';

export const presentSource = (source: KnowledgeSource): SourceResponse => ({
  id: source.id,
  botId: source.botId,
  type: source.type,
  name: source.name,
  status: source.status,
  progress: source.progress,
  error: source.error,
  stats: source.stats,
  config: source.config,
  createdAt: source.createdAt,
  updatedAt: source.updatedAt,
});
