import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, request, unwrap } from '../api/client';
import type { Channel, ChannelTypeInfo, Conversation, Page, Schemas } from '../api/types';
import {
  Badge,
  Button,
  FormError,
  QueryView,
  SelectField,
  TextField,
  fieldError,
} from '../components/ui';
import { relativeTime } from '../lib/format';
import { type FormField, type ObjectSchema, fieldsOf, valuesOf } from '../lib/json-schema-form';
import { useBots } from '../lib/bots';
import { useSession } from '../session/use-session';

export function useChannelTypes() {
  return useQuery({
    queryKey: ['channel-types'],
    queryFn: () => unwrap(api.GET('/api/v1/channel-types')),
    staleTime: Infinity,
  });
}

function SchemaFields({ fields, error }: { fields: FormField[]; error: unknown }) {
  return (
    <>
      {fields.map((field) =>
        field.input === 'select' ? (
          <SelectField
            key={field.path}
            label={field.label}
            name={field.path}
            required={field.required}
            options={field.options ?? []}
            hint={field.hint}
            error={fieldError(error, field.path)}
          />
        ) : (
          <TextField
            key={field.path}
            label={field.required ? field.label : `${field.label} (optional)`}
            name={field.path}
            type={field.input}
            required={field.required}
            pattern={field.pattern}
            minLength={field.minLength}
            maxLength={field.maxLength}
            autoComplete={field.input === 'password' ? 'off' : undefined}
            hint={field.hint}
            error={fieldError(error, field.path)}
          />
        ),
      )}
    </>
  );
}

/** Where to point the platform, and whether messages arrive. */
export function ChannelConnection({
  channel,
  info,
  webhookBaseUrl,
}: {
  channel: Channel;
  info?: ChannelTypeInfo;
  webhookBaseUrl: string;
}) {
  const session = useSession();
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/channels/{id}/rotate-webhook-secret', {
          params: { path: { id: channel.id } },
        }),
      ),
    onSuccess: (result) => setSecret(result.webhookSecret),
  });
  const last = useQuery({
    queryKey: ['channel-last-conversation', session?.workspaceId, channel.id],
    queryFn: () =>
      request<Page<Conversation>>('GET', `/api/v1/conversations?channelId=${channel.id}&limit=1`),
  });
  const lastAt = last.data?.items[0]?.lastMessageAt ?? null;
  const webhookUrl = `${webhookBaseUrl}${channel.webhookPath}`;
  return (
    <div className="connection" data-testid="channel-connection" data-channel-id={channel.id}>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <Badge tone={channel.isActive ? 'success' : 'neutral'} data-testid="channel-status">
            {channel.isActive ? 'Active' : 'Paused'}
          </Badge>{' '}
          <span className="muted" data-testid="channel-last-message">
            {last.isPending
              ? ''
              : lastAt
                ? `Last message ${relativeTime(lastAt)}`
                : 'No message received yet'}
          </span>
        </dd>
        <dt>Credentials set</dt>
        <dd>{channel.configuredCredentials.join(', ') || 'none'}</dd>
        {info?.webhookSetup !== 'none' && (
          <>
            <dt>Webhook URL</dt>
            <dd>
              <code data-testid="webhook-url">{webhookUrl}</code>
            </dd>
          </>
        )}
      </dl>
      {info?.webhookSetup === 'paste-in-meta-app' && (
        <p className="muted">
          In your Meta app’s webhook settings, paste the URL above as the callback URL and the
          verify token you entered here; subscribe to the messages field.
        </p>
      )}
      {info?.webhookSetup === 'registered-by-us' && (
        <p className="muted">
          We registered this webhook with the platform when the channel was saved.
        </p>
      )}
      {info?.webhookSetup !== 'none' && (
        <div>
          <Button
            onClick={() => rotate.mutate()}
            busy={rotate.isPending}
            data-testid="rotate-secret"
          >
            {secret ? 'Generate another secret' : 'Show a new webhook secret'}
          </Button>
          {secret && (
            <p className="alert alert-info" role="status">
              Webhook secret (shown once): <code data-testid="webhook-secret">{secret}</code>
            </p>
          )}
          <FormError error={rotate.error} />
        </div>
      )}
    </div>
  );
}

