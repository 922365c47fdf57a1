import { Injectable } from '@nestjs/common';
import { AnalyticsTables, NEGATIVE_SENTIMENT_BELOW } from '@cxgenie/analytics';
import { AnalyticsReader, ratio, rounded } from '../../analytics-reader';
import type { MessageVolumeQuery } from '../../dto/report-query.dto';
import {
  type Bucket,
  allowedBucket,
  bucketLabel,
  bucketSql,
  reportRange,
} from '../../report-range';

export interface SentimentRow {
  bucket: string;
  botId: string;
  botName: string;
  /** Conversations with a judged customer message in the bucket. */
  conversations: number;
  /** Those whose customer messages averaged below the negative threshold. */
  negativeConversations: number;
  negativeShare: number | null;
  /** Mean of the conversations' mean sentiment, in [-1, 1]. */
  averageSentiment: number | null;
  messages: number;
}

export interface SentimentReport {
  from: string;
  to: string;
  bucket: Bucket;
  /** A conversation is negative when its customer messages average below this. */
  negativeBelow: number;
  rows: SentimentRow[];
}

interface Row extends Record<string, unknown> {
  bucket_at: string;
  bot_id: string;
  bot_name: string;
  conversations: number;
  negative: number;
  mean: number;
  messages: number;
}

/**
 * The share of negative conversations per bot and week (or day, month): each conversation's
 * customer messages averaged within the bucket, read from the raw facts (one row per message).
 */
@Injectable()
export class SentimentTrend {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: MessageVolumeQuery): Promise<SentimentReport> {
    const range = reportRange(query.from, query.to);
    const bucket = allowedBucket(query.bucket ?? 'week', ['day', 'week', 'month']);
    const rows = await this.reader.rows<Row>(
      `SELECT toString(bucket_at) AS bucket_at, bot_id, anyLast(bot_name) AS bot_name,
              toFloat64(count()) AS conversations,
              toFloat64(countIf(mean_sentiment < {negativeBelow:Float64})) AS negative,
              avg(mean_sentiment) AS mean,
              toFloat64(sum(messages)) AS messages
         FROM (
           SELECT ${bucketSql(bucket, 'local_time')} AS bucket_at, bot_id, conversation_id,
                  anyLast(bot_name) AS bot_name, avg(sentiment) AS mean_sentiment, count() AS messages
             FROM ${AnalyticsTables.Facts}
            WHERE workspace_id = {workspaceId:String} AND type = 'message.received'
              AND occurred_at >= {fromUtcBound:DateTime('UTC')} AND occurred_at < {toUtcBound:DateTime('UTC')}
              AND local_time >= {from:DateTime('UTC')} AND local_time < {to:DateTime('UTC')}
              AND sentiment_source != ''
              ${query.botId ? 'AND bot_id = {botId:String}' : ''}
            GROUP BY bucket_at, bot_id, conversation_id
         )
        GROUP BY bucket_at, bot_id
        ORDER BY bucket_at, bot_id`,
      {
        workspaceId,
        from: range.from,
        to: range.to,
        fromUtcBound: range.fromUtcBound,
        toUtcBound: range.toUtcBound,
        negativeBelow: NEGATIVE_SENTIMENT_BELOW,
        ...(query.botId ? { botId: query.botId } : {}),
      },
      ['conversations', 'negative', 'mean', 'messages'],
    );
    return {
      from: range.from.replace(' ', 'T'),
      to: range.to.replace(' ', 'T'),
      bucket,
      negativeBelow: NEGATIVE_SENTIMENT_BELOW,
      rows: rows.map((r) => ({
        bucket: bucketLabel(bucket, r.bucket_at),
        botId: r.bot_id,
        botName: r.bot_name,
        conversations: r.conversations,
        negativeConversations: r.negative,
        negativeShare: ratio(r.negative, r.conversations),
        averageSentiment: r.conversations > 0 ? rounded(r.mean, 3) : null,
        messages: r.messages,
      })),
    };
  }
}
