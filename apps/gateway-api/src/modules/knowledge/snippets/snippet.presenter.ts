import type { Snippet } from '@cxgenie/database';
import type { SnippetResponse } from './dto/snippet.dto';

export const presentSnippet = (snippet: Snippet): SnippetResponse => ({
  id: snippet.id,
  botId: snippet.botId,
  title: snippet.title,
  content: snippet.content,
  createdAt: snippet.createdAt,
  updatedAt: snippet.updatedAt,
});
