import { useState } from 'react';
import type { Bot } from '../../api/types';
import { Button } from '../../components/ui';
import { SNIPPET_VARIANTS } from '../../lib/widget-snippet';

function CopyBlock({ label, code }: { label: string; code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="code-block">
      <div className="code-head">
        <span>{label}</span>
        <Button
          variant="ghost"
          data-testid="copy-snippet"
          onClick={() =>
            void navigator.clipboard?.writeText(code).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <pre tabIndex={0} aria-label={`${label} code`}>
        <code data-testid="widget-snippet">{code}</code>
      </pre>
    </div>
  );
}

/** How to put the bot on a website, one block per way of embedding it. */
export function WidgetSnippet({ bot }: { bot: Bot }) {
  const context = { origin: window.location.origin, botKey: bot.publicKey };
  return (
    <section className="card" aria-labelledby="widget-title">
      <h2 id="widget-title">Add the chat to your website</h2>
      {SNIPPET_VARIANTS.map((variant) => (
        <div key={variant.id} className="snippet-variant" data-variant={variant.id}>
          <h3>{variant.title}</h3>
          <p className="muted">{variant.description}</p>
          {variant.blocks(context).map((block) => (
            <CopyBlock key={block.label} label={block.label} code={block.code} />
          ))}
        </div>
      ))}
      <p>
        <a
          href={`/widget/demo?botKey=${encodeURIComponent(bot.publicKey)}`}
          target="_blank"
          rel="noreferrer"
          data-testid="widget-demo-link"
        >
          Open a demo page with this bot’s widget
        </a>
      </p>
    </section>
  );
}
