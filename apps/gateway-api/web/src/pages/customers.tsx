import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { api, request, unwrap } from '../api/client';
import type { Conversation, Page } from '../api/types';
import { Empty, PageHeader, QueryView, TextField } from '../components/ui';
import { relativeTime } from '../lib/format';
import { useSession } from '../session/use-session';

function CustomerDetail({ customerId }: { customerId: string }) {
  const session = useSession();
  const customer = useQuery({
    queryKey: ['customer', session?.workspaceId, customerId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id: customerId } } })),
  });
  // The inbox list has no customer filter: the customer's conversations are found among the latest.
  const conversations = useQuery({
    queryKey: ['customer-conversations', session?.workspaceId, customerId],
    queryFn: () => request<Page<Conversation>>('GET', '/api/v1/conversations?limit=100'),
    select: (page) => page.items.filter((c) => c.customer.id === customerId),
  });
  return (
    <QueryView query={customer} loadingLabel="Loading the customer…">
      {(c) => (
        <section className="card" data-testid="customer-detail" aria-labelledby="customer-title">
          <h2 id="customer-title">{c.name || c.email || 'Anonymous visitor'}</h2>
          <dl className="facts">
            <dt>Email</dt>
            <dd>{c.email ?? '—'}</dd>
            <dt>Phone</dt>
            <dd>{c.phone ?? '—'}</dd>
            <dt>Channels</dt>
            <dd>{c.identities.map((i) => i.channelType).join(', ') || '—'}</dd>
            <dt>First seen</dt>
            <dd>{relativeTime(c.createdAt)}</dd>
          </dl>
          <h3>Conversations</h3>
          <QueryView query={conversations}>
            {(items) =>
              items.length === 0 ? (
                <Empty title="No recent conversation" />
              ) : (
                <ul data-testid="customer-conversations">
                  {items.map((conv) => (
                    <li key={conv.id}>
                      <Link href={`/inbox/${conv.id}`}>
                        {conv.channel.type} · {conv.status} · {relativeTime(conv.lastMessageAt)}
                      </Link>{' '}
                      <span className="muted">{conv.lastMessage?.text}</span>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryView>
        </section>
      )}
    </QueryView>
  );
}

export default function Customers() {
  const { customerId } = useParams<{ customerId?: string }>();
  const session = useSession();
  const [search, setSearch] = useState('');
  const customers = useQuery({
    queryKey: ['customers', session?.workspaceId, search],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/customers', {
          params: { query: { limit: 100, ...(search ? { q: search } : {}) } },
        }),
      ),
  });
  return (
    <div className="page">
      <PageHeader title="Customers" />
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(String(new FormData(event.currentTarget).get('q')).trim());
        }}
      >
        <TextField label="Find a customer" name="q" placeholder="Name or email" />
      </form>
      {customerId && <CustomerDetail key={customerId} customerId={customerId} />}
      <QueryView query={customers} loadingLabel="Loading customers…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No customers yet" />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="customers-table">
                <caption className="sr-only">Customers</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Tags</th>
                    <th scope="col">Since</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.id} data-testid="customer-row">
                      <td>
                        <Link href={`/customers/${c.id}`}>{c.name || 'Anonymous visitor'}</Link>
                      </td>
                      <td>{c.email ?? '—'}</td>
                      <td>{c.tags.join(', ')}</td>
                      <td>{relativeTime(c.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </div>
  );
}
