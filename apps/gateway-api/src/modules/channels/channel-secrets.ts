import { Injectable } from '@nestjs/common';
import type { Channel } from '@cxgenie/database';
import { newOpaqueToken } from '../../core-modules/crypto/opaque-token';
import { SecretBox } from '../../core-modules/crypto/secret-box';
import type { ChannelCredentials } from './channel-credential-schemas';

export interface WebhookSecret {
  plaintext: string;
  sealed: string;
}

/** The only place channel secrets are sealed or opened; none of them leaves in a response. */
@Injectable()
export class ChannelSecrets {
  constructor(private readonly box: SecretBox) {}

  sealCredentials(credentials: ChannelCredentials): string | null {
    return Object.keys(credentials).length === 0 ? null : this.box.sealJson(credentials);
  }

  openCredentials(channel: Pick<Channel, 'credentialsEncrypted'>): ChannelCredentials {
    return channel.credentialsEncrypted
      ? this.box.openJson<ChannelCredentials>(channel.credentialsEncrypted)
      : {};
  }

  /** Which credentials are set, so the dashboard can show them without seeing them. */
  credentialNames(channel: Pick<Channel, 'credentialsEncrypted'>): string[] {
    return Object.keys(this.openCredentials(channel)).sort();
  }

  newWebhookSecret(): WebhookSecret {
    const plaintext = newOpaqueToken('whs_', 24);
    return { plaintext, sealed: this.box.seal(plaintext) };
  }
}
