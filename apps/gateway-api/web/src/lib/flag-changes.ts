import { type FlagChangedPayload, Flags } from '@cxgenie/contracts';

/** Whether a pushed change can alter what this page shows for the bot (or the whole workspace). */
export const changeAffectsBot = (change: FlagChangedPayload, botId: string): boolean =>
  change.context.botId === null || change.context.botId === botId;

/** The bot's kill switch: on, new conversations go straight to the team. */
export const killSwitchOn = (flags: Record<string, { value: unknown }> | undefined): boolean =>
  flags?.[Flags.botKillSwitch.key]?.value === true;
