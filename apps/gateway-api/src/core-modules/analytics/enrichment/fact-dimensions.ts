import { Injectable, Logger } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { AnalyticsFact, ChannelType } from '@cxgenie/contracts';
import { TenantConnections, type TenantScope, WorkspaceNotFoundError } from '@cxgenie/database';
import { TtlCache } from './ttl-cache';

export interface ConversationDims {
  botId: string;
  customerId: string;
  channelType: ChannelType;
}

export interface BotDims {
  name: string;
  llmProvider: string;
  llmModel: string;
}

/** What the writer adds to a workspace's facts: the zone and the names the reports show. */
export interface WorkspaceDims {
  timeZone: string;
  conversations: Map<string, ConversationDims>;
  bots: Map<string, BotDims>;
  customers: Map<string, string>;
  agents: Map<string, string>;
  /** Null when the workspace no longer exists (its facts are still written, without names). */
  scope: TenantScope | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Gathers distinct uuids: each distinct key is tested (and later looked up) once. */
class DistinctIds {
  private readonly seen = new Set<string>();
  readonly ids: string[] = [];

  add(value: string | null | undefined): void {
    if (!value || this.seen.has(value)) return;
    this.seen.add(value);
    if (UUID.test(value)) this.ids.push(value);
  }
}

// A conversation's bot, customer and channel never change; names and zones rarely do.
const CONVERSATION_TTL_MS = 3_600_000;
const NAME_TTL_MS = 300_000;
const ZONE_TTL_MS = 60_000;

/**
 * Denormalises facts at write time: the workspace's time zone, a conversation's bot, customer
 * and channel (so a publisher that knows only the conversation need not look them up), and the
 * names of bots, customers and agents. Read from PostgreSQL (the workspace's own database in
 * dedicated tenancy) a batch at a time, and cached: a busy second of facts costs a few queries.
 */
@Injectable()
export class FactDimensions {
  private readonly logger = new Logger(FactDimensions.name);
  private readonly zones = new TtlCache<string>(ZONE_TTL_MS);
  private readonly conversations = new TtlCache<ConversationDims | null>(CONVERSATION_TTL_MS);
  private readonly bots = new TtlCache<BotDims | null>(NAME_TTL_MS);
  private readonly customers = new TtlCache<string>(NAME_TTL_MS);
  private readonly agents = new TtlCache<string>(NAME_TTL_MS);

  constructor(private readonly tenants: TenantConnections) {}

  async of(workspaceId: string, facts: readonly AnalyticsFact[]): Promise<WorkspaceDims> {
    // An id that is no uuid names no workspace (and would fail the lookup, not miss it).
    const scope = !UUID.test(workspaceId)
      ? null
      : await this.tenants.scope(workspaceId).catch((error: unknown) => {
          if (error instanceof WorkspaceNotFoundError) return null;
          throw error;
        });
    const dims: WorkspaceDims = {
      timeZone: 'UTC',
      conversations: new Map(),
      bots: new Map(),
      customers: new Map(),
      agents: new Map(),
      scope,
    };
    if (!scope) return dims;
    dims.timeZone = (await this.zone(workspaceId)) ?? 'UTC';
    // Only for facts whose publisher did not know the conversation's bot, customer and channel.
    const conversations = new DistinctIds();
    for (const f of facts)
      if (!(f.botId && f.customerId && f.channelType)) conversations.add(f.conversationId);
    dims.conversations = await this.lookup(this.conversations, conversations.ids, (missing) =>
      this.readConversations(scope, missing),
    );
    const bots = new DistinctIds();
    const customers = new DistinctIds();
    const agents = new DistinctIds();
    for (const f of facts) {
      const conversation = f.conversationId ? dims.conversations.get(f.conversationId) : undefined;
      bots.add(f.botId ?? conversation?.botId);
      customers.add(f.customerId ?? conversation?.customerId);
      agents.add(f.agentId);
      if ('previousAgentId' in f) agents.add(f.previousAgentId);
    }
    dims.bots = await this.lookup(this.bots, bots.ids, (missing) => this.readBots(scope, missing));
    dims.customers = await this.lookup(this.customers, customers.ids, (missing) =>
      this.readNames(scope, 'customers', missing, true),
    );
    dims.agents = await this.lookup(this.agents, agents.ids, (missing) =>
      this.readNames(scope, 'users', missing, false),
    );
    return dims;
  }

