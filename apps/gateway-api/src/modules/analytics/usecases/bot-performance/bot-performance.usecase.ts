import { Injectable } from '@nestjs/common';
import { AnalyticsTables } from '@cxgenie/analytics';
import { AnalyticsReader, ratio, rounded } from '../../analytics-reader';
import type { BotPerformanceQuery } from '../../dto/report-query.dto';
import { reportRange } from '../../report-range';

export interface BotPerformanceRow {
  botId: string;
  botName: string;
  customerMessages: number;
  conversations: number;
  /** Questions the bot took: answered, answered without enough information, left silent. */
  questions: number;
  answered: number;
  answeredWithoutInformation: number;
  unanswered: number;
  handoffs: number;
  /** answered / questions. */
  answerRate: number | null;
  /** handoffs / conversations. */
  handoffRate: number | null;
  averageWaitMs: number | null;
}

export interface UnansweredQuestion {
  question: string;
  times: number;
  lastAskedAt: string;
}

export interface BotPerformanceReport {
  from: string;
  to: string;
  bots: BotPerformanceRow[];
  /** Questions the bot could not answer from its knowledge, most asked first. */
  topUnanswered: UnansweredQuestion[];
}

interface Row extends Record<string, unknown> {
  bot_id: string;
  bot_name: string;
  customer: number;
  conversations: number;
  answered: number;
  without: number;
  unanswered: number;
  handoffs: number;
  wait_sum: number;
  waits: number;
}

/** Answer and handoff rates per bot (hourly view), and the questions it could not answer (raw). */
@Injectable()
export class BotPerformance {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: BotPerformanceQuery): Promise<BotPerformanceReport> {
    const range = reportRange(query.from, query.to);
    const botFilter = query.botId ? 'AND bot_id = {botId:String}' : '';
    const params = { workspaceId, ...range, ...(query.botId ? { botId: query.botId } : {}) };
    const rows = await this.reader.rows<Row>(
      `SELECT bot_id, anyLast(bot_name) AS bot_name,
              toFloat64(sumMerge(customer_messages)) AS customer,
              toFloat64(uniqMerge(conversations)) AS conversations,
              toFloat64(sumMerge(answered)) AS answered,
              toFloat64(sumMerge(answered_without_information)) AS without,
              toFloat64(sumMerge(unanswered)) AS unanswered,
              toFloat64(sumMerge(handoffs)) AS handoffs,
              toFloat64(sumMerge(wait_ms_sum)) AS wait_sum,
              toFloat64(sumMerge(waits)) AS waits
         FROM ${AnalyticsTables.BotHourly}
        WHERE workspace_id = {workspaceId:String}
          AND hour >= toStartOfHour(toDateTime({from:String}, 'UTC')) AND hour < {to:DateTime('UTC')}
          ${botFilter}
        GROUP BY bot_id
        ORDER BY customer DESC, bot_id`,
      params,
      [
        'customer',
        'conversations',
        'answered',
        'without',
        'unanswered',
        'handoffs',
        'wait_sum',
        'waits',
      ],
    );
    const top = await this.reader.rows<{ question: string; times: number; last_asked_at: string }>(
      `SELECT any(text) AS question, toUInt32(count()) AS times, toString(max(local_time)) AS last_asked_at
         FROM ${AnalyticsTables.Facts}
        WHERE workspace_id = {workspaceId:String}
          AND type IN ('message.unanswered', 'message.answered')
          AND occurred_at >= {fromUtcBound:DateTime('UTC')} AND occurred_at < {toUtcBound:DateTime('UTC')}
          AND local_time >= {from:DateTime('UTC')} AND local_time < {to:DateTime('UTC')}
          AND (type = 'message.unanswered' OR enough_information = 0) AND text != ''
          ${botFilter}
        GROUP BY lowerUTF8(trimBoth(text))
        ORDER BY times DESC, last_asked_at DESC
        LIMIT {limit:UInt32}`,
      { ...params, limit: query.limit ?? 10 },
      ['times'],
    );
    return {
      from: range.from.replace(' ', 'T'),
      to: range.to.replace(' ', 'T'),
      bots: rows.map((r) => {
        const questions = r.answered + r.without + r.unanswered;
        return {
          botId: r.bot_id,
          botName: r.bot_name,
          customerMessages: r.customer,
          conversations: r.conversations,
          questions,
          answered: r.answered,
          answeredWithoutInformation: r.without,
          unanswered: r.unanswered,
          handoffs: r.handoffs,
          answerRate: ratio(r.answered, questions),
          handoffRate: ratio(r.handoffs, r.conversations),
          averageWaitMs: r.waits > 0 ? rounded(r.wait_sum / r.waits, 1) : null,
        };
      }),
      topUnanswered: top.map((t) => ({
        question: t.question,
        times: t.times,
        lastAskedAt: t.last_asked_at.replace(' ', 'T'),
      })),
    };
  }
}
