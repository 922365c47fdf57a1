import { Injectable } from '@nestjs/common';
import { AnalyticsTables } from '@cxgenie/analytics';
import { AnalyticsReader } from '../../analytics-reader';
import type { MessageVolumeQuery } from '../../dto/report-query.dto';
import {
  type Bucket,
  allowedBucket,
  bucketLabel,
  bucketSql,
  reportRange,
} from '../../report-range';

export interface MessageVolumeRow {
  /** Start of the bucket, local time. */
  bucket: string;
  /** The bot's id, or the channel type. */
  key: string;
  name: string;
  customerMessages: number;
  botMessages: number;
  agentMessages: number;
  total: number;
}

export interface MessageVolumeReport {
  from: string;
  to: string;
  bucket: Bucket;
  groupBy: 'bot' | 'channel';
  rows: MessageVolumeRow[];
}

interface Row extends Record<string, unknown> {
  bucket_at: string;
  key: string;
  name: string;
  customer: number;
  bot: number;
  agent: number;
}

/** Messages by customers, the bot and agents, per hour or day, per bot or channel (hourly view). */
@Injectable()
export class MessageVolume {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: MessageVolumeQuery): Promise<MessageVolumeReport> {
    const range = reportRange(query.from, query.to);
    const bucket = allowedBucket(query.bucket ?? 'day', ['hour', 'day']);
    const groupBy = query.groupBy ?? 'bot';
    const [key, name] =
      groupBy === 'bot' ? ['bot_id', 'anyLast(bot_name)'] : ['channel_type', 'channel_type'];
    const rows = await this.reader.rows<Row>(
      `SELECT toString(${bucketSql(bucket, 'hour')}) AS bucket_at, ${key} AS key, ${name} AS name,
              toFloat64(sumMerge(customer_messages)) AS customer,
              toFloat64(sumMerge(bot_messages)) AS bot,
              toFloat64(sumMerge(agent_messages)) AS agent
         FROM ${AnalyticsTables.BotHourly}
        WHERE workspace_id = {workspaceId:String}
          AND hour >= toStartOfHour(toDateTime({from:String}, 'UTC'))
          AND hour < {to:DateTime('UTC')}
          ${query.botId ? 'AND bot_id = {botId:String}' : ''}
        GROUP BY bucket_at, key
        ORDER BY bucket_at, key`,
      {
        workspaceId,
        from: range.from,
        to: range.to,
        ...(query.botId ? { botId: query.botId } : {}),
      },
      ['customer', 'bot', 'agent'],
    );
    return {
      from: range.from.replace(' ', 'T'),
      to: range.to.replace(' ', 'T'),
      bucket,
      groupBy,
      rows: rows.map((r) => ({
        bucket: bucketLabel(bucket, r.bucket_at),
        key: r.key,
        name: r.name,
        customerMessages: r.customer,
        botMessages: r.bot,
        agentMessages: r.agent,
        total: r.customer + r.bot + r.agent,
      })),
    };
  }
}
