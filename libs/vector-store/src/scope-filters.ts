import type { KnowledgePartition } from '@cxgenie/contracts';
import { assertPartition, assertScope, assertSafeId } from './vector-record.validation';
import type { VectorScope } from './vector-store.port';

/** What a read or delete is narrowed to; workspace and bot are never optional. */
export interface ScopeFilter extends VectorScope {
  partition?: KnowledgePartition;
  sourceId?: string;
}

type Condition = readonly [column: string, value: string];

/** Validates every value first: a filter is only ever built from safe ids and known partitions. */
function scopeConditions(filter: ScopeFilter): Condition[] {
  assertScope(filter);
  const conditions: Condition[] = [
    ['workspace_id', filter.workspaceId],
    ['bot_id', filter.botId],
  ];
  if (filter.partition !== undefined) {
    assertPartition(filter.partition);
    conditions.push(['partition', filter.partition]);
  }
  if (filter.sourceId !== undefined) {
    assertSafeId(filter.sourceId, 'sourceId');
    conditions.push(['source_id', filter.sourceId]);
  }
  return conditions;
}

/** A SQL string literal (LanceDB/DataFusion): quotes are doubled. */
export const sqlStringLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** A Milvus expression string literal: backslash and double quote are backslash-escaped. */
export function milvusStringLiteral(value: string): string {
  if ([...value].some((char) => char.charCodeAt(0) < 0x20))
    throw new Error('control characters are not allowed in a Milvus filter value');
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/** LanceDB prefilter: `workspace_id = '…' AND bot_id = '…' [AND partition = '…'] [AND source_id = '…']`. */
export const lanceScopeFilter = (filter: ScopeFilter): string =>
  scopeConditions(filter)
    .map(([column, value]) => `${column} = ${sqlStringLiteral(value)}`)
    .join(' AND ');

/** Milvus boolean expression: `workspace_id == "…" && bot_id == "…" [&& …]`. */
export const milvusScopeFilter = (filter: ScopeFilter): string =>
  scopeConditions(filter)
    .map(([column, value]) => `${column} == ${milvusStringLiteral(value)}`)
    .join(' && ');
