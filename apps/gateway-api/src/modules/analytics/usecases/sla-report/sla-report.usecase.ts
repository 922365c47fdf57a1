import { Injectable } from '@nestjs/common';
import { AnalyticsTables } from '@cxgenie/analytics';
import { AnalyticsReader, ratio, rounded } from '../../analytics-reader';
import type { BucketedQuery } from '../../dto/report-query.dto';
import {
  type Bucket,
  allowedBucket,
  bucketLabel,
  bucketSql,
  reportRange,
} from '../../report-range';

export interface SlaRow {
  bucket: string;
  firstResponses: number;
  firstResponsesWithinTarget: number;
  /** Share of first responses within their target. */
  firstResponseRate: number | null;
  averageFirstResponseSeconds: number | null;
  resolved: number;
  resolvedWithinTarget: number;
  resolutionRate: number | null;
  averageResolutionSeconds: number | null;
  /** Targets crossed with nothing done yet (reported by the SLA check when they pass). */
  firstResponseBreaches: number;
  resolutionBreaches: number;
}

export interface SlaReport {
  from: string;
  to: string;
  bucket: Bucket;
  rows: SlaRow[];
}

interface Row extends Record<string, unknown> {
  bucket_at: string;
  first_responses: number;
  first_within: number;
  first_seconds: number;
  resolved: number;
  resolved_within: number;
  resolution_seconds: number;
}

const empty = (bucket: string): SlaRow => ({
  bucket,
  firstResponses: 0,
  firstResponsesWithinTarget: 0,
  firstResponseRate: null,
  averageFirstResponseSeconds: null,
  resolved: 0,
  resolvedWithinTarget: 0,
  resolutionRate: null,
  averageResolutionSeconds: null,
  firstResponseBreaches: 0,
  resolutionBreaches: 0,
});

/** First responses and resolutions within target, per day (or week, month): every ticket, assigned or not. */
@Injectable()
export class SlaReportUseCase {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: BucketedQuery): Promise<SlaReport> {
    const range = reportRange(query.from, query.to);
    const bucket = allowedBucket(query.bucket ?? 'day', ['day', 'week', 'month']);
    const met = await this.reader.rows<Row>(
      `SELECT toString(${bucketSql(bucket, 'day')}) AS bucket_at,
              toFloat64(sumMerge(first_responses)) AS first_responses,
              toFloat64(sumMerge(first_responses_within_target)) AS first_within,
              sumMerge(first_response_seconds) AS first_seconds,
              toFloat64(sumMerge(resolved)) AS resolved,
              toFloat64(sumMerge(resolved_within_target)) AS resolved_within,
              sumMerge(resolution_seconds) AS resolution_seconds
         FROM ${AnalyticsTables.AgentDaily}
        WHERE workspace_id = {workspaceId:String}
          AND day >= toDate({fromDay:String}) AND day < toDate({toDay:String})
        GROUP BY bucket_at ORDER BY bucket_at`,
      { workspaceId, fromDay: range.fromDay, toDay: range.toDay },
      [
        'first_responses',
        'first_within',
        'first_seconds',
        'resolved',
        'resolved_within',
        'resolution_seconds',
      ],
    );
    const breaches = await this.reader.rows<{ bucket_at: string; target: string; n: number }>(
      `SELECT toString(${bucketSql(bucket, 'local_time')}) AS bucket_at, outcome AS target,
              toFloat64(count()) AS n
         FROM ${AnalyticsTables.Facts}
        WHERE workspace_id = {workspaceId:String} AND type = 'sla.breached'
          AND occurred_at >= {fromUtcBound:DateTime('UTC')} AND occurred_at < {toUtcBound:DateTime('UTC')}
          AND local_time >= {fromDay:DateTime('UTC')} AND local_time < {toDay:DateTime('UTC')}
        GROUP BY bucket_at, target`,
      {
        workspaceId,
        fromDay: range.fromDay,
        toDay: range.toDay,
        fromUtcBound: range.fromUtcBound,
        toUtcBound: range.toUtcBound,
      },
      ['n'],
    );
    const rows = new Map<string, SlaRow>();
    for (const r of met) {
      const label = bucketLabel(bucket, r.bucket_at);
      rows.set(label, {
        ...empty(label),
        firstResponses: r.first_responses,
        firstResponsesWithinTarget: r.first_within,
        firstResponseRate: ratio(r.first_within, r.first_responses),
        averageFirstResponseSeconds:
          r.first_responses > 0 ? rounded(r.first_seconds / r.first_responses, 1) : null,
        resolved: r.resolved,
        resolvedWithinTarget: r.resolved_within,
        resolutionRate: ratio(r.resolved_within, r.resolved),
        averageResolutionSeconds:
          r.resolved > 0 ? rounded(r.resolution_seconds / r.resolved, 1) : null,
      });
    }
    for (const b of breaches) {
      const label = bucketLabel(bucket, b.bucket_at);
      const row = rows.get(label) ?? empty(label);
      if (b.target === 'first_response') row.firstResponseBreaches += b.n;
      else row.resolutionBreaches += b.n;
      rows.set(label, row);
    }
    return {
      from: range.fromDay.slice(0, 10),
      to: range.toDay.slice(0, 10),
      bucket,
      rows: [...rows.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)),
    };
  }
}
