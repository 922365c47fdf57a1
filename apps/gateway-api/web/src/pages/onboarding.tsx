import { Link, useLocation, useParams, useSearch } from 'wouter';
import { Button, Loading, PageHeader } from '../components/ui';
import { useBot, useBots } from '../lib/bots';
import { ChannelConnectForm } from './channel-connect';
import { CreateBotForm } from './bots/create-bot-form';
import { KnowledgePanel } from './bots/knowledge-panel';
import { Playground } from './bots/playground';
import { WidgetSnippet } from './bots/widget-snippet';

const STEPS = [
  { id: 'bot', label: 'Create a bot' },
  { id: 'knowledge', label: 'Add knowledge' },
  { id: 'try', label: 'Try it' },
  { id: 'widget', label: 'Add it to your site' },
  { id: 'channel', label: 'Connect a channel' },
] as const;
type StepId = (typeof STEPS)[number]['id'];

/** Five steps from an empty workspace to a bot answering on a website and a messaging app. */
export default function Onboarding() {
  const { step = 'bot' } = useParams<{ step?: StepId }>();
  const search = useSearch();
  const [, navigate] = useLocation();
  const bots = useBots();
  const botId = new URLSearchParams(search).get('bot') ?? bots.data?.[0]?.id;
  const bot = useBot(step === 'bot' ? undefined : botId);
  const index = Math.max(
    0,
    STEPS.findIndex((s) => s.id === step),
  );
  const go = (next: StepId, id = botId) => navigate(`/onboarding/${next}${id ? `?bot=${id}` : ''}`);
  const nextStep = STEPS[index + 1];
  return (
    <div className="page onboarding">
      <PageHeader
        title="Set up your support bot"
        description="About five minutes, start to finish."
      />
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li
            key={s.id}
            aria-current={s.id === step ? 'step' : undefined}
            className={i < index ? 'done' : ''}
          >
            <span className="step-number" aria-hidden="true">
              {i + 1}
            </span>
            {s.label}
          </li>
        ))}
      </ol>
      {step === 'bot' && (
        <section className="card" data-testid="onboarding-bot">
          <CreateBotForm onCreated={(created) => go('knowledge', created.id)} />
        </section>
      )}
      {step !== 'bot' && !botId && (
        <p>
          Create a bot first: <Link href="/onboarding/bot">step 1</Link>.
        </p>
      )}
      {step !== 'bot' && botId && !bot.data && <Loading />}
      {bot.data && (
        <>
          {step === 'knowledge' && <KnowledgePanel botId={bot.data.id} compact />}
          {step === 'try' && <Playground botId={bot.data.id} />}
          {step === 'widget' && <WidgetSnippet bot={bot.data} />}
          {step === 'channel' && (
            <section className="card">
              <h2>Connect a messaging app (optional)</h2>
              <ChannelConnectForm defaultBotId={bot.data.id} />
            </section>
          )}
          <div className="form-actions">
            {index > 0 && (
              <Button variant="ghost" onClick={() => go(STEPS[index - 1]!.id)}>
                Back
              </Button>
            )}
            {nextStep ? (
              <Button
                variant="primary"
                data-testid="onboarding-next"
                onClick={() => go(nextStep.id)}
              >
                Next: {nextStep.label}
              </Button>
            ) : (
              <Button
                variant="primary"
                data-testid="onboarding-finish"
                onClick={() => navigate('/inbox')}
              >
                Go to the inbox
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
