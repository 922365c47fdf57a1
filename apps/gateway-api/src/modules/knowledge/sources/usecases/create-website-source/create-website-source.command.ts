export interface CreateWebsiteSourceCommand {
  botId: string;
  url: string;
  sitemapUrl?: string;
  maxPages?: number;
  maxDepth?: number;
  name?: string;
}
