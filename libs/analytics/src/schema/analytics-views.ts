import { NEGATIVE_SENTIMENT_BELOW } from '../sentiment/lexicon-sentiment';
import { AnalyticsTables as T } from './analytics-tables';

/**
 * A pre-aggregation: its AggregatingMergeTree table, and the SELECT over raw facts that fills it.
 * The same SELECT is the materialized view's (new facts, as they are inserted) and the backfill's
 * (facts already stored), so the two cannot disagree.
 */
export interface AnalyticsView {
  table: string;
  /** `<table>_mv`. */
  view: string;
  columns: string;
  orderBy: string;
  /** The bucket column, for monthly partitions. */
  partitionBy: string;
  /** SELECT … FROM {source} … GROUP BY …; `{source}` is the facts table (or a FINAL read of it). */
  select: string;
}

const sumOf = (condition: string) => `sumState(toUInt64(${condition}))`;
const COUNT = 'AggregateFunction(sum, UInt64)';
const AMOUNT = 'AggregateFunction(sum, Float64)';

const botHourly: AnalyticsView = {
  table: T.BotHourly,
  view: `${T.BotHourly}_mv`,
  columns: `
    workspace_id String,
    hour DateTime('UTC'),
    bot_id String,
    channel_type LowCardinality(String),
    bot_name SimpleAggregateFunction(anyLast, String),
    customer_messages ${COUNT},
    bot_messages ${COUNT},
    agent_messages ${COUNT},
    answered ${COUNT},
    answered_without_information ${COUNT},
    unanswered ${COUNT},
    handoffs ${COUNT},
    negative_messages ${COUNT},
    wait_ms_sum ${COUNT},
    waits ${COUNT},
    conversations AggregateFunction(uniq, String)`,
  orderBy: 'workspace_id, hour, bot_id, channel_type',
  partitionBy: 'toYYYYMM(hour)',
  select: `
    SELECT workspace_id, toStartOfHour(local_time) AS hour, bot_id, channel_type,
           anyLast(bot_name) AS bot_name,
           ${sumOf("type = 'message.received'")} AS customer_messages,
           ${sumOf("type = 'message.answered'")} AS bot_messages,
           ${sumOf("type = 'message.sent'")} AS agent_messages,
           ${sumOf("type = 'message.answered' AND enough_information = 1")} AS answered,
           ${sumOf("type = 'message.answered' AND enough_information = 0")} AS answered_without_information,
           ${sumOf("type = 'message.unanswered'")} AS unanswered,
           ${sumOf("type = 'handoff.requested'")} AS handoffs,
           ${sumOf(`type = 'message.received' AND sentiment < ${NEGATIVE_SENTIMENT_BELOW}`)} AS negative_messages,
           sumState(toUInt64(if(type IN ('message.answered', 'message.unanswered'), wait_ms, 0))) AS wait_ms_sum,
           ${sumOf("type IN ('message.answered', 'message.unanswered')")} AS waits,
           uniqState(conversation_id) AS conversations
      FROM {source}
     WHERE type IN ('message.received', 'message.answered', 'message.sent', 'message.unanswered', 'handoff.requested')
     GROUP BY workspace_id, hour, bot_id, channel_type`,
};

/** Rows for agent '' are tickets and ratings nobody was assigned: the SLA report counts them. */
const agentDaily: AnalyticsView = {
  table: T.AgentDaily,
  view: `${T.AgentDaily}_mv`,
  columns: `
    workspace_id String,
    day Date,
    agent_id String,
    agent_name SimpleAggregateFunction(anyLast, String),
    assigned ${COUNT},
    messages ${COUNT},
    conversations AggregateFunction(uniq, String),
    first_responses ${COUNT},
    first_response_seconds ${AMOUNT},
    first_responses_within_target ${COUNT},
    resolved ${COUNT},
    resolution_seconds ${AMOUNT},
    resolved_within_target ${COUNT},
    ratings ${COUNT},
    rating_sum ${COUNT}`,
  orderBy: 'workspace_id, day, agent_id',
  partitionBy: 'toYYYYMM(day)',
  select: `
    SELECT workspace_id, toDate(local_time) AS day, agent_id,
           anyLast(agent_name) AS agent_name,
           ${sumOf("type = 'ticket.assigned'")} AS assigned,
           ${sumOf("type = 'message.sent'")} AS messages,
           uniqStateIf(conversation_id, type IN ('ticket.assigned', 'message.sent')) AS conversations,
           ${sumOf("type = 'ticket.first_response'")} AS first_responses,
           sumState(if(type = 'ticket.first_response', seconds, 0)) AS first_response_seconds,
           ${sumOf("type = 'ticket.first_response' AND within_target = 1")} AS first_responses_within_target,
           ${sumOf("type = 'ticket.resolved'")} AS resolved,
           sumState(if(type = 'ticket.resolved', seconds, 0)) AS resolution_seconds,
           ${sumOf("type = 'ticket.resolved' AND within_target = 1")} AS resolved_within_target,
           ${sumOf("type = 'csat.submitted'")} AS ratings,
           sumState(toUInt64(if(type = 'csat.submitted', rating, 0))) AS rating_sum
      FROM {source}
     WHERE type IN ('ticket.assigned', 'message.sent', 'ticket.first_response', 'ticket.resolved', 'csat.submitted')
     GROUP BY workspace_id, day, agent_id`,
};

