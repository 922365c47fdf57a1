import { Injectable } from '@nestjs/common';
import { BotRepository, CustomerRepository, type TenantScope } from '@cxgenie/database';
import type { Principal } from '../../../../../core-modules/auth/principal';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import type { WidgetSessionInfoResponse } from '../../dto/widget-session.dto';
import { WebChannelException, WebChannelExceptionCode } from '../../../web-channel.exception';
import { presentWidgetSession } from '../../widget.presenter';

@Injectable()
export class GetWidgetSession {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly bots: BotRepository,
  ) {}

  async execute(scope: TenantScope, principal: Principal): Promise<WidgetSessionInfoResponse> {
    // Dashboard principals pass the guard on widget routes too; this one is about a visitor.
    if (principal.kind !== 'widget')
      throw WebChannelException.of(WebChannelExceptionCode.NOT_A_WIDGET_SESSION);
    const [customer, bot] = await Promise.all([
      this.customers.findById(scope, principal.customerId),
      this.bots.findById(scope, principal.botId),
    ]);
    if (!customer) throw new ResourceNotFoundException('Customer');
    if (!bot) throw new ResourceNotFoundException('Bot');
    return presentWidgetSession(customer, bot);
  }
}
