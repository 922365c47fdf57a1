import type { Faq } from '@cxgenie/database';
import type { FaqResponse } from './dto/faq.dto';

export const presentFaq = (faq: Faq): FaqResponse => ({
  id: faq.id,
  botId: faq.botId,
  question: faq.question,
  answer: faq.answer,
  createdAt: faq.createdAt,
  updatedAt: faq.updatedAt,
});
