import { useQuery } from '@tanstack/react-query';
import { useLocation, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import { Empty, Loading, PageHeader, QueryView } from '../../components/ui';
import { rangeFromSearch, searchOfRange, todayIn } from '../../lib/analytics';
import { isAdmin, useMe, useSession } from '../../session/use-session';
import { RangePicker } from './range-picker';
import {
  AgentPerformanceReport,
  AvailabilityReport,
  BotPerformanceReport,
  CostReport,
  CsatReport,
  MessageVolumeReport,
} from './reports';

function Reports({ timeZone }: { timeZone: string }) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const { preset, range } = rangeFromSearch(search, todayIn(timeZone));
  return (
    <>
      <RangePicker
        preset={preset}
        range={range}
        timeZone={timeZone}
        onChange={(next, custom) =>
          navigate(`/analytics?${searchOfRange(next, custom)}`, { replace: true })
        }
      />
      <MessageVolumeReport range={range} />
      <BotPerformanceReport range={range} />
      <AgentPerformanceReport range={range} />
      <CsatReport range={range} />
      <AvailabilityReport range={range} />
      <CostReport range={range} />
    </>
  );
}

export default function Analytics() {
  const session = useSession();
  const me = useMe();
  const workspace = useQuery({
    queryKey: ['workspace', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/workspace')),
  });
  return (
    <div className="page analytics" data-testid="analytics-page">
      <PageHeader
        title="Analytics"
        description="How the bots and the team are doing: messages, answers and handoffs, agents, satisfaction, availability and model cost."
      />
      {me.isPending ? (
        <Loading />
      ) : me.data && !isAdmin(me.data.role) ? (
        <Empty title="Analytics is for admins">
          <p className="muted">Ask an owner or admin of this workspace for access.</p>
        </Empty>
      ) : (
        <QueryView query={workspace} loadingLabel="Loading the workspace…">
          {(w) => <Reports timeZone={w.timezone} />}
        </QueryView>
      )}
    </div>
  );
}
