import { Injectable } from '@nestjs/common';
import { type Channel, ChannelRepository, type TenantScope } from '@cxgenie/database';
import type { Attributes } from 'sequelize';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ChannelRules } from '../../channel-rules';
import { ChannelSecrets } from '../../channel-secrets';
import { ChannelViews } from '../../channel-views';
import { withExternalIdConflict } from '../../channel-writes';
import type { ChannelResponse } from '../../dto/channel.dto';
import { mergePatch } from '../../merge-patch';
import { GetChannel } from '../get-channel/get-channel.usecase';
import type { UpdateChannelCommand } from './update-channel.command';

@Injectable()
export class UpdateChannel {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly getChannel: GetChannel,
    private readonly rules: ChannelRules,
    private readonly secrets: ChannelSecrets,
    private readonly views: ChannelViews,
  ) {}

  async execute(
    scope: TenantScope,
    id: string,
    command: UpdateChannelCommand,
  ): Promise<ChannelResponse> {
    const current = await this.getChannel.find(scope, id);
    // Validated as the channel will be stored, so a partial PATCH cannot leave it incomplete.
    const settings = mergePatch(current.settings, command.settings ?? {});
    const credentials = this.rules.assertConfiguration(
      current.type,
      mergePatch(this.secrets.openCredentials(current), command.credentials ?? {}),
      settings,
    );
    await this.rules.assertBotInWorkspace(scope, command.botId);
    await this.rules.assertAddressesFree(current.type, settings, id);

    const patch: Partial<Attributes<Channel>> = {};
    if (command.name !== undefined) patch.name = command.name.trim();
    if (command.botId !== undefined) patch.botId = command.botId;
    if (command.externalId !== undefined) patch.externalId = command.externalId;
    if (command.isActive !== undefined) patch.isActive = command.isActive;
    if (command.settings !== undefined) patch.settings = settings;
    if (command.credentials !== undefined)
      patch.credentialsEncrypted = this.secrets.sealCredentials(credentials);

    const updated = await withExternalIdConflict(() => this.channels.update(scope, id, patch));
    // Deleted between the read and the write.
    if (!updated) throw new ResourceNotFoundException('Channel');
    return this.views.render(updated);
  }
}
