import type { ParsedEmail } from './parse-mail';

const header = (mail: ParsedEmail, name: string): string | null => {
  const value = mail.headers.get(name);
  if (value == null) return null;
  const text = typeof value === 'object' && 'value' in value ? String(value.value) : String(value);
  return text.trim().toLowerCase();
};

/**
 * Why a mail is known to be sent by a machine (RFC 3834's Auto-Submitted, the Precedence of bulk
 * and list mail, the X-Autoreply family of older auto-responders), or null for a person's mail.
 * Such mail is stored and shown, and never answered: answering an auto-responder is how mail
 * loops start.
 */
export function autoReplyReason(mail: ParsedEmail): string | null {
  const autoSubmitted = header(mail, 'auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header(mail, 'precedence');
  if (precedence && ['bulk', 'list', 'junk', 'auto_reply'].includes(precedence))
    return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = header(mail, name);
    if (value !== null && value !== 'no') return `${name}: ${value}`;
  }
  const suppress = header(mail, 'x-auto-response-suppress');
  // Exchange marks its own out-of-office replies so; people's mail does not carry OOF or All.
  if (
    suppress &&
    /\b(all|oof)\b/.test(suppress) &&
    /^(automatic reply|out of office)/i.test(mail.subject)
  )
    return `X-Auto-Response-Suppress: ${suppress}`;
  return null;
}

const FORWARD_SUBJECT = /^\s*(fwd?|fw|wg|tr|rv|enc|vs|doorst)\s*:/i;
const FORWARD_BODY = [
  /^-{5,} ?Forwarded message ?-{5,}$/im,
  /^Begin forwarded message:$/im,
  /^-{2,}\s*Forwarded by /im,
];

/**
 * A forwarded message: its subject begins with a forward prefix (Fwd:, FW:, WG:…), or its body
 * carries a client's forward marker before anything else is quoted. A forward is a new request
 * even when it still names the original thread in its headers, so it starts a new conversation.
 */
export const isForwarded = (mail: ParsedEmail): boolean =>
  FORWARD_SUBJECT.test(mail.subject) ||
  (!/^\s*re\s*:/i.test(mail.subject) && FORWARD_BODY.some((marker) => marker.test(mail.text)));
