import { Injectable } from '@nestjs/common';
import { AnalyticsTables } from '@cxgenie/analytics';
import { AnalyticsReader, rounded } from '../../analytics-reader';
import type { BucketedQuery } from '../../dto/report-query.dto';
import {
  type Bucket,
  allowedBucket,
  bucketLabel,
  bucketSql,
  reportRange,
} from '../../report-range';

export interface CsatRow {
  bucket: string;
  /** '' for ratings of conversations no agent had (the bot's). */
  agentId: string;
  agentName: string;
  ratings: number;
  average: number | null;
}

export interface CsatReport {
  from: string;
  to: string;
  bucket: Bucket;
  rows: CsatRow[];
  /** How many ratings of each score, 1 to 5, over the range. */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  ratings: number;
  average: number | null;
}

const SCORES = ['1', '2', '3', '4', '5'] as const;

/** Average CSAT by agent by week (or day, month), and the distribution of scores (daily view). */
@Injectable()
export class CsatReportUseCase {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: BucketedQuery): Promise<CsatReport> {
    const range = reportRange(query.from, query.to);
    const bucket = allowedBucket(query.bucket ?? 'week', ['day', 'week', 'month']);
    const params = { workspaceId, fromDay: range.fromDay, toDay: range.toDay };
    const where = `workspace_id = {workspaceId:String}
          AND day >= toDate({fromDay:String}) AND day < toDate({toDay:String})`;
    const rows = await this.reader.rows<{
      bucket_at: string;
      agent_id: string;
      agent_name: string;
      ratings: number;
      rating_sum: number;
    }>(
      `SELECT toString(${bucketSql(bucket, 'day')}) AS bucket_at, agent_id,
              anyLast(agent_name) AS agent_name,
              toFloat64(sumMerge(ratings)) AS ratings, toFloat64(sumMerge(rating_sum)) AS rating_sum
         FROM ${AnalyticsTables.CsatDaily}
        WHERE ${where}
        GROUP BY bucket_at, agent_id
        ORDER BY bucket_at, agent_id`,
      params,
      ['ratings', 'rating_sum'],
    );
    const [totals] = await this.reader.rows<Record<string, number>>(
      `SELECT toFloat64(sumMerge(ratings)) AS ratings, toFloat64(sumMerge(rating_sum)) AS rating_sum,
              ${SCORES.map((s) => `toFloat64(sumMerge(rated_${s})) AS r${s}`).join(', ')}
         FROM ${AnalyticsTables.CsatDaily}
        WHERE ${where}`,
      params,
      ['ratings', 'rating_sum', ...SCORES.map((s) => `r${s}`)],
    );
    const total = totals ?? {};
    return {
      from: range.fromDay.slice(0, 10),
      to: range.toDay.slice(0, 10),
      bucket,
      rows: rows.map((r) => ({
        bucket: bucketLabel(bucket, r.bucket_at),
        agentId: r.agent_id,
        agentName: r.agent_name,
        ratings: r.ratings,
        average: r.ratings > 0 ? rounded(r.rating_sum / r.ratings, 2) : null,
      })),
      distribution: Object.fromEntries(SCORES.map((s) => [s, total[`r${s}`] ?? 0])) as Record<
        (typeof SCORES)[number],
        number
      >,
      ratings: total['ratings'] ?? 0,
      average:
        (total['ratings'] ?? 0) > 0 ? rounded(total['rating_sum']! / total['ratings']!, 2) : null,
    };
  }
}
