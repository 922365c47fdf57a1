import { download } from '../../api/client';
import { messageOf } from '../../api/errors';

export interface ListedAttachment {
  type: string;
  url: string;
  name?: string;
  sizeBytes?: number;
}

const kb = (bytes: number | undefined) =>
  bytes === undefined ? '' : ` (${Math.max(1, Math.round(bytes / 1024))} KB)`;

interface Props {
  conversationId: string;
  messageId: string;
  attachments: ListedAttachment[];
  onError: (message: string) => void;
  testId?: string;
}

/**
 * A message's stored files by name and size; each name downloads the file through the
 * attachment route (a plain link would not carry the agent's token).
 */
export function AttachmentLinks({
  conversationId,
  messageId,
  attachments,
  onError,
  testId = 'message-attachments',
}: Props) {
  const base = `/api/v1/conversations/${conversationId}/messages/${messageId}/attachments`;
  return (
    <ul className="email-attachments" data-testid={testId}>
      {attachments.map((a, i) => (
        <li key={i}>
          <a
            href={`${base}/${i}`}
            data-testid="email-attachment-link"
            onClick={(event) => {
              event.preventDefault();
              download(`${base}/${i}`, a.name ?? 'attachment').catch((e) => onError(messageOf(e)));
            }}
          >
            {a.name ?? 'attachment'}
          </a>
          {kb(a.sizeBytes)}
        </li>
      ))}
    </ul>
  );
}
