import type { EmailMessageMetadata, EmailMessageView } from '@cxgenie/contracts';

const emailOf = (metadata: Record<string, unknown> | null | undefined) =>
  (metadata?.['email'] as EmailMessageMetadata | undefined) ?? null;

/** The mail a message came from, for agents; null for a message that was not a received mail. */
export function presentEmail(
  metadata: Record<string, unknown> | null | undefined,
): EmailMessageView | null {
  const email = emailOf(metadata);
  if (!email) return null;
  return {
    from: email.from ?? null,
    subject: email.subject ?? '',
    quoted: email.quoted ?? '',
    signature: email.signature ?? '',
    hasHtml: !!email.htmlKey,
    skippedAttachments: email.skippedAttachments ?? [],
  };
}

/** Where the message's original HTML is stored, if it has one. */
export const emailHtmlKeyOf = (metadata: Record<string, unknown> | null | undefined) =>
  emailOf(metadata)?.htmlKey ?? null;
