import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request, unwrap } from '../../api/client';
import type { SlaPolicy } from '../../api/types';
import {
  Button,
  FormError,
  PageHeader,
  QueryView,
  Saved,
  TextField,
  fieldError,
} from '../../components/ui';
import { duration } from '../../lib/format';
import { useSession } from '../../session/use-session';

function WorkspaceForm() {
  const session = useSession();
  const queryClient = useQueryClient();
  const workspace = useQuery({
    queryKey: ['workspace', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/workspace')),
  });
  const save = useMutation({
    mutationFn: (body: { name: string; timezone: string }) =>
      unwrap(api.PATCH('/api/v1/workspace', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['workspace'] });
      void queryClient.invalidateQueries({ queryKey: ['my-workspaces'] });
    },
  });
  return (
    <QueryView query={workspace}>
      {(w) => (
        <form
          className="form"
          data-testid="workspace-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const f = new FormData(event.currentTarget);
            save.mutate({ name: String(f.get('name')), timezone: String(f.get('timezone')) });
          }}
        >
          <FormError error={save.error} />
          <TextField
            label="Workspace name"
            name="name"
            defaultValue={w.name}
            error={fieldError(save.error, 'name')}
          />
          <TextField
            label="Time zone"
            name="timezone"
            defaultValue={w.timezone}
            hint="An IANA zone such as Europe/Berlin."
            error={fieldError(save.error, 'timezone')}
          />
          <p className="muted">
            Data kept in a {w.tenancyMode} database · slug {w.slug}
          </p>
          <div className="form-actions">
            <Button
              type="submit"
              variant="primary"
              busy={save.isPending}
              data-testid="workspace-save"
            >
              Save
            </Button>
            <Saved when={save.isSuccess} />
          </div>
        </form>
      )}
    </QueryView>
  );
}

function SlaPolicyForm({ policy }: { policy: SlaPolicy }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: { firstResponseSeconds: number; resolutionSeconds: number }) =>
      request<SlaPolicy>('PUT', `/api/v1/sla-policies/${policy.priority}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sla-policies'] }),
  });
  return (
    <form
      className="inline-form sla-form"
      data-testid="sla-form"
      data-priority={policy.priority}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        save.mutate({
          firstResponseSeconds: Math.round(Number(f.get('firstResponseMinutes')) * 60),
          resolutionSeconds: Math.round(Number(f.get('resolutionHours')) * 3600),
        });
      }}
    >
      <h3>{policy.priority}</h3>
      <TextField
        label="First response (minutes)"
        name="firstResponseMinutes"
        type="number"
        step="any"
        defaultValue={policy.firstResponseSeconds / 60}
        hint={duration(policy.firstResponseSeconds)}
        error={fieldError(save.error, 'firstResponseSeconds')}
      />
      <TextField
        label="Resolution (hours)"
        name="resolutionHours"
        type="number"
        step="any"
        defaultValue={policy.resolutionSeconds / 3600}
        hint={duration(policy.resolutionSeconds)}
        error={fieldError(save.error, 'resolutionSeconds')}
      />
      <Button type="submit" busy={save.isPending}>
        Save<span className="sr-only"> {policy.priority} targets</span>
      </Button>
      <Saved when={save.isSuccess} />
      <FormError error={save.error} />
    </form>
  );
}

export default function WorkspaceSettings() {
  const session = useSession();
  const policies = useQuery({
    queryKey: ['sla-policies', session?.workspaceId],
    queryFn: () => request<{ items: SlaPolicy[] }>('GET', '/api/v1/sla-policies'),
  });
  return (
    <div className="page">
      <PageHeader title="Workspace & SLAs" />
      <section className="card" aria-labelledby="ws-title">
        <h2 id="ws-title">Workspace</h2>
        <WorkspaceForm />
      </section>
      <section className="card" aria-labelledby="sla-title">
        <h2 id="sla-title">SLA targets by priority</h2>
        <p className="muted">
          Clocks run while a ticket is open and pause while it waits on the customer.
        </p>
        <QueryView query={policies}>
          {(list) => (
            <div className="stack">
              {list.items.map((p) => (
                <SlaPolicyForm
                  key={`${p.priority}-${p.firstResponseSeconds}-${p.resolutionSeconds}`}
                  policy={p}
                />
              ))}
            </div>
          )}
        </QueryView>
      </section>
    </div>
  );
}
