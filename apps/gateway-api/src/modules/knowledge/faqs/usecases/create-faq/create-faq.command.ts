export interface CreateFaqCommand {
  botId: string;
  question: string;
  answer: string;
}
