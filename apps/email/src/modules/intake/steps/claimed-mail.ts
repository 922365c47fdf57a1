import type { TenantScope } from '@cxgenie/database';
import type { ParsedEmail } from '../parsing/parse-mail';
import type {
  ReceiveEmailCommand,
  ReceiveOutcome,
} from '../usecases/receive-email/receive-email.command';

/** What every settling of an inbound mail records. */
export interface SettleBase {
  rawKey: string;
  sender: string;
  subject: string;
  referenceIds: string[];
}

/** A parsed mail claimed by its Message-ID, as ReceiveEmail's steps see it. */
export interface ClaimedMail {
  scope: TenantScope;
  command: ReceiveEmailCommand;
  mail: ParsedEmail;
  claimId: string;
  /** The raw mail's storage key: stored while the mail is sorted. */
  rawStored: Promise<string>;
  base(): Promise<SettleBase>;
  /** Settled `ignored` with the reason. */
  ignore(reason: string): Promise<ReceiveOutcome>;
}
