import {
  KNOWLEDGE_SOURCE_STATUSES,
  type KnowledgeSourceProgressEvent,
  type KnowledgeSourceStats,
} from '@cxgenie/contracts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0;

function statsOf(value: unknown): KnowledgeSourceStats | null {
  if (!isRecord(value)) return null;
  const { pages, chunks, embedded, reused } = value;
  if (![pages, chunks, embedded, reused].every(isCount)) return null;
  return {
    pages: pages as number,
    chunks: chunks as number,
    embedded: embedded as number,
    reused: reused as number,
  };
}

/**
 * A progress message off the Redis channel, or null when it is not one. Only the contract's
 * fields are passed on, so nothing else a publisher put in the message reaches a browser.
 */
export function parseProgressEvent(message: string): KnowledgeSourceProgressEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { workspaceId, botId, sourceId, status, progress, stats, error, updatedAt } = value;
  const parsedStats = statsOf(stats);
  if (
    !isNonEmptyString(workspaceId) ||
    !isNonEmptyString(botId) ||
    !isNonEmptyString(sourceId) ||
    !(KNOWLEDGE_SOURCE_STATUSES as readonly unknown[]).includes(status) ||
    !isCount(progress) ||
    progress > 100 ||
    !parsedStats ||
    !(error === null || typeof error === 'string') ||
    !isNonEmptyString(updatedAt)
  )
    return null;
  return {
    workspaceId,
    botId,
    sourceId,
    status: status as KnowledgeSourceProgressEvent['status'],
    progress,
    stats: parsedStats,
    error,
    updatedAt,
  };
}
