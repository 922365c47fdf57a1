import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { BarList, ColumnChart, RateBar } from '../../components/charts';
import { Badge, Empty, ErrorState, Loading, SelectField } from '../../components/ui';
import {
  type DayRange,
  availabilityByAgent,
  bucketName,
  bucketsBetween,
  costBucket,
  csatGrid,
  formatAverage,
  formatCount,
  formatHours,
  formatRate,
  formatUsd,
  reportQuery,
  volumeBucket,
  volumeByGroup,
  volumeSeries,
  volumeTotals,
} from '../../lib/analytics';
import { duration } from '../../lib/format';
import { useSession } from '../../session/use-session';

type Schemas = components['schemas'];

/** One report's query, keyed by workspace, report and parameters. */
function useReport<T>(name: string, params: Record<string, unknown>, fetch: () => Promise<T>) {
  const session = useSession();
  return useQuery({
    queryKey: ['analytics', session?.workspaceId, name, params],
    queryFn: fetch,
    staleTime: 30_000,
  });
}

/** A report's card: its title, then loading, error, empty or the report. */
function ReportCard<T extends { from: string; to: string }>({
  title,
  name,
  query,
  isEmpty,
  emptyText,
  actions,
  children,
}: {
  title: string;
  name: string;
  query: UseQueryResult<T>;
  isEmpty: (data: T) => boolean;
  emptyText: string;
  actions?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const id = useId();
  const data = query.data;
  return (
    <section
      className="card report"
      aria-labelledby={id}
      aria-busy={query.isFetching || undefined}
      data-testid={`report-${name}`}
      data-from={data?.from}
      data-to={data?.to}
      data-state={query.isPending ? 'loading' : query.error ? 'error' : 'ready'}
    >
      <header className="report-header">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      {query.isPending ? (
        <Loading label={`Loading ${title.toLowerCase()}…`} />
      ) : query.error || !data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : isEmpty(data) ? (
        <Empty title={emptyText}>
          <p className="muted">Try a longer range.</p>
        </Empty>
      ) : (
        children(data)
      )}
    </section>
  );
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="tile">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

const VOLUME_SERIES = [{ name: 'Customer' }, { name: 'Bot' }, { name: 'Agent' }];

export function MessageVolumeReport({ range }: { range: DayRange }) {
  const [groupBy, setGroupBy] = useState<'bot' | 'channel'>('bot');
  const bucket = volumeBucket(range);
  const params = { ...reportQuery(range), bucket, groupBy };
  const query = useReport('messages', params, () =>
    unwrap(api.GET('/api/v1/analytics/messages', { params: { query: params } })),
  );
  return (
    <ReportCard<Schemas['MessageVolumeResponse']>
      title="Message volume"
      name="messages"
      query={query}
      isEmpty={(d) => d.rows.length === 0}
      emptyText="No messages in this range"
      actions={
        <SelectField
          label="Split by"
          name="groupBy"
          value={groupBy}
          options={[
            { value: 'bot', label: 'Bot' },
            { value: 'channel', label: 'Channel' },
          ]}
          onChange={(event) => setGroupBy(event.target.value as 'bot' | 'channel')}
        />
      }
    >
      {(report) => {
        const totals = volumeTotals(report.rows);
        const series = volumeSeries(report.rows, bucketsBetween(params.from, params.to, bucket));
        return (
          <>
            <dl className="tiles">
              <Tile
                label="Customer messages"
                value={formatCount(totals.customerMessages)}
                testId="volume-customer"
              />
              <Tile
                label="Bot replies"
                value={formatCount(totals.botMessages)}
                testId="volume-bot"
              />
              <Tile
                label="Agent replies"
                value={formatCount(totals.agentMessages)}
                testId="volume-agent"
              />
            </dl>
            <ColumnChart
              testId="volume-chart"
              label={`Messages per ${bucket}: ${formatCount(totals.total)} in all, ${formatCount(
                totals.customerMessages,
              )} from customers, ${formatCount(totals.botMessages)} from bots, ${formatCount(
                totals.agentMessages,
              )} from agents.`}
              series={VOLUME_SERIES}
              points={series.map((p) => ({
                label: bucketName(p.bucket, bucket),
                values: [p.customerMessages, p.botMessages, p.agentMessages],
              }))}
              format={formatCount}
              integer
            />
            <div className="table-wrap">
              <table className="table compact" data-testid="volume-groups">
                <caption className="sr-only">Messages per {groupBy}</caption>
                <thead>
                  <tr>
                    <th scope="col">{groupBy === 'bot' ? 'Bot' : 'Channel'}</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Bot</th>
                    <th scope="col">Agent</th>
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {volumeByGroup(report.rows).map((g) => (
                    <tr key={g.key} data-testid="volume-group" data-key={g.key}>
                      <th scope="row">{g.name || g.key}</th>
                      <td>{formatCount(g.customerMessages)}</td>
                      <td>{formatCount(g.botMessages)}</td>
                      <td>{formatCount(g.agentMessages)}</td>
                      <td>{formatCount(g.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        );
      }}
    </ReportCard>
  );
}

export function BotPerformanceReport({ range }: { range: DayRange }) {
  const params = { ...reportQuery(range), limit: 10 };
  const query = useReport('bots', params, () =>
    unwrap(api.GET('/api/v1/analytics/bots', { params: { query: params } })),
  );
  return (
    <ReportCard<Schemas['BotPerformanceResponse']>
      title="Bot answers and handoffs"
      name="bots"
      query={query}
      isEmpty={(d) => d.bots.length === 0 && d.topUnanswered.length === 0}
      emptyText="No bot conversations in this range"
    >
      {(report) => (
        <>
          <div className="table-wrap">
            <table className="table compact" data-testid="bot-table">
              <caption className="sr-only">Answer and handoff rates per bot</caption>
              <thead>
                <tr>
                  <th scope="col">Bot</th>
                  <th scope="col">Conversations</th>
                  <th scope="col">Questions</th>
                  <th scope="col">Answered</th>
                  <th scope="col">Answer rate</th>
                  <th scope="col">Handoffs</th>
                  <th scope="col">Handoff rate</th>
                </tr>
              </thead>
              <tbody>
                {report.bots.map((b) => (
                  <tr key={b.botId} data-testid="bot-row" data-bot-id={b.botId}>
                    <th scope="row">{b.botName || b.botId}</th>
                    <td data-testid="bot-conversations">{formatCount(b.conversations)}</td>
                    <td data-testid="bot-questions">{formatCount(b.questions)}</td>
                    <td data-testid="bot-answered">{formatCount(b.answered)}</td>
                    <td>
                      <RateBar rate={b.answerRate} />{' '}
                      <span data-testid="bot-answer-rate">{formatRate(b.answerRate)}</span>
                    </td>
                    <td data-testid="bot-handoffs">{formatCount(b.handoffs)}</td>
                    <td>
                      <RateBar rate={b.handoffRate} />{' '}
                      <span data-testid="bot-handoff-rate">{formatRate(b.handoffRate)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Top unanswered questions</h3>
          {report.topUnanswered.length === 0 ? (
            <p className="muted" data-testid="unanswered-none">
              Every question in this range had an answer.
            </p>
          ) : (
            <ol className="unanswered" data-testid="unanswered">
              {report.topUnanswered.map((q) => (
                <li key={q.question} data-testid="unanswered-question">
                  <span data-testid="unanswered-text">{q.question}</span>{' '}
                  <span className="muted">
                    asked <span data-testid="unanswered-times">{formatCount(q.times)}</span>{' '}
                    {q.times === 1 ? 'time' : 'times'}, last {q.lastAskedAt.replace('T', ' ')}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </ReportCard>
  );
}

const seconds = (s: number | null) => (s === null ? '—' : duration(s));

export function AgentPerformanceReport({ range }: { range: DayRange }) {
  const params = reportQuery(range);
  const query = useReport('agents', params, () =>
    unwrap(api.GET('/api/v1/analytics/agents', { params: { query: params } })),
  );
  return (
    <ReportCard<Schemas['AgentPerformanceResponse']>
      title="Agent performance"
      name="agents"
      query={query}
      isEmpty={(d) => d.agents.length === 0}
      emptyText="No agent handled a conversation in this range"
    >
      {(report) => (
        <>
          <BarList
            label={`Conversations handled per agent: ${report.agents
              .map((a) => `${a.agentName || 'Unknown agent'} ${a.conversationsHandled}`)
              .join(', ')}.`}
            series={[{ name: 'Conversations handled' }]}
            items={report.agents.map((a) => ({
              label: a.agentName || 'Unknown agent',
              values: [a.conversationsHandled],
            }))}
            format={formatCount}
          />
          <div className="table-wrap">
            <table className="table compact" data-testid="agent-table">
              <caption className="sr-only">Performance per agent</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Conversations</th>
                  <th scope="col">Messages</th>
                  <th scope="col">Avg. first response</th>
                  <th scope="col">Resolved</th>
                  <th scope="col">Resolution rate</th>
                  <th scope="col">CSAT</th>
                </tr>
              </thead>
              <tbody>
                {report.agents.map((a) => (
                  <tr key={a.agentId} data-testid="agent-row" data-agent-id={a.agentId}>
                    <th scope="row">{a.agentName || 'Unknown agent'}</th>
                    <td data-testid="agent-handled">{formatCount(a.conversationsHandled)}</td>
                    <td data-testid="agent-messages">{formatCount(a.messagesSent)}</td>
                    <td data-testid="agent-first-response">
                      {seconds(a.averageFirstResponseSeconds)}
                    </td>
                    <td data-testid="agent-resolved">{formatCount(a.ticketsResolved)}</td>
                    <td>
                      <RateBar rate={a.resolutionRate} />{' '}
                      <span data-testid="agent-resolution-rate">
                        {formatRate(a.resolutionRate)}
                      </span>
                    </td>
                    <td data-testid="agent-csat">{formatAverage(a.averageCsat)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ReportCard>
  );
}

export function CsatReport({ range }: { range: DayRange }) {
  const params = { ...reportQuery(range), bucket: 'week' as const };
  const query = useReport('csat', params, () =>
    unwrap(api.GET('/api/v1/analytics/csat', { params: { query: params } })),
  );
  return (
    <ReportCard<Schemas['CsatResponse']>
      title="Customer satisfaction"
      name="csat"
      query={query}
      isEmpty={(d) => d.ratings === 0}
      emptyText="No ratings in this range"
    >
      {(report) => {
        const grid = csatGrid(report.rows, bucketsBetween(params.from, params.to, 'week'));
        const scores = ['5', '4', '3', '2', '1'];
        return (
          <>
            <dl className="tiles">
              <Tile
                label="Average rating (1–5)"
                value={formatAverage(report.average)}
                testId="csat-average"
              />
              <Tile label="Ratings" value={formatCount(report.ratings)} testId="csat-ratings" />
            </dl>
            <BarList
              testId="csat-distribution"
              label={`Ratings by score: ${scores
                .map((s) => `${s} stars ${report.distribution[s] ?? 0}`)
                .join(', ')}.`}
              series={[{ name: 'Ratings' }]}
              items={scores.map((s) => ({
                label: `${s} ★`,
                values: [report.distribution[s] ?? 0],
              }))}
              format={formatCount}
            />
            <h3>Average by agent, week by week</h3>
            <div className="table-wrap">
              <table className="table compact csat-grid" data-testid="csat-grid">
                <caption className="sr-only">
                  Average rating per agent for each week starting on the Monday shown
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Agent</th>
                    {grid.buckets.map((b) => (
                      <th scope="col" key={b}>
                        <span className="sr-only">Week of </span>
                        {bucketName(b, 'week')}
                      </th>
                    ))}
                    <th scope="col">Range</th>
                  </tr>
                </thead>
                <tbody>
                  {grid.agents.map((a) => (
                    <tr key={a.agentId} data-testid="csat-agent" data-agent-id={a.agentId}>
                      <th scope="row">{a.agentId ? a.agentName || 'Unknown agent' : 'No agent'}</th>
                      {a.cells.map((cell, i) => (
                        <td
                          key={grid.buckets[i]}
                          data-testid="csat-cell"
                          data-bucket={grid.buckets[i]}
                          className={cell ? `csat-${Math.round(cell.average ?? 0)}` : undefined}
                        >
                          {cell ? (
                            <>
                              {formatAverage(cell.average)}{' '}
                              <span className="muted">({formatCount(cell.ratings)})</span>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      ))}
                      <td data-testid="csat-agent-average">{formatAverage(a.average)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        );
      }}
    </ReportCard>
  );
}

const AVAILABILITY_SERIES = [{ name: 'Online' }, { name: 'Idle' }];

export function AvailabilityReport({ range }: { range: DayRange }) {
  const params = reportQuery(range);
  const query = useReport('availability', params, () =>
    unwrap(api.GET('/api/v1/analytics/availability', { params: { query: params } })),
  );
  return (
    <ReportCard<Schemas['AvailabilityResponse']>
      title="Agent availability"
      name="availability"
      query={query}
      isEmpty={(d) => d.rows.length === 0}
      emptyText="No agent was online in this range"
    >
      {(report) => {
        const agents = availabilityByAgent(report.rows);
        return (
          <>
            <BarList
              label={`Hours online and idle per agent: ${agents
                .map(
                  (a) =>
                    `${a.agentName || 'Unknown agent'} ${formatHours(a.onlineSeconds)} online, ${formatHours(
                      a.idleSeconds,
                    )} idle`,
                )
                .join('; ')}.`}
              series={AVAILABILITY_SERIES}
              items={agents.map((a) => ({
                label: a.agentName || 'Unknown agent',
                values: [a.onlineSeconds, a.idleSeconds],
              }))}
              format={formatHours}
            />
            <div className="table-wrap">
              <table className="table compact" data-testid="availability-table">
                <caption className="sr-only">Time online and idle per agent</caption>
                <thead>
                  <tr>
                    <th scope="col">Agent</th>
                    <th scope="col">Online</th>
                    <th scope="col">Idle</th>
                  </tr>
                </thead>
                <tbody>
                  {agents.map((a) => (
                    <tr key={a.agentId} data-testid="availability-row" data-agent-id={a.agentId}>
                      <th scope="row">{a.agentName || 'Unknown agent'}</th>
                      <td data-testid="availability-online">{formatHours(a.onlineSeconds)}</td>
                      <td data-testid="availability-idle">{formatHours(a.idleSeconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        );
      }}
    </ReportCard>
  );
}

export function CostReport({ range }: { range: DayRange }) {
  const bucket = costBucket(range);
  const params = { ...reportQuery(range), bucket, limit: 10 };
  const query = useReport('costs', params, () =>
    unwrap(api.GET('/api/v1/analytics/costs', { params: { query: params } })),
  );
  return (
    <ReportCard<Schemas['CostResponse']>
      title="Model cost"
      name="costs"
      query={query}
      isEmpty={(d) => d.totals.llmCalls === 0 && d.totals.embeddingCalls === 0}
      emptyText="No model usage in this range"
    >
      {(report) => {
        const byBucket = new Map(report.days.map((d) => [d.bucket, d.costUsd]));
        const labels = bucketsBetween(params.from, params.to, bucket);
        return (
          <>
            <dl className="tiles">
              <Tile label="Cost" value={formatUsd(report.totals.costUsd)} testId="cost-total" />
              <Tile
                label="LLM tokens"
                value={formatCount(
                  report.totals.llmPromptTokens + report.totals.llmCompletionTokens,
                )}
                testId="cost-llm-tokens"
              />
              <Tile
                label="Embedding tokens"
                value={formatCount(report.totals.embeddingTokens)}
                testId="cost-embedding-tokens"
              />
            </dl>
            <ColumnChart
              label={`Cost per ${bucket}: ${formatUsd(report.totals.costUsd)} in all.`}
              series={[{ name: 'Cost' }]}
              points={labels.map((l) => ({
                label: bucketName(l, bucket),
                values: [byBucket.get(l) ?? 0],
              }))}
              format={formatUsd}
            />
            <div className="grid-2 report-tables">
              <div className="table-wrap">
                <table className="table compact" data-testid="cost-bots">
                  <caption>Per bot</caption>
                  <thead>
                    <tr>
                      <th scope="col">Bot</th>
                      <th scope="col">LLM calls</th>
                      <th scope="col">Cost</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.bots.map((b) => (
                      <tr key={b.botId} data-testid="cost-bot" data-bot-id={b.botId}>
                        <th scope="row">{b.botName || b.botId || 'No bot'}</th>
                        <td data-testid="cost-bot-calls">{formatCount(b.llmCalls)}</td>
                        <td data-testid="cost-bot-usd">{formatUsd(b.costUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="table-wrap">
                <table className="table compact" data-testid="cost-customers">
                  <caption>
                    Most expensive customers ({formatCount(report.customers.count)} in all)
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Customer</th>
                      <th scope="col">Cost</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.customers.top.map((c) => (
                      <tr
                        key={c.customerId}
                        data-testid="cost-customer"
                        data-customer-id={c.customerId}
                      >
                        <th scope="row">
                          {c.customerName || 'Anonymous visitor'}{' '}
                          {c.outlier && (
                            <Badge tone="warning" data-testid="cost-outlier">
                              outlier
                            </Badge>
                          )}
                        </th>
                        <td data-testid="cost-customer-usd">{formatUsd(c.costUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </>
        );
      }}
    </ReportCard>
  );
}
