import type { Bot, Customer } from '@cxgenie/database';
import type { WidgetSessionInfoResponse } from './dto/widget-session.dto';

/** What the visitor may see about themself and the bot: nothing of the bot's configuration. */
export function presentWidgetSession(customer: Customer, bot: Bot): WidgetSessionInfoResponse {
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      locale: customer.locale,
    },
    bot: { id: bot.id, name: bot.name },
  };
}
