import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import {
  ServerEvents,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type SlaTargetView,
} from '@cxgenie/contracts';
import { request } from '../api/client';
import type { Page, Ticket, TicketHistoryEntry } from '../api/types';
import {
  Badge,
  Button,
  Empty,
  FormError,
  PageHeader,
  QueryView,
  SelectField,
  Saved,
  fieldError,
} from '../components/ui';
import { dateTime, relativeTime } from '../lib/format';
import { memberName, useMembers } from '../lib/members';
import { useSocketEvent } from '../realtime/use-live';
import { useSession } from '../session/use-session';

const SLA_TONE: Record<SlaTargetView['state'], string> = {
  none: 'neutral',
  running: 'info',
  paused: 'neutral',
  met: 'success',
  breached: 'danger',
};

function SlaClock({ label, view }: { label: string; view: SlaTargetView }) {
  const text =
    view.state === 'running' && view.dueAt
      ? `due ${relativeTime(view.dueAt)}`
      : view.state === 'breached'
        ? `breached ${relativeTime(view.breachedAt)}`
        : view.state === 'met'
          ? 'met'
          : view.state === 'paused'
            ? 'paused (waiting on customer)'
            : 'no target';
  return (
    <span className="sla" data-testid="sla-clock" data-state={view.state}>
      <Badge tone={SLA_TONE[view.state]}>{label}</Badge> {text}
    </span>
  );
}

function TicketDetail({ ticketId }: { ticketId: string }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const members = useMembers();
  const ticket = useQuery({
    queryKey: ['ticket', session?.workspaceId, ticketId],
    queryFn: () => request<Ticket>('GET', `/api/v1/tickets/${ticketId}`),
  });
  const history = useQuery({
    queryKey: ['ticket-history', session?.workspaceId, ticketId],
    queryFn: () =>
      request<Page<TicketHistoryEntry>>('GET', `/api/v1/tickets/${ticketId}/history?limit=50`),
  });
  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      request<Ticket>('PATCH', `/api/v1/tickets/${ticketId}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['ticket'] }),
  });
  const assign = useMutation({
    mutationFn: (assigneeId: string | null) =>
      request<Ticket>('POST', `/api/v1/tickets/${ticketId}/assign`, { assigneeId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['ticket'] }),
  });
  return (
    <QueryView query={ticket} loadingLabel="Loading the ticket…">
      {(t) => (
        <section className="card" data-testid="ticket-detail" aria-labelledby="ticket-title">
          <h2 id="ticket-title">{t.subject}</h2>
          <p>
            <SlaClock label="First response" view={t.sla.firstResponse} />{' '}
            <SlaClock label="Resolution" view={t.sla.resolution} />
          </p>
          <form
            className="form grid-3"
            data-testid="ticket-form"
            onSubmit={(event) => {
              event.preventDefault();
              const f = new FormData(event.currentTarget);
              update.mutate({ status: f.get('status'), priority: f.get('priority') });
            }}
          >
            <SelectField
              label="Status"
              name="status"
              defaultValue={t.status}
              options={TICKET_STATUSES}
              error={fieldError(update.error, 'status')}
            />
            <SelectField
              label="Priority"
              name="priority"
              defaultValue={t.priority}
              options={TICKET_PRIORITIES}
              error={fieldError(update.error, 'priority')}
            />
            <div className="form-actions">
              <Button type="submit" variant="primary" busy={update.isPending}>
                Save
              </Button>
              <Saved when={update.isSuccess} />
            </div>
          </form>
          <FormError error={update.error ?? assign.error} />
          <SelectField
            label="Assignee"
            name="assigneeId"
            value={t.assigneeId ?? ''}
            onChange={(event) => assign.mutate(event.target.value || null)}
            options={[
              { value: '', label: 'Unassigned' },
              ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email })),
            ]}
          />
          <p>
            <Link href={`/inbox/${t.conversationId}`}>Open the conversation</Link>
          </p>
          <h3>History</h3>
          <QueryView query={history}>
            {(page) => (
              <ol className="history">
                {page.items.map((e) => (
                  <li key={e.id}>
                    <span className="muted">{dateTime(e.createdAt)}</span>{' '}
                    {e.type.replace(/[._]/g, ' ')} ·{' '}
                    {e.actorType === 'agent' ? memberName(members.data, e.actorId) : e.actorType}
                  </li>
                ))}
              </ol>
            )}
          </QueryView>
        </section>
      )}
    </QueryView>
  );
}

export default function Tickets() {
  const { ticketId } = useParams<{ ticketId?: string }>();
  const session = useSession();
  const queryClient = useQueryClient();
  const members = useMembers();
  const [status, setStatus] = useState('open');
  const tickets = useQuery({
    queryKey: ['tickets', session?.workspaceId, status],
    queryFn: () =>
      request<Page<Ticket>>('GET', `/api/v1/tickets?limit=100${status ? `&status=${status}` : ''}`),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['tickets'] });
  useSocketEvent(ServerEvents.TicketUpdated, refresh);
  useSocketEvent(ServerEvents.TicketAssigned, refresh);
  useSocketEvent(ServerEvents.HandoffCreated, refresh);
  useSocketEvent(ServerEvents.SlaBreached, refresh);
  return (
    <div className="page">
      <PageHeader
        title="Tickets"
        description="Conversations handed to people, with their SLA clocks."
      />
      <SelectField
        label="Show"
        name="status-filter"
        value={status}
        onChange={(event) => setStatus(event.target.value)}
        options={[
          { value: '', label: 'All statuses' },
          ...TICKET_STATUSES.map((s) => ({ value: s, label: s })),
        ]}
      />
      {ticketId && <TicketDetail key={ticketId} ticketId={ticketId} />}
      <QueryView query={tickets} loadingLabel="Loading tickets…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No tickets" />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="tickets-table">
                <caption className="sr-only">Tickets</caption>
                <thead>
                  <tr>
                    <th scope="col">Subject</th>
                    <th scope="col">Status</th>
                    <th scope="col">Priority</th>
                    <th scope="col">Assignee</th>
                    <th scope="col">SLA</th>
                    <th scope="col">Opened</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((t) => (
                    <tr key={t.id} data-testid="ticket-row">
                      <td>
                        <Link href={`/tickets/${t.id}`}>{t.subject}</Link>
                      </td>
                      <td>{t.status}</td>
                      <td>{t.priority}</td>
                      <td>{memberName(members.data, t.assigneeId)}</td>
                      <td>
                        <SlaClock label="1st" view={t.sla.firstResponse} />{' '}
                        <SlaClock label="Res." view={t.sla.resolution} />
                      </td>
                      <td>{relativeTime(t.createdAt)}</td>
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
