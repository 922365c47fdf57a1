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

interface Work {
  /** Ingestion runs finished (succeeded or failed). */
  runs: number;
  failures: number;
  pages: number;
  chunks: number;
  /** Time the runs took, failed ones included. */
  seconds: number;
}

export interface IngestionRow extends Work {
  bucket: string;
  botId: string;
  botName: string;
}

export interface IngestionReport {
  from: string;
  to: string;
  bucket: Bucket;
  totals: Work;
  rows: IngestionRow[];
}

interface Row extends Record<string, unknown> {
  bucket_at: string;
  bot_id: string;
  bot_name: string;
  runs: number;
  failures: number;
  pages: number;
  chunks: number;
  seconds: number;
}

const NUMERIC = ['runs', 'failures', 'pages', 'chunks', 'seconds'] as const;

/**
 * What the loader did for each bot per day (or week, month): runs, failures, pages, chunks and
 * time. From the raw `ingestion.completed` facts: a few per source and day, no pre-aggregation
 * is worth its upkeep.
 */
@Injectable()
export class IngestionReportUseCase {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: BucketedQuery): Promise<IngestionReport> {
    const range = reportRange(query.from, query.to);
    const bucket = allowedBucket(query.bucket ?? 'day', ['day', 'week', 'month']);
    const rows = await this.reader.rows<Row>(
      `SELECT toString(${bucketSql(bucket, 'local_time')}) AS bucket_at, bot_id,
              anyLast(bot_name) AS bot_name,
              toFloat64(count()) AS runs,
              toFloat64(countIf(outcome = 'failed')) AS failures,
              toFloat64(sum(pages)) AS pages,
              toFloat64(sum(chunks)) AS chunks,
              sum(seconds) AS seconds
         FROM ${AnalyticsTables.Facts}
        WHERE workspace_id = {workspaceId:String} AND type = 'ingestion.completed'
          AND occurred_at >= {fromUtcBound:DateTime('UTC')} AND occurred_at < {toUtcBound:DateTime('UTC')}
          AND local_time >= {fromDay:DateTime('UTC')} AND local_time < {toDay:DateTime('UTC')}
        GROUP BY bucket_at, bot_id
        ORDER BY bucket_at, bot_id`,
      {
        workspaceId,
        fromDay: range.fromDay,
        toDay: range.toDay,
        fromUtcBound: range.fromUtcBound,
        toUtcBound: range.toUtcBound,
      },
      [...NUMERIC],
    );
    const totals: Work = { runs: 0, failures: 0, pages: 0, chunks: 0, seconds: 0 };
    for (const row of rows) for (const key of NUMERIC) totals[key] += row[key];
    totals.seconds = rounded(totals.seconds, 3);
    return {
      from: range.fromDay.slice(0, 10),
      to: range.toDay.slice(0, 10),
      bucket,
      totals,
      rows: rows.map((row) => ({
        bucket: bucketLabel(bucket, row.bucket_at),
        botId: row.bot_id,
        botName: row.bot_name,
        runs: row.runs,
        failures: row.failures,
        pages: row.pages,
        chunks: row.chunks,
        seconds: rounded(row.seconds, 3),
      })),
    };
  }
}
