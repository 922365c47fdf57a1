import EmailReplyParser from 'email-reply-parser';

/** A mail's text split for its two readers. */
export interface ReplyText {
  /** What the customer wrote this time: no quoted history, no signature (for the bot). */
  visible: string;
  /** The quoted history, as it was (for agents). */
  quoted: string;
  /** The signature block, if one was recognised (for agents). */
  signature: string;
}

// Clients quote in ways the parser's patterns do not know; these mark where the history begins.
const HISTORY_MARKERS = [
  /^-{2,}\s*Original Message\s*-{2,}\s*$/im, // Outlook (plain text)
  /^_{10,}\s*$/m, // Outlook's rule above the quoted header block
  /^From: .+\n(?:Sent|Date): .+\n(?:To: .+\n)?/m, // Outlook's header block without the rule
  /^-{5,} ?Forwarded message ?-{5,}$/im, // Gmail
  /^Begin forwarded message:$/im, // Apple Mail
];

/**
 * Splits a mail's text into what the customer wrote now, the quoted history and the signature,
 * with email-reply-parser (quote headers in many languages, `>` quotes, `--` signatures, "Sent
 * from my iPhone"), after cutting at the history markers it does not know.
 */
export function splitReply(text: string): ReplyText {
  let body = text.replace(/\r\n/g, '\n');
  let history = '';
  for (const marker of HISTORY_MARKERS) {
    const match = marker.exec(body);
    if (match && match.index > 0) {
      history = `${body.slice(match.index)}\n${history}`.trim();
      body = body.slice(0, match.index);
    }
  }
  const email = new EmailReplyParser().read(body);
  const fragments = email.getFragments();
  const visible = fragments
    .filter((f) => !f.isHidden() && !f.isQuoted() && !f.isSignature())
    .map((f) => f.getContent())
    .join('\n')
    .trim();
  const quoted = [...fragments.filter((f) => f.isQuoted()).map((f) => f.getContent()), history]
    .join('\n')
    .trim();
  const signature = fragments
    .filter((f) => f.isSignature())
    .map((f) => f.getContent())
    .join('\n')
    .trim();
  return { visible, quoted, signature };
}
