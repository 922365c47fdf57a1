import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MEMBER_ROLES } from '@cxgenie/contracts';
import { api, unwrap } from '../../api/client';
import type { Member, Schemas } from '../../api/types';
import {
  Badge,
  Button,
  FormError,
  PageHeader,
  QueryView,
  Saved,
  SelectField,
  TextField,
  fieldError,
} from '../../components/ui';
import { relativeTime } from '../../lib/format';
import { useMembers } from '../../lib/members';
import { isAdmin, useMe, useSession } from '../../session/use-session';

function MemberRow({ member, canEdit }: { member: Member; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: Schemas['UpdateMemberDto']) =>
      unwrap(api.PATCH('/api/v1/members/{id}', { params: { path: { id: member.id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['members'] }),
  });
  return (
    <tr data-testid="member-row" data-user-id={member.userId}>
      <td>
        {member.name}
        <br />
        <span className="muted">{member.email}</span>
      </td>
      <td>
        <Badge tone={member.availability === 'online' ? 'success' : 'neutral'}>
          {member.availability}
        </Badge>
      </td>
      <td colSpan={2}>
        {canEdit ? (
          <form
            className="inline-form"
            data-testid="member-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const f = new FormData(event.currentTarget);
              save.mutate({
                role: f.get('role') as Member['role'],
                maxConcurrentConversations: Number(f.get('maxConcurrentConversations')),
              });
            }}
          >
            <SelectField
              label="Role"
              name="role"
              defaultValue={member.role}
              options={MEMBER_ROLES}
              error={fieldError(save.error, 'role')}
            />
            <TextField
              label="Capacity"
              name="maxConcurrentConversations"
              type="number"
              defaultValue={member.maxConcurrentConversations}
              hint="Conversations at once"
              error={fieldError(save.error, 'maxConcurrentConversations')}
            />
            <Button type="submit" busy={save.isPending}>
              Save<span className="sr-only"> {member.name}</span>
            </Button>
            <Saved when={save.isSuccess} />
            <FormError error={save.error} />
          </form>
        ) : (
          <>
            {member.role} · up to {member.maxConcurrentConversations} conversations
          </>
        )}
      </td>
      <td>{relativeTime(member.lastSeenAt)}</td>
    </tr>
  );
}

function Invitations() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [link, setLink] = useState<string | null>(null);
  const invitations = useQuery({
    queryKey: ['invitations', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/invitations', { params: { query: { limit: 100 } } })),
  });
  const invite = useMutation({
    mutationFn: (body: Schemas['CreateInvitationDto']) =>
      unwrap(api.POST('/api/v1/invitations', { body })),
    onSuccess: (created) => {
      setLink(`${window.location.origin}/app${created.acceptUrl}`);
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/invitations/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['invitations'] }),
  });
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a teammate</h2>
      <form
        className="inline-form"
        data-testid="invite-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const f = new FormData(event.currentTarget);
          invite.mutate({
            email: String(f.get('email')).trim(),
            role: f.get('role') as 'agent' | 'admin',
          });
        }}
      >
        <TextField
          label="Email"
          name="email"
          type="email"
          error={fieldError(invite.error, 'email')}
        />
        <SelectField
          label="Role"
          name="role"
          defaultValue="agent"
          options={['agent', 'admin']}
          error={fieldError(invite.error, 'role')}
        />
        <Button type="submit" variant="primary" busy={invite.isPending} data-testid="invite-submit">
          Invite
        </Button>
      </form>
      <FormError error={invite.error} />
      {link && (
        <p className="alert alert-info" role="status">
          Send this link to your teammate (shown once):{' '}
          <code data-testid="invite-link">{link}</code>
        </p>
      )}
      <QueryView query={invitations}>
        {(page) => (
          <ul className="list" data-testid="invitation-list">
            {page.items.map((i) => (
              <li key={i.id}>
                {i.email} · {i.role} · <Badge>{i.status}</Badge>{' '}
                {i.status === 'pending' && (
                  <Button variant="ghost" onClick={() => revoke.mutate(i.id)}>
                    Revoke<span className="sr-only"> invitation of {i.email}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

export default function Team() {
  const me = useMe();
  const members = useMembers();
  const admin = isAdmin(me.data?.role);
  return (
    <div className="page">
      <PageHeader
        title="Team"
        description="Who answers, their role and how many conversations each takes at once."
      />
      <QueryView query={members} loadingLabel="Loading members…">
        {(items) => (
          <div className="table-wrap">
            <table className="table" data-testid="members-table">
              <caption className="sr-only">Members</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Availability</th>
                  <th scope="col" colSpan={2}>
                    Role and capacity
                  </th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <MemberRow key={m.id} member={m} canEdit={admin} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      {admin && <Invitations />}
    </div>
  );
}
