import { Injectable } from '@nestjs/common';
import { AnalyticsTables } from '@cxgenie/analytics';
import { AnalyticsReader, rounded } from '../../analytics-reader';
import type { CostQuery } from '../../dto/report-query.dto';
import {
  type Bucket,
  allowedBucket,
  bucketLabel,
  bucketSql,
  reportRange,
} from '../../report-range';

interface Usage {
  llmCalls: number;
  llmPromptTokens: number;
  llmCompletionTokens: number;
  embeddingCalls: number;
  embeddingTokens: number;
  costUsd: number;
}

export interface CostDay extends Usage {
  bucket: string;
}

export interface BotCost extends Usage {
  botId: string;
  botName: string;
}

export interface CustomerCost extends Usage {
  customerId: string;
  customerName: string;
  /** Standard deviations above the mean cost per customer. */
  zScore: number | null;
  /** Costs at least three standard deviations above the mean. */
  outlier: boolean;
}

export interface CostReport {
  from: string;
  to: string;
  bucket: Bucket;
  totals: Usage;
  days: CostDay[];
  bots: BotCost[];
  customers: {
    /** Customers with any cost in the range. */
    count: number;
    meanCostUsd: number;
    stddevCostUsd: number;
    /** The most expensive customers, most expensive first. */
    top: CustomerCost[];
  };
}

interface UsageRow extends Record<string, unknown> {
  kind: string;
  calls: number;
  tokens_in: number;
  tokens_out: number;
  cost: number;
}

const SUMS = `toFloat64(sumMerge(calls)) AS calls, toFloat64(sumMerge(tokens_in)) AS tokens_in,
              toFloat64(sumMerge(tokens_out)) AS tokens_out, sumMerge(cost) AS cost`;
const NUMERIC = ['calls', 'tokens_in', 'tokens_out', 'cost'] as const;

const zero = (): Usage => ({
  llmCalls: 0,
  llmPromptTokens: 0,
  llmCompletionTokens: 0,
  embeddingCalls: 0,
  embeddingTokens: 0,
  costUsd: 0,
});

const addUsage = (usage: Usage, row: UsageRow): Usage => {
  if (row.kind === 'llm') {
    usage.llmCalls += row.calls;
    usage.llmPromptTokens += row.tokens_in;
    usage.llmCompletionTokens += row.tokens_out;
  } else {
    usage.embeddingCalls += row.calls;
    usage.embeddingTokens += row.tokens_in;
  }
  usage.costUsd = rounded(usage.costUsd + row.cost, 6);
  return usage;
};

/**
 * LLM and embedding tokens and cost (by the price table when the usage was written): per day,
 * per bot, per customer with the outliers marked (daily cost view).
 */
@Injectable()
export class CostReportUseCase {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: CostQuery): Promise<CostReport> {
    const range = reportRange(query.from, query.to);
    const bucket = allowedBucket(query.bucket ?? 'day', ['day', 'week', 'month']);
    const params = { workspaceId, fromDay: range.fromDay, toDay: range.toDay };
    const from = `FROM ${AnalyticsTables.CostDaily}
        WHERE workspace_id = {workspaceId:String}
          AND day >= toDate({fromDay:String}) AND day < toDate({toDay:String})`;
    const perDay = await this.reader.rows<UsageRow & { bucket_at: string }>(
      `SELECT toString(${bucketSql(bucket, 'day')}) AS bucket_at, kind, ${SUMS} ${from}
        GROUP BY bucket_at, kind ORDER BY bucket_at`,
      params,
      [...NUMERIC],
    );
    const perBot = await this.reader.rows<UsageRow & { bot_id: string; bot_name: string }>(
      `SELECT bot_id, anyLast(bot_name) AS bot_name, kind, ${SUMS} ${from} GROUP BY bot_id, kind`,
      params,
      [...NUMERIC],
    );
    const [spread] = await this.reader.rows<{ n: number; mean: number; stddev: number }>(
      `SELECT toFloat64(count()) AS n, avg(c) AS mean, stddevPop(c) AS stddev
         FROM (SELECT customer_id, sumMerge(cost) AS c ${from} AND customer_id != '' GROUP BY customer_id)`,
      params,
      ['n', 'mean', 'stddev'],
    );
    const topCustomers = await this.reader.rows<{ customer_id: string }>(
      `SELECT customer_id ${from} AND customer_id != ''
        GROUP BY customer_id ORDER BY sumMerge(cost) DESC, customer_id LIMIT {limit:UInt32}`,
      { ...params, limit: query.limit ?? 10 },
    );
    const top = topCustomers.map((c) => c.customer_id);
    const perCustomer = top.length
      ? await this.reader.rows<UsageRow & { customer_id: string; customer_name: string }>(
          `SELECT customer_id, anyLast(customer_name) AS customer_name, kind, ${SUMS} ${from}
             AND customer_id IN {customers:Array(String)} GROUP BY customer_id, kind`,
          { ...params, customers: top },
          [...NUMERIC],
        )
      : [];

    const totals = zero();
    const days = new Map<string, CostDay>();
    for (const row of perDay) {
      const label = bucketLabel(bucket, row.bucket_at);
      addUsage(days.get(label) ?? days.set(label, { bucket: label, ...zero() }).get(label)!, row);
      addUsage(totals, row);
    }
    const bots = new Map<string, BotCost>();
    for (const row of perBot) {
      const bot = bots.get(row.bot_id) ?? { botId: row.bot_id, botName: row.bot_name, ...zero() };
      bots.set(row.bot_id, addUsage(bot, row) as BotCost);
    }
    const { n = 0, mean = 0, stddev = 0 } = spread ?? {};
    const customers = new Map<string, CustomerCost>();
    for (const row of perCustomer) {
      const customer = customers.get(row.customer_id) ?? {
        customerId: row.customer_id,
        customerName: row.customer_name,
        ...zero(),
        zScore: null,
        outlier: false,
      };
      customers.set(row.customer_id, addUsage(customer, row) as CustomerCost);
    }
    for (const customer of customers.values()) {
      customer.zScore = stddev > 0 ? rounded((customer.costUsd - mean) / stddev, 2) : null;
      customer.outlier = customer.zScore !== null && customer.zScore >= 3;
    }
    return {
      from: range.fromDay.slice(0, 10),
      to: range.toDay.slice(0, 10),
      bucket,
      totals,
      days: [...days.values()],
      bots: [...bots.values()].sort(
        (a, b) => b.costUsd - a.costUsd || a.botId.localeCompare(b.botId),
      ),
      customers: {
        count: n,
        meanCostUsd: rounded(mean, 6),
        stddevCostUsd: rounded(stddev, 6),
        top: top.map((id) => customers.get(id)!).filter(Boolean),
      },
    };
  }
}
