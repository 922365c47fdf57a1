import type { KnowledgeSettings } from '../models/bot.models';
import { preparedStatement, runPrepared } from '../prepared-statement';
import type { TenantScope } from '../tenancy/tenant-scope';

const READ_KNOWLEDGE_SETTINGS = preparedStatement(
  'bot_knowledge_settings',
  `SELECT knowledge_settings FROM bots
    WHERE id = $1::uuid AND workspace_id = $2::uuid AND deleted_at IS NULL`,
);

/**
 * A bot's retrieval settings, or null when the workspace has no such bot (or deleted it). Read on
 * every search request: a prepared statement, no model instance, as the pipeline's hot reads.
 */
export async function readBotKnowledgeSettings(
  scope: TenantScope,
  botId: string,
): Promise<KnowledgeSettings | null> {
  const [bot] = await runPrepared<{ knowledge_settings: KnowledgeSettings | null }>(
    scope.sequelize,
    READ_KNOWLEDGE_SETTINGS,
    [botId, scope.workspaceId],
  );
  return bot ? (bot.knowledge_settings ?? {}) : null;
}
