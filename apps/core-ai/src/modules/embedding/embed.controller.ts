import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CORE_AI_EMBED_PATH, type EmbedResponse } from '@cxgenie/contracts';
import type { EmbeddingProvider } from '@cxgenie/embeddings';
import { EMBEDDING_PROVIDER } from '../../core-modules/embeddings/embedding.tokens';
import { InternalRoute } from '@cxgenie/observability';
import { EmbedRequestDto } from './embed-request.dto';

/** Vectors in the deployment's embedding space, through the cache. */
@InternalRoute()
@Controller()
export class EmbedController {
  constructor(@Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider) {}

  @Post(CORE_AI_EMBED_PATH)
  @HttpCode(200)
  async embed(@Body() { texts }: EmbedRequestDto): Promise<EmbedResponse> {
    const vectors = await this.embeddings.embed(texts);
    return { ...this.embeddings.space, vectors };
  }
}
