export interface TryAnswerCommand {
  botId: string;
  question: string;
  history?: { role: 'customer' | 'bot'; text: string }[];
}
