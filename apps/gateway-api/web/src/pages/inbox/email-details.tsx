import { useState } from 'react';
import type { EmailMessageView } from '@cxgenie/contracts';
import { request } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Button } from '../../components/ui';
import { AttachmentLinks, type ListedAttachment } from './attachment-links';

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
  attachments: ListedAttachment[];
}

/** A received mail's envelope for agents: sender, subject, attachments, history and original. */
export function EmailDetails({ conversationId, messageId, email, attachments }: Props) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const showOriginal = async () => {
    try {
      const original = await request<{ html: string }>(
        'GET',
        `/api/v1/conversations/${conversationId}/messages/${messageId}/email-original`,
      );
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
        <AttachmentLinks
          conversationId={conversationId}
          messageId={messageId}
          attachments={attachments}
          onError={setError}
          testId="email-attachments"
        />
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
