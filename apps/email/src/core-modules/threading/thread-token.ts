import { createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_BYTES = 5;
// 'c', then the conversation id (16 bytes) and the MAC, in lowercase base32: 35 characters.
const TOKEN = /^c([a-z2-7]{26})([a-z2-7]{8})$/;
const UUID_HEX = /^[0-9a-f]{32}$/;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string, length: number): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes.slice(0, length));
}

/**
 * The conversation token our outbound mail carries, in its Message-ID and in the plus-address of
 * its Reply-To, so a reply finds its conversation even when the customer's client dropped the
 * threading headers. Signed (a truncated HMAC under the platform's key), so a token cannot be made
 * up for somebody else's conversation; short and lowercase, because it lives in an address's local
 * part, where 64 characters is the limit and some servers lowercase.
 */
export class ThreadTokens {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    this.key = createHmac('sha256', keyMaterial).update('email-thread-token').digest();
  }

  sign(conversationId: string): string {
    const id = Buffer.from(conversationId.replace(/-/g, ''), 'hex');
    return `c${base32(id)}${base32(this.mac(id))}`;
  }

  /** The conversation a token names, or null for anything that is not one of our tokens. */
  verify(token: string): string | null {
    const match = TOKEN.exec(token.toLowerCase());
    if (!match) return null;
    const id = fromBase32(match[1], 16);
    const hex = id.toString('hex');
    if (!UUID_HEX.test(hex)) return null;
    const expected = Buffer.from(base32(this.mac(id)));
    const given = Buffer.from(match[2]);
    if (!timingSafeEqual(expected, given)) return null;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(id: Buffer): Buffer {
    return createHmac('sha256', this.key).update(id).digest().subarray(0, MAC_BYTES);
  }
}

/** Our Message-IDs: `cx.<token>.<unique>@<domain>` (without angle brackets). */
const OUR_MESSAGE_ID = /^cx\.(c[a-z2-7]{34})\.[a-z0-9]+@/i;

export const tokenOfMessageId = (messageId: string): string | null =>
  OUR_MESSAGE_ID.exec(messageId)?.[1] ?? null;

/** The +tag of an address (`support+tag@acme.test`), or null. */
export const plusTagOf = (address: string): string | null => {
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  const plus = local.indexOf('+');
  return plus < 0 ? null : local.slice(plus + 1);
};

/** The address without its +tag, lowercased: what a channel is configured with. */
export const baseAddressOf = (address: string): string => {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus < 0 ? local : local.slice(0, plus)}${lower.slice(at)}`;
};

/** `local+tag@domain` for an address `local@domain`. */
export const withPlusTag = (address: string, tag: string): string => {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${tag}${address.slice(at)}`;
};
