export interface RequeueSourceCommand {
  botId: string;
  id: string;
  reason: 'recrawl' | 'reprocess';
}
