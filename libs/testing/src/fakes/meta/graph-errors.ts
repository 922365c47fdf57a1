/** A scripted Graph API failure: the HTTP status, Graph's `error` object, extra headers. */
export interface GraphFailure {
  status: number;
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    is_transient?: boolean;
    error_data?: { messaging_product?: string; details: string };
  };
  headers?: Record<string, string>;
}

/** Failures as the Graph API really answers them (message, type, code, subcode). */
export const GRAPH_FAILURES = {
  rateLimited: (retryAfterSeconds?: number): GraphFailure => ({
    status: 429,
    error: {
      message: '(#4) Application request limit reached',
      type: 'OAuthException',
      code: 4,
      is_transient: true,
    },
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: (): GraphFailure => ({
    status: 500,
    error: {
      message: 'An unexpected error has occurred. Please retry your request later.',
      type: 'OAuthException',
      code: 2,
      is_transient: true,
    },
  }),
  invalidToken: (): GraphFailure => ({
    status: 400,
    error: {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    },
  }),
  userUnavailable: (): GraphFailure => ({
    status: 400,
    error: {
      message: "(#551) This person isn't available right now.",
      type: 'OAuthException',
      code: 551,
      error_subcode: 1545041,
    },
  }),
  outsideMessagingWindow: (): GraphFailure => ({
    status: 400,
    error: {
      message:
        '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
      type: 'OAuthException',
      code: 10,
      error_subcode: 2018278,
    },
  }),
  reEngagement: (): GraphFailure => ({
    status: 400,
    error: {
      message: 'Re-engagement message',
      type: 'OAuthException',
      code: 131047,
      error_data: {
        messaging_product: 'whatsapp',
        details:
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      },
    },
  }),
};

/** Graph's error envelope: `{ error: { message, type, code, …, fbtrace_id } }`. */
export const graphErrorBody = (error: GraphFailure['error'], traceId: string) => ({
  error: { ...error, fbtrace_id: traceId },
});
