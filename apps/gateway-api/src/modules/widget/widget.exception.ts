import { ForbiddenException, NotFoundException } from '@nestjs/common';

/** Unknown key, inactive or deleted bot, or a widget switched off: the page cannot tell which. */
export class WidgetBotNotFoundException extends NotFoundException {
  constructor() {
    super('No active bot has this key');
  }
}

export class NotAWidgetSessionException extends ForbiddenException {
  constructor() {
    super('Only a widget session can call this route');
  }
}
