/**
 * The analytics store's tables, named once. Raw facts are `analytics_facts`; the dashboards read
 * the pre-aggregations (materialized views into AggregatingMergeTree tables) wherever they can.
 */
export const AnalyticsTables = {
  /** One row per fact (typed columns, monthly partitions, TTL). */
  Facts: 'analytics_facts',
  /** Per bot and channel per local hour: message volume, answers, handoffs. */
  BotHourly: 'bot_hourly_stats',
  /** Per agent per local day: assignments, replies, first responses, resolutions, ratings. */
  AgentDaily: 'agent_daily_stats',
  /** Per agent and bot per local day: CSAT count, sum and distribution. */
  CsatDaily: 'csat_daily_by_agent',
  /** Per agent and availability per local day: seconds spent (closed intervals). */
  AvailabilityDaily: 'member_availability_daily_summaries',
  /** Per bot and customer per local day and model: calls, tokens and cost. */
  CostDaily: 'daily_costs',
  /** The table of ADR 0012, before typed facts; copied into `analytics_facts` and dropped. */
  LegacyEvents: 'analytics_events',
} as const;

/**
 * Local time: every fact stores `local_time`, the wall-clock time in its workspace's time zone at
 * the moment it happened (as a zone-less DateTime). Buckets of every table are local hours and
 * days, so a dashboard's "Monday" is the workspace's Monday, whatever the zone's offset (half
 * hours included) and daylight saving time, and queries need no time zone at all.
 */
export const FACTS_COLUMNS = `
    workspace_id String,
    type LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    event_id String,
    local_time DateTime('UTC'),
    conversation_id String DEFAULT '',
    message_id String DEFAULT '',
    reply_to_id String DEFAULT '',
    ticket_id String DEFAULT '',
    source_id String DEFAULT '',
    bot_id String DEFAULT '',
    bot_name String DEFAULT '',
    channel_type LowCardinality(String) DEFAULT '',
    customer_id String DEFAULT '',
    customer_name String DEFAULT '',
    agent_id String DEFAULT '',
    agent_name String DEFAULT '',
    previous_agent_id String DEFAULT '',
    sender LowCardinality(String) DEFAULT '',
    outcome LowCardinality(String) DEFAULT '',
    reason LowCardinality(String) DEFAULT '',
    previous_status LowCardinality(String) DEFAULT '',
    enough_information UInt8 DEFAULT 0,
    provider LowCardinality(String) DEFAULT '',
    model LowCardinality(String) DEFAULT '',
    text String DEFAULT '',
    chars UInt32 DEFAULT 0,
    sentiment Float32 DEFAULT 0,
    sentiment_source LowCardinality(String) DEFAULT '',
    rating UInt8 DEFAULT 0,
    seconds Float64 DEFAULT 0,
    within_target UInt8 DEFAULT 0,
    wait_ms UInt32 DEFAULT 0,
    latency_ms UInt32 DEFAULT 0,
    prompt_tokens UInt64 DEFAULT 0,
    completion_tokens UInt64 DEFAULT 0,
    texts UInt32 DEFAULT 0,
    cost_usd Float64 DEFAULT 0,
    pages UInt32 DEFAULT 0,
    chunks UInt32 DEFAULT 0,
    trace_id String DEFAULT '',
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)`;

/** A row of `analytics_facts` as the writer inserts it (JSONEachRow; omitted columns default). */
export interface AnalyticsFactRow {
  workspace_id: string;
  type: string;
  /** `YYYY-MM-DD hh:mm:ss.sss`, UTC. */
  occurred_at: string;
  event_id: string;
  /** `YYYY-MM-DD hh:mm:ss`, the workspace's wall clock. */
  local_time: string;
  conversation_id?: string;
  message_id?: string;
  reply_to_id?: string;
  ticket_id?: string;
  source_id?: string;
  bot_id?: string;
  bot_name?: string;
  channel_type?: string;
  customer_id?: string;
  customer_name?: string;
  agent_id?: string;
  agent_name?: string;
  previous_agent_id?: string;
  sender?: string;
  outcome?: string;
  reason?: string;
  previous_status?: string;
  enough_information?: number;
  provider?: string;
  model?: string;
  text?: string;
  chars?: number;
  sentiment?: number;
  sentiment_source?: string;
  rating?: number;
  seconds?: number;
  within_target?: number;
  wait_ms?: number;
  latency_ms?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
  texts?: number;
  cost_usd?: number;
  pages?: number;
  chunks?: number;
  trace_id?: string;
}
