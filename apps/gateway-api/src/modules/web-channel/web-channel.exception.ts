import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum WebChannelExceptionCode {
  /** Unknown key, inactive or deleted bot, or a widget switched off: the page cannot tell which. */
  BOT_NOT_FOUND = 'BOT_NOT_FOUND',
  NOT_A_WIDGET_SESSION = 'NOT_A_WIDGET_SESSION',
  /** The bot's web widget was switched off after the session started. */
  WIDGET_INACTIVE = 'WIDGET_INACTIVE',
}

const KINDS: Record<WebChannelExceptionCode, ErrorKind> = {
  BOT_NOT_FOUND: 'not_found',
  NOT_A_WIDGET_SESSION: 'forbidden',
  WIDGET_INACTIVE: 'not_found',
};

const MESSAGES: Record<WebChannelExceptionCode, string> = {
  BOT_NOT_FOUND: 'No active bot has this key',
  NOT_A_WIDGET_SESSION: 'Only a widget session can call this route',
  WIDGET_INACTIVE: 'This bot has no active web widget',
};

/** What the web channel (the widget's sessions, messages and socket) refuses. */
export class WebChannelException extends AppException<WebChannelExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static of(code: WebChannelExceptionCode): WebChannelException {
    return new WebChannelException(code, MESSAGES[code]);
  }

  static botNotFound(): WebChannelException {
    return WebChannelException.of(WebChannelExceptionCode.BOT_NOT_FOUND);
  }
}
