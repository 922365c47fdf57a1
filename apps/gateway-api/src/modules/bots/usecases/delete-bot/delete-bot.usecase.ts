import { Injectable } from '@nestjs/common';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import { BotConfigCache } from '../../../../core-modules/bot-config/bot-config.cache';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';

/** Soft delete: the row stays for conversations that reference it and can be restored. */
@Injectable()
export class DeleteBot {
  constructor(
    private readonly bots: BotRepository,
    private readonly botConfigs: BotConfigCache,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<void> {
    if (!(await this.bots.remove(scope, id))) throw new ResourceNotFoundException('Bot');
    await this.botConfigs.invalidate(scope, id);
  }
}
