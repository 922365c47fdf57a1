import { useState } from 'react';
import type { EmailMessageView } from '@cxgenie/contracts';
import { download, request } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Button } from '../../components/ui';

/**
 * A sender's HTML is shown in a frame that can do nothing: `sandbox` with no permissions (no
 * scripts, no forms, an opaque origin that cannot reach the dashboard) and a CSP of its own that
 * loads nothing from anywhere (remote images are trackers), only inline styles and data: images.
 */
const FRAME_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'";
const framed = (html: string) =>
  `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">${html}`;

interface Props {
  conversationId: string;
  messageId: string;
  email: EmailMessageView;
  attachments: { type: string; url: string; name?: string; sizeBytes?: number }[];
}

const kb = (bytes: number | undefined) =>
  bytes === undefined ? '' : ` (${Math.max(1, Math.round(bytes / 1024))} KB)`;

/** A received mail's envelope for agents: sender, subject, attachments, history and original. */
export function EmailDetails({ conversationId, messageId, email, attachments }: Props) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/v1/conversations/${conversationId}/messages/${messageId}`;
  const showOriginal = async () => {
    try {
      const original = await request<{ html: string }>('GET', `${base}/email-original`);
      setHtml(original.html);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="email-details" data-testid="email-details">
      <span className="email-from" data-testid="email-from">
        From:{' '}
        {email.from ? `${email.from.name || email.from.address} <${email.from.address}>` : '—'}
      </span>
      <span className="email-subject" data-testid="email-subject">
        Subject: {email.subject || '(no subject)'}
      </span>
      {attachments.length > 0 && (
        <ul className="email-attachments" data-testid="email-attachments">
          {attachments.map((a, i) => (
            <li key={i}>
              <a
                href={`${base}/attachments/${i}`}
                data-testid="email-attachment-link"
                onClick={(event) => {
                  // The route needs the access token, which a followed link would not carry.
                  event.preventDefault();
                  download(`${base}/attachments/${i}`, a.name ?? 'attachment').catch((e) =>
                    setError(messageOf(e)),
                  );
                }}
              >
                {a.name ?? 'attachment'}
              </a>
              {kb(a.sizeBytes)}
            </li>
          ))}
        </ul>
      )}
      {(email.quoted || email.signature) && (
        <details className="email-quoted" data-testid="email-quoted">
          <summary>Quoted history</summary>
          {[email.signature, email.quoted].filter(Boolean).join('\n\n')}
        </details>
      )}
      {email.hasHtml && html === null && (
        <Button
          variant="ghost"
          data-testid="email-show-original"
          onClick={() => void showOriginal()}
        >
          Show original
        </Button>
      )}
      {error && (
        <span role="alert" className="alert-error">
          {error}
        </span>
      )}
      {html !== null && (
        <iframe
          className="email-original"
          data-testid="email-original"
          title="Original mail"
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={framed(html)}
        />
      )}
    </div>
  );
}
