import { Injectable } from '@nestjs/common';
import { AnswerWithBotStep } from './answer-with-bot.step';
import { AutomatedMessageStep } from './automated-message.step';
import { BotOffStep } from './bot-off.step';
import { BotPausedStep } from './bot-paused.step';
import { CaptureCsatReplyStep } from './capture-csat-reply.step';
import { DailyBudgetStep } from './daily-budget.step';
import { HandoffPhraseStep } from './handoff-phrase.step';
import type { MessageContext, MessageStep, Outcome } from './message-step';

/**
 * How a customer message is handled, in order: one sent by a machine (an auto-reply) gets no
 * reply; a digit rating a closed conversation is the rating; a conversation the bot does not have
 * (or a bot switched off) gets no reply; a new conversation while the bot's kill switch is on, or
 * a handoff phrase, goes to a human; past the workspace's daily budget it waits for one; anything
 * else, the bot answers.
 */
@Injectable()
export class MessageSteps {
  private readonly steps: MessageStep[];

  constructor(
    automated: AutomatedMessageStep,
    csatReply: CaptureCsatReplyStep,
    botOff: BotOffStep,
    botPaused: BotPausedStep,
    handoffPhrase: HandoffPhraseStep,
    dailyBudget: DailyBudgetStep,
    answer: AnswerWithBotStep,
  ) {
    this.steps = [automated, csatReply, botOff, botPaused, handoffPhrase, dailyBudget, answer];
  }

  async handle(context: MessageContext): Promise<Outcome> {
    for (const step of this.steps) {
      const outcome = await step.handle(context);
      if (outcome) return outcome;
    }
    throw new Error('no step handled the message');
  }
}
