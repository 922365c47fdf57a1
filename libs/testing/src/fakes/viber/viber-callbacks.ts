import { createHmac } from 'node:crypto';

/*
 * Viber REST bot API callbacks shaped as the documentation shows them
 * (https://developers.viber.com/docs/api/rest-bot-api/#callbacks). `message_token` is a 64-bit
 * integer: builders keep it as a decimal string and `viberJson` writes it as a bare number, the way
 * Viber's servers do.
 */

export interface ViberUser {
  id: string;
  name: string;
}

export const VIBER_CUSTOMER: ViberUser = { id: '01234567890A=', name: 'John McClane' };

/** A callback body; `message_token` as a decimal string. */
export type ViberCallback = Record<string, unknown> & { event: string };

interface CallbackOptions {
  /** Milliseconds, as Viber stamps callbacks. */
  timestamp?: number;
  user?: ViberUser;
}

const sender = (u: ViberUser) => ({
  id: u.id,
  name: u.name,
  avatar: 'http://avatar.example.com',
  country: 'UK',
  language: 'en',
  api_version: 1,
});

/** A message token beyond 2^53, as Viber's are. */
export const viberToken = (n: number): string => (4912661846655238145n + BigInt(n)).toString();

const message = (token: string, content: object, o: CallbackOptions): ViberCallback => ({
  event: 'message',
  timestamp: o.timestamp ?? Date.now(),
  chat_hostname: 'SN-376_',
  message_token: token,
  sender: sender(o.user ?? VIBER_CUSTOMER),
  message: { ...content, tracking_data: 'tracking data' },
  silent: false,
});

export const viberCallbacks = {
  text: (token: string, text: string, o: CallbackOptions = {}) =>
    message(token, { type: 'text', text }, o),

  picture: (token: string, caption = '', o: CallbackOptions = {}) =>
    message(
      token,
      {
        type: 'picture',
        text: caption,
        media:
          'https://dl-media.viber.com/10/share/2/long/vibes/icon/image/0x0/95e0/5688fdffdf8bdbd2d5aed7f0a7ba0e52.jpg',
        thumbnail: 'https://dl-media.viber.com/10/share/2/long/vibes/icon/image/0x0/thumb.jpg',
        size: 135489,
        file_name: 'photo.jpg',
      },
      o,
    ),

  delivered: (token: string, o: CallbackOptions = {}): ViberCallback => ({
    event: 'delivered',
    timestamp: o.timestamp ?? Date.now(),
    chat_hostname: 'SN-callback-05_',
    message_token: token,
    user_id: (o.user ?? VIBER_CUSTOMER).id,
  }),

  seen: (token: string, o: CallbackOptions = {}): ViberCallback => ({
    event: 'seen',
    timestamp: o.timestamp ?? Date.now(),
    chat_hostname: 'SN-callback-05_',
    message_token: token,
    user_id: (o.user ?? VIBER_CUSTOMER).id,
  }),

  failed: (token: string, desc: string, o: CallbackOptions = {}): ViberCallback => ({
    event: 'failed',
    timestamp: o.timestamp ?? Date.now(),
    chat_hostname: 'SN-callback-05_',
    message_token: token,
    user_id: (o.user ?? VIBER_CUSTOMER).id,
    desc,
  }),

  subscribed: (token: string, o: CallbackOptions = {}): ViberCallback => ({
    event: 'subscribed',
    timestamp: o.timestamp ?? Date.now(),
    chat_hostname: 'SN-callback-05_',
    user: sender(o.user ?? VIBER_CUSTOMER),
    message_token: token,
  }),

  unsubscribed: (token: string, o: CallbackOptions = {}): ViberCallback => ({
    event: 'unsubscribed',
    timestamp: o.timestamp ?? Date.now(),
    chat_hostname: 'SN-callback-05_',
    user_id: (o.user ?? VIBER_CUSTOMER).id,
    message_token: token,
  }),
};

/** The body as Viber sends it: message tokens as bare 64-bit integers. */
export function viberJson(callback: object): string {
  return JSON.stringify(callback).replace(/"message_token":"(\d+)"/g, '"message_token":$1');
}

/** `X-Viber-Content-Signature`: HMAC-SHA256 of the body with the auth token, hex. */
export function signViberBody(body: string | Buffer, authToken: string): string {
  return createHmac('sha256', authToken).update(body).digest('hex');
}
