import { Injectable } from '@nestjs/common';
import { AnalyticsTables } from '@cxgenie/analytics';
import { AnalyticsReader, rounded } from '../../analytics-reader';
import type { ReportRangeQuery } from '../../dto/report-query.dto';
import { reportRange } from '../../report-range';

export interface AvailabilityRow {
  day: string;
  agentId: string;
  agentName: string;
  onlineSeconds: number;
  idleSeconds: number;
}

export interface AvailabilityReport {
  from: string;
  to: string;
  rows: AvailabilityRow[];
}

type Tracked = 'online' | 'idle';
const TRACKED: readonly string[] = ['online', 'idle'];
const DAY_S = 86_400;

const epochOf = (local: string): number => Date.parse(`${local.replace(' ', 'T')}Z`) / 1000;
const dayOf = (epoch: number): string =>
  new Date(Math.floor(epoch / DAY_S) * DAY_S * 1000).toISOString().slice(0, 10);

/**
 * Time online and idle per agent per local day: the closed intervals from the daily view, plus
 * each agent's current one (since their last change, up to now), which no fact has closed yet.
 */
@Injectable()
export class AvailabilityReportUseCase {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: ReportRangeQuery): Promise<AvailabilityReport> {
    const range = reportRange(query.from, query.to);
    const closed = await this.reader.rows<{
      day_text: string;
      agent_id: string;
      agent_name: string;
      availability: string;
      seconds: number;
    }>(
      `SELECT toString(day) AS day_text, agent_id, anyLast(agent_name) AS agent_name, availability,
              sumMerge(time_seconds) AS seconds
         FROM ${AnalyticsTables.AvailabilityDaily}
        WHERE workspace_id = {workspaceId:String} AND availability IN ('online', 'idle')
          AND day >= toDate({fromDay:String}) AND day < toDate({toDay:String})
        GROUP BY day_text, agent_id, availability`,
      { workspaceId, fromDay: range.fromDay, toDay: range.toDay },
      ['seconds'],
    );
    // Each agent's latest change: what they are now, since when (local), and their zone's offset.
    const current = await this.reader.rows<{
      agent_id: string;
      agent_name: string;
      status: string;
      since: string;
      offset_s: number;
    }>(
      `SELECT agent_id, anyLast(agent_name) AS agent_name,
              argMax(outcome, occurred_at) AS status,
              toString(max(local_time)) AS since,
              toInt64(max(local_time)) - toInt64(toDateTime(max(occurred_at))) AS offset_s
         FROM ${AnalyticsTables.Facts}
        WHERE workspace_id = {workspaceId:String} AND type = 'agent.availability'
        GROUP BY agent_id`,
      { workspaceId },
      ['offset_s'],
    );
    const rows = new Map<string, AvailabilityRow>();
    const add = (day: string, agentId: string, name: string, status: Tracked, seconds: number) => {
      const key = `${day}|${agentId}`;
      const row = rows.get(key) ?? {
        day,
        agentId,
        agentName: name,
        onlineSeconds: 0,
        idleSeconds: 0,
      };
      if (status === 'online') row.onlineSeconds += seconds;
      else row.idleSeconds += seconds;
      rows.set(key, row);
    };
    for (const r of closed)
      add(r.day_text, r.agent_id, r.agent_name, r.availability as Tracked, r.seconds);
    const rangeStart = epochOf(range.fromDay);
    const rangeEnd = epochOf(range.toDay);
    for (const agent of current) {
      if (!TRACKED.includes(agent.status)) continue;
      const nowLocal = Date.now() / 1000 + agent.offset_s;
      let start = Math.max(epochOf(agent.since), rangeStart);
      const end = Math.min(nowLocal, rangeEnd);
      while (start < end) {
        const dayEnd = Math.min(end, (Math.floor(start / DAY_S) + 1) * DAY_S);
        add(
          dayOf(start),
          agent.agent_id,
          agent.agent_name,
          agent.status as Tracked,
          dayEnd - start,
        );
        start = dayEnd;
      }
    }
    return {
      from: range.fromDay.slice(0, 10),
      to: range.toDay.slice(0, 10),
      rows: [...rows.values()]
        .map((r) => ({
          ...r,
          onlineSeconds: rounded(r.onlineSeconds, 0),
          idleSeconds: rounded(r.idleSeconds, 0),
        }))
        .sort((a, b) => a.day.localeCompare(b.day) || a.agentId.localeCompare(b.agentId)),
    };
  }
}
