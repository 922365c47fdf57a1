import type { KnowledgeSource } from '@cxgenie/database';
import type { SourceResponse, SourceStatsResponse } from './dto/source.dto';

const count = (stats: Record<string, unknown>, key: string): number => {
  const value = Number(stats[key] ?? 0);
  return Number.isFinite(value) ? value : 0;
};

/** Every counter is present: a source nobody has processed yet counts zero of everything. */
const presentStats = (stats: Record<string, unknown> | null): SourceStatsResponse => {
  const raw = stats ?? {};
  return {
    pages: count(raw, 'pages'),
    chunks: count(raw, 'chunks'),
    embedded: count(raw, 'embedded'),
    reused: count(raw, 'reused'),
  };
};

export const presentSource = (source: KnowledgeSource): SourceResponse => ({
  id: source.id,
  botId: source.botId,
  type: source.type,
  name: source.name,
  status: source.status,
  progress: source.progress,
  error: source.error,
  stats: presentStats(source.stats),
  config: source.config,
  createdAt: source.createdAt,
  updatedAt: source.updatedAt,
});