const csatDaily: AnalyticsView = {
  table: T.CsatDaily,
  view: `${T.CsatDaily}_mv`,
  columns: `
    workspace_id String,
    day Date,
    agent_id String,
    bot_id String,
    agent_name SimpleAggregateFunction(anyLast, String),
    bot_name SimpleAggregateFunction(anyLast, String),
    ratings ${COUNT},
    rating_sum ${COUNT},
    rated_1 ${COUNT},
    rated_2 ${COUNT},
    rated_3 ${COUNT},
    rated_4 ${COUNT},
    rated_5 ${COUNT}`,
  orderBy: 'workspace_id, day, agent_id, bot_id',
  partitionBy: 'toYYYYMM(day)',
  select: `
    SELECT workspace_id, toDate(local_time) AS day, agent_id, bot_id,
           anyLast(agent_name) AS agent_name, anyLast(bot_name) AS bot_name,
           sumState(toUInt64(1)) AS ratings,
           sumState(toUInt64(rating)) AS rating_sum,
           ${sumOf('rating = 1')} AS rated_1,
           ${sumOf('rating = 2')} AS rated_2,
           ${sumOf('rating = 3')} AS rated_3,
           ${sumOf('rating = 4')} AS rated_4,
           ${sumOf('rating = 5')} AS rated_5
      FROM {source}
     WHERE type = 'csat.submitted'
     GROUP BY workspace_id, day, agent_id, bot_id`,
};

/*
 * An availability fact closes the interval the agent spent in the previous availability: it ran
 * `seconds` up to `local_time`. Split across the local days it covers (ARRAY JOIN over day
 * numbers), each day gets its overlap. The interval still open is the report's to add.
 */
const LOCAL_END = 'toUInt32(local_time)';
const LOCAL_START = `(${LOCAL_END} - toUInt32(round(seconds)))`;
const availabilityDaily: AnalyticsView = {
  table: T.AvailabilityDaily,
  view: `${T.AvailabilityDaily}_mv`,
  columns: `
    workspace_id String,
    day Date,
    agent_id String,
    availability LowCardinality(String),
    agent_name SimpleAggregateFunction(anyLast, String),
    time_seconds ${AMOUNT}`,
  orderBy: 'workspace_id, day, agent_id, availability',
  partitionBy: 'toYYYYMM(day)',
  select: `
    SELECT workspace_id, toDate(toDateTime(day_number * 86400, 'UTC')) AS day, agent_id,
           previous_status AS availability,
           anyLast(agent_name) AS agent_name,
           sumState(toFloat64(least(${LOCAL_END}, (day_number + 1) * 86400)
                              - greatest(${LOCAL_START}, day_number * 86400))) AS time_seconds
      FROM {source}
     ARRAY JOIN range(intDiv(${LOCAL_START}, 86400), intDiv(${LOCAL_END} - 1, 86400) + 1) AS day_number
     WHERE type = 'agent.availability' AND seconds >= 1
     GROUP BY workspace_id, day, agent_id, availability`,
};

const costDaily: AnalyticsView = {
  table: T.CostDaily,
  view: `${T.CostDaily}_mv`,
  columns: `
    workspace_id String,
    day Date,
    bot_id String,
    customer_id String,
    kind LowCardinality(String),
    provider LowCardinality(String),
    model LowCardinality(String),
    bot_name SimpleAggregateFunction(anyLast, String),
    customer_name SimpleAggregateFunction(anyLast, String),
    calls ${COUNT},
    tokens_in ${COUNT},
    tokens_out ${COUNT},
    cost ${AMOUNT}`,
  orderBy: 'workspace_id, day, bot_id, customer_id, kind, provider, model',
  partitionBy: 'toYYYYMM(day)',
  select: `
    SELECT workspace_id, toDate(local_time) AS day, bot_id, customer_id,
           if(type = 'llm.usage', 'llm', 'embedding') AS kind, provider, model,
           anyLast(bot_name) AS bot_name, anyLast(customer_name) AS customer_name,
           sumState(toUInt64(1)) AS calls,
           sumState(prompt_tokens) AS tokens_in,
           sumState(completion_tokens) AS tokens_out,
           sumState(cost_usd) AS cost
      FROM {source}
     WHERE type IN ('llm.usage', 'embedding.usage')
     GROUP BY workspace_id, day, bot_id, customer_id, kind, provider, model`,
};

export const ANALYTICS_VIEWS: readonly AnalyticsView[] = [
  botHourly,
  agentDaily,
  csatDaily,
  availabilityDaily,
  costDaily,
];

export const viewSelect = (view: AnalyticsView, source: string): string =>
  view.select.replace('{source}', source);

export const createViewTable = (view: AnalyticsView): string => `
  CREATE TABLE IF NOT EXISTS ${view.table} (${view.columns}
  )
  ENGINE = AggregatingMergeTree
  PARTITION BY ${view.partitionBy}
  ORDER BY (${view.orderBy})`;

export const createMaterializedView = (view: AnalyticsView): string => `
  CREATE MATERIALIZED VIEW IF NOT EXISTS ${view.view} TO ${view.table} AS ${viewSelect(view, T.Facts)}`;
