import { Injectable } from '@nestjs/common';
import { AnalyticsTables } from '@cxgenie/analytics';
import { AnalyticsReader, ratio, rounded } from '../../analytics-reader';
import type { ReportRangeQuery } from '../../dto/report-query.dto';
import { reportRange } from '../../report-range';

export interface AgentPerformanceRow {
  agentId: string;
  agentName: string;
  /** Conversations the agent was assigned or wrote in. */
  conversationsHandled: number;
  ticketsAssigned: number;
  messagesSent: number;
  firstResponses: number;
  /** Mean time from a ticket's opening to the agent's first reply (pending time excluded). */
  averageFirstResponseSeconds: number | null;
  ticketsResolved: number;
  /** Tickets resolved / tickets assigned in the range (at most 1). */
  resolutionRate: number | null;
  averageResolutionSeconds: number | null;
  ratings: number;
  averageCsat: number | null;
}

export interface AgentPerformanceReport {
  from: string;
  to: string;
  agents: AgentPerformanceRow[];
}

interface Row extends Record<string, unknown> {
  agent_id: string;
  agent_name: string;
  conversations: number;
  assigned: number;
  messages: number;
  first_responses: number;
  first_response_seconds: number;
  resolved: number;
  resolution_seconds: number;
  ratings: number;
  rating_sum: number;
}

/**
 * The Agent Performance dashboard: per agent, response time, conversations handled, CSAT and
 * resolution rate over the range's whole days (the daily agent view).
 */
@Injectable()
export class AgentPerformance {
  constructor(private readonly reader: AnalyticsReader) {}

  async execute(workspaceId: string, query: ReportRangeQuery): Promise<AgentPerformanceReport> {
    const range = reportRange(query.from, query.to);
    const rows = await this.reader.rows<Row>(
      `SELECT agent_id, anyLast(agent_name) AS agent_name,
              toFloat64(uniqMerge(conversations)) AS conversations,
              toFloat64(sumMerge(assigned)) AS assigned,
              toFloat64(sumMerge(messages)) AS messages,
              toFloat64(sumMerge(first_responses)) AS first_responses,
              sumMerge(first_response_seconds) AS first_response_seconds,
              toFloat64(sumMerge(resolved)) AS resolved,
              sumMerge(resolution_seconds) AS resolution_seconds,
              toFloat64(sumMerge(ratings)) AS ratings,
              toFloat64(sumMerge(rating_sum)) AS rating_sum
         FROM ${AnalyticsTables.AgentDaily}
        WHERE workspace_id = {workspaceId:String} AND agent_id != ''
          AND day >= toDate({fromDay:String}) AND day < toDate({toDay:String})
        GROUP BY agent_id
        ORDER BY conversations DESC, agent_id`,
      { workspaceId, fromDay: range.fromDay, toDay: range.toDay },
      [
        'conversations',
        'assigned',
        'messages',
        'first_responses',
        'first_response_seconds',
        'resolved',
        'resolution_seconds',
        'ratings',
        'rating_sum',
      ],
    );
    return {
      from: range.fromDay.slice(0, 10),
      to: range.toDay.slice(0, 10),
      agents: rows.map((r) => ({
        agentId: r.agent_id,
        agentName: r.agent_name,
        conversationsHandled: r.conversations,
        ticketsAssigned: r.assigned,
        messagesSent: r.messages,
        firstResponses: r.first_responses,
        averageFirstResponseSeconds:
          r.first_responses > 0 ? rounded(r.first_response_seconds / r.first_responses, 1) : null,
        ticketsResolved: r.resolved,
        resolutionRate: r.assigned > 0 ? Math.min(1, ratio(r.resolved, r.assigned)!) : null,
        averageResolutionSeconds:
          r.resolved > 0 ? rounded(r.resolution_seconds / r.resolved, 1) : null,
        ratings: r.ratings,
        averageCsat: r.ratings > 0 ? rounded(r.rating_sum / r.ratings, 2) : null,
      })),
    };
  }
}
