import { Injectable } from '@nestjs/common';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import { newOpaqueToken } from '../../../../core-modules/crypto/opaque-token';
import { SecretBox } from '../../../../core-modules/crypto/secret-box';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import type { IdentitySecretResponse } from '../../dto/bot.dto';

/**
 * Issues the bot's identity secret (or a new one: visitor ids signed with the old one stop
 * resuming at once). Sealed at rest and shown only in this response, like an API key.
 */
@Injectable()
export class RotateBotIdentitySecret {
  constructor(
    private readonly bots: BotRepository,
    private readonly box: SecretBox,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<IdentitySecretResponse> {
    const identitySecret = newOpaqueToken('ids_', 32);
    const bot = await this.bots.update(scope, id, {
      identitySecretEncrypted: this.box.seal(identitySecret),
    });
    if (!bot) throw new ResourceNotFoundException('Bot');
    return { identitySecret };
  }
}
