import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { Empty, PageHeader, QueryView } from '../components/ui';
import { isAdmin, useMe, useSession } from '../session/use-session';
import { ChannelConnectForm, ChannelConnection, useChannelTypes } from './channel-connect';

export default function Channels() {
  const session = useSession();
  const me = useMe();
  const types = useChannelTypes();
  const channels = useQuery({
    queryKey: ['channels', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/channels', { params: { query: { limit: 100 } } })),
  });
  return (
    <div className="page">
      <PageHeader title="Channels" description="Where customers reach your bot and your team." />
      <QueryView query={channels} loadingLabel="Loading channels…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No channels connected">
              <p>The web widget works without one; connect a messaging platform below.</p>
            </Empty>
          ) : (
            <ul className="cards" data-testid="channel-list">
              {page.items.map((channel) => (
                <li key={channel.id} className="card">
                  <h2>
                    {channel.name} <span className="muted">· {channel.type}</span>
                  </h2>
                  <ChannelConnection
                    channel={channel}
                    info={types.data?.items.find((t) => t.type === channel.type)}
                    webhookBaseUrl={types.data?.webhookBaseUrl ?? ''}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {isAdmin(me.data?.role) && (
        <section className="card" aria-labelledby="connect-title">
          <h2 id="connect-title">Connect a channel</h2>
          <ChannelConnectForm />
        </section>
      )}
    </div>
  );
}
