import { Injectable, Logger } from '@nestjs/common';
import { claimedAddresses } from '@cxgenie/channels';
import type { ChannelType } from '@cxgenie/contracts';
import { BotRepository, EmailAddressClaims, type TenantScope } from '@cxgenie/database';
import { type ChannelCredentials, configurationProblems } from './channel-credential-schemas';
import { ChannelsException } from './channels.exception';

/** The checks a channel must pass whenever it is written, on create and on PATCH alike. */
@Injectable()
export class ChannelRules {
  private readonly logger = new Logger(ChannelRules.name);

  constructor(
    private readonly bots: BotRepository,
    private readonly addressClaims: EmailAddressClaims,
  ) {}

  /** Looked up through the caller's scope, so another workspace's bot reads as missing. */
  async assertBotInWorkspace(scope: TenantScope, botId: string | null | undefined): Promise<void> {
    if (!botId) return;
    if (!(await this.bots.findById(scope, botId))) throw ChannelsException.botNotFound();
  }

  /** Returns the credentials typed once they are known to fit the type's schema. */
  assertConfiguration(
    type: ChannelType,
    credentials: Record<string, unknown>,
    settings: Record<string, unknown>,
  ): ChannelCredentials {
    const problems = configurationProblems(type, credentials, settings);
    if (problems.length > 0) throw ChannelsException.configurationInvalid(problems);
    return credentials as ChannelCredentials;
  }

  /**
   * Mail is routed by address across the whole platform, so an address feeds one live channel:
   * no workspace can claim an address, and read the mail, of another's channel. Checked in every
   * tenant database, as the SMTP receiver routes; a dedicated database that cannot be searched
   * refuses the write (503) rather than risk a second claim.
   */
  async assertAddressesFree(
    type: ChannelType,
    settings: Record<string, unknown>,
    channelId: string | null,
  ): Promise<void> {
    const addresses = claimedAddresses(type, settings);
    if (addresses.length === 0) return;
    const { claims, complete } = await this.addressClaims.find(addresses, {
      exceptChannelId: channelId,
      onUnreachable: (workspaceIds, error) =>
        this.logger.warn(
          `addresses of workspace ${workspaceIds.join(',')} not searched: ${error.message}`,
        ),
    });
    if (claims.length > 0)
      throw ChannelsException.addressesTaken([...new Set(claims.map((c) => c.address))].sort());
    if (!complete) throw ChannelsException.addressesUncheckable();
  }
}
