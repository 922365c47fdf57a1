import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Badge, Button, Empty, PageHeader, QueryView } from '../../components/ui';
import { useBots } from '../../lib/bots';
import { isAdmin, useMe } from '../../session/use-session';
import { CreateBotForm } from './create-bot-form';

export default function Bots() {
  const bots = useBots();
  const me = useMe();
  const [, navigate] = useLocation();
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <PageHeader
        title="Bots & knowledge"
        actions={
          isAdmin(me.data?.role) && (
            <Button
              variant="primary"
              onClick={() => setCreating((c) => !c)}
              aria-expanded={creating}
            >
              New bot
            </Button>
          )
        }
      />
      {creating && (
        <section className="card" aria-label="New bot">
          <CreateBotForm onCreated={(bot) => navigate(`/bots/${bot.id}/knowledge`)} />
        </section>
      )}
      <QueryView query={bots} loadingLabel="Loading bots…">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No bot yet">
              <p>
                <Link href="/onboarding">Follow the set-up guide</Link> to create one in a few
                minutes.
              </p>
            </Empty>
          ) : (
            <ul className="cards" data-testid="bot-list">
              {items.map((bot) => (
                <li key={bot.id} className="card">
                  <h2>
                    <Link href={`/bots/${bot.id}`}>{bot.name}</Link>
                  </h2>
                  <p className="muted">
                    {bot.llmProvider}/{bot.llmModel} · {bot.typeReplyUnknown}{' '}
                    <Badge tone={bot.isActive ? 'success' : 'neutral'}>
                      {bot.isActive ? 'active' : 'paused'}
                    </Badge>
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </div>
  );
}