/** A form for one channel type, generated from the JSON Schemas its adapter declares. */
export function ChannelConnectForm({
  defaultBotId,
  onConnected,
}: {
  defaultBotId?: string;
  onConnected?: (c: Channel) => void;
}) {
  const types = useChannelTypes();
  const bots = useBots();
  const queryClient = useQueryClient();
  const [type, setType] = useState('telegram');
  const [created, setCreated] = useState<Channel | null>(null);
  const connect = useMutation({
    mutationFn: (body: Schemas['CreateChannelDto']) =>
      unwrap(api.POST('/api/v1/channels', { body })),
    onSuccess: (channel) => {
      setCreated(channel);
      void queryClient.invalidateQueries({ queryKey: ['channels'] });
      onConnected?.(channel);
    },
  });
  return (
    <QueryView query={types} loadingLabel="Loading channel types…">
      {(catalogue) => {
        const info = catalogue.items.find((t) => t.type === type);
        const credentialFields = fieldsOf(info?.credentialsSchema as ObjectSchema, 'credentials');
        const settingFields = fieldsOf(info?.settingsSchema as ObjectSchema, 'settings');
        return (
          <div className="stack">
            <form
              className="form"
              data-testid="channel-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                const f = new FormData(event.currentTarget);
                const externalId = String(f.get('externalId') ?? '').trim();
                connect.mutate({
                  type: type as Channel['type'],
                  name: String(f.get('name')),
                  botId: String(f.get('botId')) || null,
                  ...(externalId ? { externalId } : {}),
                  credentials: valuesOf(credentialFields, f),
                  settings: valuesOf(settingFields, f),
                });
              }}
            >
              <FormError error={connect.error} />
              <SelectField
                label="Platform"
                name="type"
                value={type}
                onChange={(event) => {
                  setType(event.target.value);
                  setCreated(null);
                  connect.reset();
                }}
                options={catalogue.items
                  .filter((t) => t.type !== 'web')
                  .map((t) => ({ value: t.type, label: t.label }))}
              />
              <TextField
                label="Channel name"
                name="name"
                placeholder={`${info?.label ?? ''} support`}
                error={fieldError(connect.error, 'name')}
              />
              <SelectField
                label="Bot that answers"
                name="botId"
                defaultValue={defaultBotId ?? bots.data?.[0]?.id ?? ''}
                options={[
                  { value: '', label: 'No bot (agents only)' },
                  ...(bots.data ?? []).map((b) => ({ value: b.id, label: b.name })),
                ]}
                error={fieldError(connect.error, 'botId')}
              />
              <TextField
                label="Account id on the platform (optional)"
                name="externalId"
                hint="The page id, phone number id or bot username."
                error={fieldError(connect.error, 'externalId')}
              />
              {credentialFields.length > 0 && (
                <fieldset>
                  <legend>Credentials</legend>
                  <SchemaFields fields={credentialFields} error={connect.error} />
                </fieldset>
              )}
              {settingFields.length > 0 && (
                <fieldset>
                  <legend>Settings</legend>
                  <SchemaFields fields={settingFields} error={connect.error} />
                </fieldset>
              )}
              <Button
                type="submit"
                variant="primary"
                busy={connect.isPending}
                data-testid="channel-connect"
              >
                Connect {info?.label}
              </Button>
            </form>
            {created && (
              <section className="card" aria-label="Connection" data-testid="channel-created">
                <h3>{created.name} is connected</h3>
                <ChannelConnection
                  channel={created}
                  info={info}
                  webhookBaseUrl={catalogue.webhookBaseUrl}
                />
              </section>
            )}
          </div>
        );
      }}
    </QueryView>
  );
}
