import { Link, useParams } from 'wouter';
import { Badge, PageHeader, QueryView } from '../../components/ui';
import { useBot } from '../../lib/bots';
import { killSwitchOn } from '../../lib/flag-changes';
import { useBotFlags } from '../../lib/flags';
import { describeKnowledgeIndex } from '../../lib/knowledge-index';
import { ChannelConnectForm } from '../channel-connect';
import { BotSettingsForm } from './bot-settings-form';
import { KnowledgePanel } from './knowledge-panel';
import { Playground } from './playground';
import { WidgetSnippet } from './widget-snippet';

const TABS = [
  { id: 'knowledge', label: 'Knowledge' },
  { id: 'playground', label: 'Playground' },
  { id: 'settings', label: 'Settings' },
  { id: 'widget', label: 'Website widget' },
  { id: 'channels', label: 'Channels' },
] as const;

export default function BotDetail() {
  const { botId, tab = 'knowledge' } = useParams<{ botId: string; tab?: string }>();
  const bot = useBot(botId);
  return (
    <div className="page">
      <QueryView query={bot} loadingLabel="Loading bot…">
        {(b) => (
          <>
            <PageHeader
              title={b.name}
              description={`${b.llmProvider}/${b.llmModel}`}
              actions={<KillSwitchBadge botId={b.id} />}
            />
            <nav className="tabs" aria-label="Bot sections">
              {TABS.map((t) => (
                <Link
                  key={t.id}
                  href={`/bots/${b.id}/${t.id}`}
                  aria-current={t.id === tab ? 'page' : undefined}
                  data-testid={`bot-tab-${t.id}`}
                >
                  {t.label}
                </Link>
              ))}
            </nav>
            {tab === 'knowledge' && <IndexNotice report={b.knowledgeIndex} />}
            {tab === 'knowledge' && <KnowledgePanel botId={b.id} />}
            {tab === 'playground' && <Playground botId={b.id} />}
            {tab === 'settings' && (
              <section className="card">
                <BotSettingsForm key={b.id} bot={b} />
              </section>
            )}
            {tab === 'widget' && <WidgetSnippet bot={b} />}
            {tab === 'channels' && (
              <section className="card">
                <h2>Connect a channel to {b.name}</h2>
                <ChannelConnectForm defaultBotId={b.id} />
              </section>
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

const INDEX_BADGE = {
  success: 'Index complete',
  warning: 'Index needs attention',
  danger: 'Index incomplete',
  neutral: 'Index',
} as const;

/** The last check of the bot's search index (core-ai's reconciliation), when there is one. */
function IndexNotice({ report }: { report: Parameters<typeof describeKnowledgeIndex>[0] }) {
  const notice = describeKnowledgeIndex(report);
  if (!notice) return null;
  return (
    <p className="index-notice" role={notice.tone === 'danger' ? 'alert' : 'status'}>
      <Badge tone={notice.tone} data-testid="knowledge-index-state">
        {INDEX_BADGE[notice.tone]}
      </Badge>{' '}
      <span data-testid="knowledge-index-notice">{notice.text}</span>
    </p>
  );
}

/** Shown while the `bot-kill-switch` flag is on for the bot; follows pushed flag changes. */
function KillSwitchBadge({ botId }: { botId: string }) {
  const flags = useBotFlags(botId);
  if (!killSwitchOn(flags.data)) return null;
  return (
    <span title="New conversations go straight to your team while the bot-kill-switch flag is on">
      <Badge tone="danger" data-testid="bot-kill-switch">
        Paused by kill switch
      </Badge>
    </span>
  );
}
