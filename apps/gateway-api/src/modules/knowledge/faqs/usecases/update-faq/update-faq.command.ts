export interface UpdateFaqCommand {
  botId: string;
  id: string;
  question?: string;
  answer?: string;
}
