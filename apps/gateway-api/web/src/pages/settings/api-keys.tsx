import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Schemas } from '../../api/types';
import {
  Badge,
  Button,
  Empty,
  FormError,
  PageHeader,
  QueryView,
  SelectField,
  TextField,
  fieldError,
} from '../../components/ui';
import { relativeTime } from '../../lib/format';
import { useSession } from '../../session/use-session';

export default function ApiKeys() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<Schemas['CreatedApiKeyResponse'] | null>(null);
  const keys = useQuery({
    queryKey: ['api-keys', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/api-keys', { params: { query: { limit: 100 } } })),
  });
  const create = useMutation({
    mutationFn: (body: Schemas['CreateApiKeyDto']) =>
      unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: (key) => {
      setCreated(key);
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  return (
    <div className="page">
      <PageHeader
        title="API keys"
        description="For your own systems: send as x-api-key or Bearer."
      />
      <section className="card" aria-labelledby="new-key-title">
        <h2 id="new-key-title">New key</h2>
        <form
          className="inline-form"
          data-testid="api-key-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const f = new FormData(event.currentTarget);
            create.mutate({
              name: String(f.get('name')),
              role: f.get('role') as 'admin' | 'agent',
            });
          }}
        >
          <TextField
            label="Name"
            name="name"
            placeholder="CRM sync"
            error={fieldError(create.error, 'name')}
          />
          <SelectField
            label="Role"
            name="role"
            defaultValue="agent"
            options={['agent', 'admin']}
            error={fieldError(create.error, 'role')}
          />
          <Button
            type="submit"
            variant="primary"
            busy={create.isPending}
            data-testid="api-key-create"
          >
            Create key
          </Button>
        </form>
        <FormError error={create.error} />
        {created && (
          <p className="alert alert-info" role="status">
            Copy it now; it will not be shown again:{' '}
            <code data-testid="api-key-secret">{created.key}</code>
          </p>
        )}
      </section>
      <QueryView query={keys} loadingLabel="Loading keys…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No API keys" />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="api-keys-table">
                <caption className="sr-only">API keys</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Key</th>
                    <th scope="col">Role</th>
                    <th scope="col">Last used</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((k) => (
                    <tr key={k.id} data-testid="api-key-row">
                      <td>{k.name}</td>
                      <td>
                        <code>{k.prefix}…</code>
                      </td>
                      <td>{k.role}</td>
                      <td>
                        {k.revokedAt ? (
                          <Badge tone="danger">revoked</Badge>
                        ) : (
                          relativeTime(k.lastUsedAt)
                        )}
                      </td>
                      <td>
                        {!k.revokedAt && (
                          <Button variant="danger" onClick={() => revoke.mutate(k.id)}>
                            Revoke<span className="sr-only"> {k.name}</span>
                          </Button>
                        )}
                      </td>
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
