import type { CreateBotCommand } from '../create-bot/create-bot.command';

export type UpdateBotCommand = Partial<CreateBotCommand>;