  private async zone(workspaceId: string): Promise<string | null> {
    const zones = await this.lookup(this.zones, [workspaceId], async (missing) => {
      const rows = await this.tenants.sequelize.query<{ id: string; timezone: string }>(
        'SELECT id, timezone FROM workspaces WHERE id = ANY(CAST(:ids AS uuid[]))',
        { replacements: { ids: `{${missing.join(',')}}` }, type: QueryTypes.SELECT },
      );
      return new Map(rows.map((row) => [row.id, row.timezone]));
    });
    return zones.get(workspaceId) ?? null;
  }

  private async lookup<T>(
    cache: TtlCache<T | null>,
    keys: string[],
    read: (missing: string[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const missing: string[] = [];
    const now = Date.now();
    for (const key of keys) {
      const cached = cache.get(key, now);
      if (cached === undefined) missing.push(key);
      else if (cached !== null) found.set(key, cached);
    }
    if (missing.length === 0) return found;
    try {
      const read_ = await read(missing);
      const readAt = Date.now();
      for (const key of missing) {
        const value = read_.get(key) ?? null;
        cache.set(key, value, readAt);
        if (value !== null) found.set(key, value);
      }
    } catch (error) {
      // Names are a nicety: the facts are written without them rather than held back.
      this.logger.warn(`analytics dimensions not read: ${(error as Error).message}`);
    }
    return found;
  }

  private async readConversations(
    scope: TenantScope,
    conversationIds: string[],
  ): Promise<Map<string, ConversationDims>> {
    const rows = await scope.sequelize.query<{
      id: string;
      bot_id: string;
      customer_id: string;
      channel_type: ChannelType;
    }>(
      `SELECT c.id, c.bot_id, c.customer_id, ch.type AS channel_type
         FROM conversations c JOIN channels ch ON ch.id = c.channel_id
        WHERE c.workspace_id = :workspaceId AND c.id = ANY(CAST(:ids AS uuid[]))`,
      {
        replacements: { workspaceId: scope.workspaceId, ids: `{${conversationIds.join(',')}}` },
        type: QueryTypes.SELECT,
      },
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { botId: r.bot_id, customerId: r.customer_id, channelType: r.channel_type },
      ]),
    );
  }

  private async readBots(scope: TenantScope, botIds: string[]): Promise<Map<string, BotDims>> {
    const rows = await scope.sequelize.query<{
      id: string;
      name: string;
      llm_provider: string;
      llm_model: string;
    }>(
      `SELECT id, name, llm_provider, llm_model FROM bots
        WHERE workspace_id = :workspaceId AND id = ANY(CAST(:ids AS uuid[]))`,
      {
        replacements: { workspaceId: scope.workspaceId, ids: `{${botIds.join(',')}}` },
        type: QueryTypes.SELECT,
      },
    );
    return new Map(
      rows.map((r) => [r.id, { name: r.name, llmProvider: r.llm_provider, llmModel: r.llm_model }]),
    );
  }

  /** Customers live in the workspace's database; users (agents) in the control plane. */
  private async readNames(
    scope: TenantScope,
    table: 'customers' | 'users',
    keys: string[],
    tenantTable: boolean,
  ): Promise<Map<string, string>> {
    const sequelize = tenantTable ? scope.sequelize : this.tenants.sequelize;
    const rows = await sequelize.query<{ id: string; name: string | null }>(
      `SELECT id, name FROM ${table} WHERE id = ANY(CAST(:ids AS uuid[]))` +
        (tenantTable ? ' AND workspace_id = :workspaceId' : ''),
      {
        replacements: { workspaceId: scope.workspaceId, ids: `{${keys.join(',')}}` },
        type: QueryTypes.SELECT,
      },
    );
    return new Map(rows.map((r) => [r.id, r.name ?? '']));
  }
}
