import type { Type } from '@nestjs/common';
import type { Model } from 'sequelize';
import type { KnowledgeIndexJobData } from '@cxgenie/contracts';
import type { TenantRepository } from '@cxgenie/database';

/** A knowledge entry's row: a bot's, in a workspace. */
export type KnowledgeEntryRow = Model & {
  id: string;
  workspaceId: string;
  botId: string;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * What makes FAQs and snippets different from one another — their two text fields, limits,
 * route and names — declared once per kind; every route and use case of knowledge entries is
 * written once, for any kind.
 */
export interface KnowledgeEntryKind<Row extends KnowledgeEntryRow = KnowledgeEntryRow> {
  /** The `knowledge.index` job's source type (and the vector store partition). */
  sourceType: Extract<KnowledgeIndexJobData['sourceType'], 'faq' | 'snippet'>;
  /** As the API names it in messages ("FAQ not found"). */
  resource: string;
  /** The route under `api/v1/bots/:botId/`. */
  path: string;
  repository: TenantRepository<Row>;
  /** The two text fields, the same in the request, the row and the response. */
  fields: readonly [string, string];
  /** The field `?q=` searches (case-insensitive substring). */
  searchField: string;
  dto: {
    create: Type<object>;
    update: Type<object>;
    list: Type<object>;
    response: Type<object>;
    page: Type<object>;
  };
}

/** The entry as the API returns it: id, bot, its two fields, timestamps. */
export function presentEntry(kind: KnowledgeEntryKind, row: KnowledgeEntryRow): object {
  const values = row as unknown as Record<string, unknown>;
  return {
    id: row.id,
    botId: row.botId,
    [kind.fields[0]]: values[kind.fields[0]],
    [kind.fields[1]]: values[kind.fields[1]],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
