/*
 * Generated from gateway-api’s OpenAPI document (/api/docs-json) by
 * apps/gateway-api/web/tools/generate-api-client.ts. Do not edit: run `npm run web:api`.
 */
export type paths = {
  '/api/v1/analytics/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Agent performance
     * @description Per agent over whole days: average first response time, conversations handled, CSAT and resolution rate.
     */
    get: operations['AnalyticsController_agents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/availability': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Agent availability
     * @description Seconds online and idle per agent per day, the current stretch included.
     */
    get: operations['AnalyticsController_availability'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/bots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Bot performance
     * @description Answer and handoff rates per bot, and the questions it could not answer, most asked first.
     */
    get: operations['AnalyticsController_bots'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/costs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Model cost
     * @description LLM and embedding tokens and cost per `day` (default), `week` or `month`, per bot, and the most expensive customers with the outliers (3 standard deviations above the mean) marked.
     */
    get: operations['AnalyticsController_costs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/csat': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * CSAT
     * @description Average rating by agent per `week` (default), `day` or `month`, and the distribution of scores.
     */
    get: operations['AnalyticsController_csat'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/ingestion': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Knowledge ingestion
     * @description Per bot per `day` (default), `week` or `month`: ingestion runs finished, failures, pages, chunks and the seconds they took.
     */
    get: operations['AnalyticsController_ingestion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Message volume
     * @description Customer, bot and agent messages per `hour` or `day` (default), per bot (default) or channel.
     */
    get: operations['AnalyticsController_messages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/sentiment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Sentiment
     * @description The share of negative conversations per bot and `week` (default), `day` or `month`: a conversation is negative when its customer messages' mean sentiment is below `negativeBelow`.
     */
    get: operations['AnalyticsController_sentiment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/sla': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * SLA
     * @description First responses and resolutions within target, and breaches, per `day` (default), `week` or `month`.
     */
    get: operations['AnalyticsController_sla'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ApiKeysController_list'];
    put?: never;
    post: operations['ApiKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['ApiKeysController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/signup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_signup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/switch-workspace': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['WorkspaceAccessController_switch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/workspaces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['WorkspaceAccessController_workspaces'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BotsController_list'];
    put?: never;
    post: operations['BotsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Uploaded documents with their source’s processing status */
    get: operations['DocumentsController_list'];
    put?: never;
    /**
     * Upload files into the bot’s knowledge
     * @description Up to 20 files in the multipart field `files`, each at most KNOWLEDGE_UPLOAD_MAX_BYTES (50 MB by default) and four times that in total: PDF, Word (.docx), Excel (.xlsx), HTML, CSV, Markdown or UTF-8 text, recognised from their content. Each file becomes a document source in status `queued`, processed by the loader service; the answer comes at once with the source ids. One refused file refuses the whole upload: nothing is stored. Follow progress on GET /sources/{id} or the `knowledge.source.progress` socket event.
     */
    post: operations['DocumentsController_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/documents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DocumentsController_get'];
    put?: never;
    post?: never;
    /**
     * Delete a document with its source and chunks
     * @description The document and its source are soft-deleted and its chunks removed at once; the loader then removes its vectors and the stored file.
     */
    delete: operations['DocumentsController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/faqs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FAQEntriesController_list'];
    put?: never;
    post: operations['FAQEntriesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/faqs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FAQEntriesController_get'];
    put?: never;
    post?: never;
    delete: operations['FAQEntriesController_remove'];
    options?: never;
    head?: never;
    patch: operations['FAQEntriesController_update'];
    trace?: never;
  };
  '/api/v1/bots/{botId}/knowledge-search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['PlaygroundController_search'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/playground': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['PlaygroundController_tryIt'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/snippets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SnippetEntriesController_list'];
    put?: never;
    post: operations['SnippetEntriesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/snippets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SnippetEntriesController_get'];
    put?: never;
    post?: never;
    delete: operations['SnippetEntriesController_remove'];
    options?: never;
    head?: never;
    patch: operations['SnippetEntriesController_update'];
    trace?: never;
  };
  '/api/v1/bots/{botId}/sources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Knowledge sources of every type, newest first */
    get: operations['SourcesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/sources/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A source with its status, progress, error, stats and config */
    get: operations['SourcesController_get'];
    put?: never;
    post?: never;
    /**
     * Delete a source with its documents and chunks
     * @description The source and its documents are soft-deleted and their chunks removed at once; the loader then removes their vectors and stored files.
     */
    delete: operations['SourcesController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/sources/{id}/recrawl': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Crawl a website source again
     * @description Queues a new crawl of a `ready` or `failed` website source; pages whose text did not change reuse their embeddings.
     */
    post: operations['SourcesController_recrawl'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/sources/{id}/reprocess': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Process an uploaded document source again
     * @description Queues a new run of a `ready` or `failed` document source from its stored file; unchanged chunks reuse their embeddings.
     */
    post: operations['SourcesController_reprocess'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{botId}/sources/websites': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a website to crawl into the bot’s knowledge
     * @description Creates a knowledge source of type `website` in status `queued`, queues its crawl by the loader service and answers at once. The crawl stays on the URL’s origin, honours robots.txt and follows the sitemap when there is one. Follow status, progress, stats and errors on GET /sources/{id} or the `knowledge.source.progress` socket event.
     */
    post: operations['SourcesController_createWebsite'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BotsController_get'];
    put?: never;
    post?: never;
    delete: operations['BotsController_remove'];
    options?: never;
    head?: never;
    patch: operations['BotsController_update'];
    trace?: never;
  };
  '/api/v1/bots/{id}/identity-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['BotsController_rotateIdentitySecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bots/{id}/rotate-public-key': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['BotsController_rotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channel-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelCatalogController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelsController_list'];
    put?: never;
    post: operations['ChannelsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelsController_get'];
    put?: never;
    post?: never;
    delete: operations['ChannelsController_remove'];
    options?: never;
    head?: never;
    patch: operations['ChannelsController_update'];
    trace?: never;
  };
  '/api/v1/channels/{id}/rotate-webhook-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ChannelsController_rotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConversationsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConversationsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ConversationActionsController_closeConversation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/context': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConversationActionsController_getContext'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/handback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ConversationActionsController_handback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConversationsController_messages'];
    put?: never;
    post: operations['ConversationActionsController_reply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/messages/{messageId}/attachments/{index}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConversationsController_attachmentOf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/messages/{messageId}/email-original': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConversationsController_emailOriginalOf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ConversationActionsController_reopenConversation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/takeover': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ConversationActionsController_takeover'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Customers of the workspace, newest first */
    get: operations['CustomersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/customers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A customer with how each channel knows them */
    get: operations['CustomersController_get'];
    put?: never;
    post?: never;
    delete: operations['CustomersController_remove'];
    options?: never;
    head?: never;
    /** Edit a customer’s profile (agents may) */
    patch: operations['CustomersController_update'];
    trace?: never;
  };
  '/api/v1/dead-letters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DeadLettersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FlagsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['InvitationsController_list'];
    put?: never;
    post: operations['InvitationsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['InvitationsController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['InvitationsController_accept'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MembersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MembersController_get'];
    put?: never;
    post?: never;
    delete: operations['MembersController_remove'];
    options?: never;
    head?: never;
    patch: operations['MembersController_update'];
    trace?: never;
  };
  '/api/v1/sla-policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SlaPoliciesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sla-policies/{priority}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['SlaPoliciesController_put'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/system/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SystemController_check'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TicketsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TicketsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['TicketsController_update'];
    trace?: never;
  };
  '/api/v1/tickets/{id}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TicketsController_assign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TicketsController_claim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TicketsController_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TicketsController_notes'];
    put?: never;
    post: operations['TicketsController_addNoteTo'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/widget/csat': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['WidgetCsatController_submit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/widget/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['WidgetMessagesController_send'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/widget/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['WidgetController_current'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/widget/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['WidgetController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspace': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['WorkspacesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['WorkspacesController_update'];
    trace?: never;
  };
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MetricsController_scrape'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    AcceptInvitationDto: {
      /**
       * @description Required when the email has no account yet; ignored otherwise
       * @example Grace Hopper
       */
      name?: string;
      /** @description The new account’s password, or the existing account’s when the email has one */
      password: string;
      /** @description The token from the invitation link */
      token: string;
    };
    AddNoteDto: {
      /** @description Internal: never shown to the customer */
      text: string;
    };
    AgentMessageWithFilesDto: {
      /** @description Up to 5 files of at most 10485760 bytes each and 15728640 together (PDF, Office, text, CSV, PNG, JPEG, GIF, WebP, ZIP); email conversations only */
      files?: string[];
      text: string;
    };
    AgentPerformanceResponse: {
      agents: components['schemas']['AgentPerformanceRowResponse'][];
      /** @example 2026-11-01 */
      from: string;
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
    };
    AgentPerformanceRowResponse: {
      agentId: string;
      agentName: string;
      /** @description 1 to 5 */
      averageCsat: number | null;
      /** @description From the ticket opening to the first reply, pending time excluded */
      averageFirstResponseSeconds: number | null;
      /** @description From the ticket opening to its resolution */
      averageResolutionSeconds: number | null;
      conversationsHandled: number;
      firstResponses: number;
      messagesSent: number;
      ratings: number;
      /** @description ticketsResolved / ticketsAssigned, at most 1 */
      resolutionRate: number | null;
      ticketsAssigned: number;
      ticketsResolved: number;
    };
    AnswerabilityResponse: {
      /** @description The evidence the score is made of, each in 0..1 (coverage, retrieval scores, grounding…) */
      features: {
        [key: string]: number;
      };
      /** @description The decision in words */
      reason: string;
      /** @description How sure the bot is that its knowledge answers the question (0..1) */
      score: number;
      /** @description The bot answers at or above this score (from its target false-answer rate) */
      threshold: number;
    };
    ApiError: {
      details: {
        /** @example email */
        field?: string;
        /** @example must be an email */
        message?: string;
      }[];
      /** @example Bad Request */
      error: string;
      /** @example email: must be an email */
      message: string;
      /** @example 400 */
      statusCode: number;
    };
    ApiKeyPageResponse: {
      items: components['schemas']['ApiKeyResponse'][];
      nextCursor: string | null;
    };
    ApiKeyResponse: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      createdBy: string | null;
      /** Format: uuid */
      id: string;
      /**
       * Format: date-time
       * @description To the minute
       */
      lastUsedAt: string | null;
      name: string;
      /** @description The key’s first 12 characters, to recognise it by */
      prefix: string;
      /** Format: date-time */
      revokedAt: string | null;
      /** @enum {string} */
      role: 'admin' | 'agent';
    };
    AssignTicketDto: {
      /**
       * Format: uuid
       * @description A member's user id; null unassigns (the ticket waits for automatic assignment)
       */
      assigneeId: string | null;
    };
    AvailabilityResponse: {
      /** @example 2026-11-01 */
      from: string;
      rows: components['schemas']['AvailabilityRowResponse'][];
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
    };
    AvailabilityRowResponse: {
      agentId: string;
      agentName: string;
      /** @example 2026-11-29 */
      day: string;
      idleSeconds: number;
      onlineSeconds: number;
    };
    BotChannelLinkResponse: {
      id: string;
      /** @enum {string} */
      type: 'messenger' | 'whatsapp' | 'telegram' | 'instagram' | 'viber' | 'email' | 'web';
    };
    BotCostResponse: {
      botId: string;
      botName: string;
      /** @description USD, by the price table (LLM_PRICES) when the usage was written */
      costUsd: number;
      embeddingCalls: number;
      embeddingTokens: number;
      llmCalls: number;
      llmCompletionTokens: number;
      llmPromptTokens: number;
    };
    BotDetailResponse: {
      /** @description The active channels it answers on */
      activeChannels: components['schemas']['BotChannelLinkResponse'][];
      /** Format: date-time */
      createdAt: string;
      fallbackMessage: string;
      handoffOnUnknown: boolean;
      handoffPhrases: string[];
      id: string;
      identityVerification: components['schemas']['IdentityVerificationResponse'];
      isActive: boolean;
      /** @description The bot's vector index as core-ai's last reconciliation found it (at start and on demand); null when core-ai did not answer in time */
      knowledgeIndex: components['schemas']['KnowledgeIndexResponse'] | null;
      knowledgeSettings: components['schemas']['KnowledgeSettingsResponse'];
      language: string;
      llmModel: string;
      /** @enum {string} */
      llmProvider: 'local' | 'openai' | 'anthropic';
      name: string;
      /** @description Public: embedded in the widget script to start sessions */
      publicKey: string;
      smallTalk: components['schemas']['SmallTalkSettingsDto'];
      systemPrompt: string;
      temperature: number;
      /** @enum {string} */
      typeReplyUnknown: 'INPUT_ANSWER' | 'AI_GENERATE' | 'NO_REPLY';
      /** Format: date-time */
      updatedAt: string;
    };
    BotPageResponse: {
      items: components['schemas']['BotResponse'][];
      nextCursor: string | null;
    };
    BotPerformanceResponse: {
      bots: components['schemas']['BotPerformanceRowResponse'][];
      /** @example 2026-11-01 */
      from: string;
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
      topUnanswered: components['schemas']['UnansweredQuestionResponse'][];
    };
    BotPerformanceRowResponse: {
      /** @description Answered from its knowledge */
      answered: number;
      /** @description Answered (generated or fallback) without enough information */
      answeredWithoutInformation: number;
      /** @description answered / questions */
      answerRate: number | null;
      /** @description Mean time a question waited for the bot */
      averageWaitMs: number | null;
      botId: string;
      botName: string;
      conversations: number;
      customerMessages: number;
      /** @description handoffs / conversations */
      handoffRate: number | null;
      handoffs: number;
      /** @description answered + answeredWithoutInformation + unanswered */
      questions: number;
      /** @description Left silent */
      unanswered: number;
    };
    BotResponse: {
      /** @description The active channels it answers on */
      activeChannels: components['schemas']['BotChannelLinkResponse'][];
      /** Format: date-time */
      createdAt: string;
      fallbackMessage: string;
      handoffOnUnknown: boolean;
      handoffPhrases: string[];
      id: string;
      identityVerification: components['schemas']['IdentityVerificationResponse'];
      isActive: boolean;
      knowledgeSettings: components['schemas']['KnowledgeSettingsResponse'];
      language: string;
      llmModel: string;
      /** @enum {string} */
      llmProvider: 'local' | 'openai' | 'anthropic';
      name: string;
      /** @description Public: embedded in the widget script to start sessions */
      publicKey: string;
      smallTalk: components['schemas']['SmallTalkSettingsDto'];
      systemPrompt: string;
      temperature: number;
      /** @enum {string} */
      typeReplyUnknown: 'INPUT_ANSWER' | 'AI_GENERATE' | 'NO_REPLY';
      /** Format: date-time */
      updatedAt: string;
    };
    ChannelPageResponse: {
      items: components['schemas']['ChannelResponse'][];
      nextCursor: string | null;
    };
    ChannelResponse: {
      botId: string | null;
      /** @description Names of the credentials set, never their values */
      configuredCredentials: string[];
      /** Format: date-time */
      createdAt: string;
      externalId: string | null;
      id: string;
      isActive: boolean;
      name: string;
      settings: {
        [key: string]: unknown;
      };
      /** @enum {string} */
      type: 'messenger' | 'whatsapp' | 'telegram' | 'instagram' | 'viber' | 'email' | 'web';
      /** Format: date-time */
      updatedAt: string;
      /** @example /webhooks/messenger/6f1c… */
      webhookPath: string;
    };
    ChannelTypeListResponse: {
      items: components['schemas']['ChannelTypeResponse'][];
      /**
       * @description Origin platforms post to; a channel’s webhook URL is this plus its webhookPath
       * @example https://hooks.example.com
       */
      webhookBaseUrl: string;
    };
    ChannelTypeResponse: {
      /** @description JSON Schema (draft 7) of `credentials`, from the adapter’s own schema */
      credentialsSchema: {
        [key: string]: unknown;
      };
      /** @example Telegram */
      label: string;
      /** @description JSON Schema (draft 7) of `settings`, from the adapter’s own schema */
      settingsSchema: {
        [key: string]: unknown;
      };
      /** @enum {string} */
      type: 'messenger' | 'whatsapp' | 'telegram' | 'instagram' | 'viber' | 'email' | 'web';
      /**
       * @description registered-by-us: creating the channel registers its webhook; paste-in-meta-app: paste the webhook URL and verify token in the Meta app; none: no webhook
       * @enum {string}
       */
      webhookSetup: 'registered-by-us' | 'paste-in-meta-app' | 'none';
    };
    CostDayResponse: {
      bucket: string;
      /** @description USD, by the price table (LLM_PRICES) when the usage was written */
      costUsd: number;
      embeddingCalls: number;
      embeddingTokens: number;
      llmCalls: number;
      llmCompletionTokens: number;
      llmPromptTokens: number;
    };
    CostResponse: {
      bots: components['schemas']['BotCostResponse'][];
      /** @enum {string} */
      bucket: 'day' | 'week' | 'month';
      customers: components['schemas']['CustomerCostsResponse'];
      days: components['schemas']['CostDayResponse'][];
      /** @example 2026-11-01 */
      from: string;
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
      totals: components['schemas']['UsageResponse'];
    };
    CreateApiKeyDto: {
      /** @example CRM sync */
      name: string;
      /**
       * @default admin
       * @enum {string}
       */
      role?: 'admin' | 'agent';
    };
    CreateBotDto: {
      /** @description What the bot says when it has no answer; must not be blank for INPUT_ANSWER */
      fallbackMessage?: string;
      /**
       * @description Open a ticket whenever the bot is unsure, also under INPUT_ANSWER and AI_GENERATE (NO_REPLY always does)
       * @default false
       */
      handoffOnUnknown?: boolean;
      /**
       * @example [
       *       "talk to a human"
       *     ]
       */
      handoffPhrases?: string[];
      /** @default true */
      isActive?: boolean;
      knowledgeSettings?: components['schemas']['KnowledgeSettingsDto'];
      /** @example en-US */
      language?: string;
      /** @example gpt-4o-mini */
      llmModel?: string;
      /**
       * @default local
       * @enum {string}
       */
      llmProvider?: 'local' | 'openai' | 'anthropic';
      /** @example Support bot */
      name: string;
      /**
       * @description Accept widget visitors only with a signed id (customer.externalId + customer.userHash); issue the secret with POST bots/:id/identity-secret
       * @default false
       */
      requireVerifiedIdentity?: boolean;
      smallTalk?: components['schemas']['SmallTalkSettingsDto'];
      systemPrompt?: string;
      /** @default 0.2 */
      temperature?: number;
      /**
       * @default INPUT_ANSWER
       * @enum {string}
       */
      typeReplyUnknown?: 'INPUT_ANSWER' | 'AI_GENERATE' | 'NO_REPLY';
    };
    CreateChannelDto: {
      /**
       * Format: uuid
       * @description A bot of this workspace; null leaves the channel without a bot
       */
      botId?: string | null;
      /** @description Write-only; never returned. Required per type: telegram: botToken; viber: authToken (settings: senderName, senderAvatar); messenger: pageAccessToken, appSecret, verifyToken (settings: pageId); instagram: pageAccessToken, appSecret, verifyToken (settings: igUserId); whatsapp: accessToken, appSecret, verifyToken (settings: phoneNumberId, wabaId, templateName, templateLanguage); email: smtpPassword, imapPassword, dkimPrivateKey (settings: addresses, fromAddress, fromName, smtp, imap, dkim). PATCH merges. */
      credentials?: {
        [key: string]: string;
      };
      /** @description The platform account: page id, phone number id, bot username… */
      externalId?: string | null;
      /** @default true */
      isActive?: boolean;
      /** @example Acme Facebook page */
      name: string;
      /** @description Per-type options (whatsapp: templateName, templateLanguage). PATCH merges; null removes a key. */
      settings?: {
        [key: string]: unknown;
      };
      /**
       * @description Fixed once created
       * @enum {string}
       */
      type: 'messenger' | 'whatsapp' | 'telegram' | 'instagram' | 'viber' | 'email' | 'web';
    };
    CreatedApiKeyResponse: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      createdBy: string | null;
      /** Format: uuid */
      id: string;
      /** @description Shown this once; send it as `x-api-key` or `Authorization: Bearer` */
      key: string;
      /**
       * Format: date-time
       * @description To the minute
       */
      lastUsedAt: string | null;
      name: string;
      /** @description The key’s first 12 characters, to recognise it by */
      prefix: string;
      /** Format: date-time */
      revokedAt: string | null;
      /** @enum {string} */
      role: 'admin' | 'agent';
    };
    CreatedInvitationResponse: {
      /** Format: date-time */
      acceptedAt: string | null;
      /** @example /accept-invitation?token=cxi_… */
      acceptUrl: string;
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      invitedBy: string | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** @enum {string} */
      role: 'admin' | 'agent';
      /** @enum {string} */
      status: 'pending' | 'accepted' | 'revoked' | 'expired';
      /** @description Shown this once; only its hash is stored */
      token: string;
    };
    CreateFaqDto: {
      answer: string;
      /** @example How do I reset my password? */
      question: string;
    };
    CreateInvitationDto: {
      /** @example grace@example.com */
      email: string;
      /** @enum {string} */
      role: 'admin' | 'agent';
    };
    CreateSnippetDto: {
      content: string;
      /** @example Refund policy */
      title: string;
    };
    CreateWebsiteSourceDto: {
      /**
       * @description links from the URL
       * @default 3
       */
      maxDepth?: number;
      /** @default 200 */
      maxPages?: number;
      /** @description Defaults to the URL host */
      name?: string;
      /**
       * @description http or https only; no credentials; not localhost nor a loopback, private or link-local address
       * @example https://docs.example.com/sitemap.xml
       */
      sitemapUrl?: string;
      /**
       * @description http or https only; no credentials; not localhost nor a loopback, private or link-local address
       * @example https://docs.example.com/
       */
      url: string;
    };
    CsatResponse: {
      /** @description 1 to 5 */
      average: number | null;
      /** @enum {string} */
      bucket: 'day' | 'week' | 'month';
      /**
       * @example {
       *       "1": 0,
       *       "2": 1,
       *       "3": 0,
       *       "4": 5,
       *       "5": 12
       *     }
       */
      distribution: Record<string, never>;
      /** @example 2026-11-01 */
      from: string;
      ratings: number;
      rows: components['schemas']['CsatRowResponse'][];
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
    };
    CsatRowResponse: {
      /** @description '' for conversations no agent had */
      agentId: string;
      agentName: string;
      /** @description 1 to 5 */
      average: number | null;
      bucket: string;
      ratings: number;
    };
    CsatSubmitDto: {
      comment?: string;
      /**
       * Format: uuid
       * @description The closed conversation being rated
       */
      conversationId: string;
      rating: number;
    };
    CustomerCostResponse: {
      /** @description USD, by the price table (LLM_PRICES) when the usage was written */
      costUsd: number;
      customerId: string;
      customerName: string;
      embeddingCalls: number;
      embeddingTokens: number;
      llmCalls: number;
      llmCompletionTokens: number;
      llmPromptTokens: number;
      /** @description zScore of 3 or more */
      outlier: boolean;
      /** @description Standard deviations above the mean cost per customer */
      zScore: number | null;
    };
    CustomerCostsResponse: {
      count: number;
      meanCostUsd: number;
      stddevCostUsd: number;
      top: components['schemas']['CustomerCostResponse'][];
    };
    CustomerDetailResponse: {
      avatarUrl: string | null;
      /** Format: date-time */
      createdAt: string;
      email: string | null;
      /** Format: uuid */
      id: string;
      identities: components['schemas']['CustomerIdentityResponse'][];
      locale: string | null;
      metadata: {
        [key: string]: unknown;
      };
      name: string | null;
      phone: string | null;
      tags: string[];
      /** Format: date-time */
      updatedAt: string;
    };
    CustomerIdentityResponse: {
      /** Format: uuid */
      channelId: string;
      /** @enum {string} */
      channelType: 'messenger' | 'whatsapp' | 'telegram' | 'instagram' | 'viber' | 'email' | 'web';
      /** @description The customer’s id on that platform (PSID, phone, chat id…) */
      externalId: string;
    };
    CustomerPageResponse: {
      items: components['schemas']['CustomerResponse'][];
      nextCursor: string | null;
    };
    CustomerResponse: {
      avatarUrl: string | null;
      /** Format: date-time */
      createdAt: string;
      email: string | null;
      /** Format: uuid */
      id: string;
      locale: string | null;
      metadata: {
        [key: string]: unknown;
      };
      name: string | null;
      phone: string | null;
      tags: string[];
      /** Format: date-time */
      updatedAt: string;
    };
    DeadLetterPageResponse: {
      items: components['schemas']['DeadLetterResponse'][];
      nextCursor: string | null;
    };
    DeadLetterResponse: {
      /** @description How many times it was tried */
      attempts: number;
      channelId: string | null;
      conversationId: string | null;
      /** Format: date-time */
      createdAt: string;
      id: string;
      /** @description The original, as it was received */
      payload: Record<string, never>;
      /** @description Why it kept failing (the last error) */
      reason: string;
      /**
       * @description inbound: a platform message that could not be accepted; conversation_pipeline: a message the bot could not handle
       * @enum {string}
       */
      source: 'inbound' | 'conversation_pipeline';
    };
    DocumentPageResponse: {
      items: components['schemas']['DocumentResponse'][];
      nextCursor: string | null;
    };
    DocumentResponse: {
      /** Format: uuid */
      botId: string;
      /** Format: date-time */
      createdAt: string;
      filename: string;
      /** Format: uuid */
      id: string;
      mimeType: string;
      pageCount: number | null;
      /** @description hex SHA-256 of the uploaded file */
      sha256: string;
      sizeBytes: number;
      /** @description Processing state of the document’s source */
      source: components['schemas']['DocumentSourceStatus'] | null;
      /** Format: uuid */
      sourceId: string;
      /** Format: date-time */
      updatedAt: string;
    };
    DocumentSourceStatus: {
      error: string | null;
      progress: number;
      /** @enum {string} */
      status: 'queued' | 'processing' | 'ready' | 'failed';
    };
    FaqPageResponse: {
      items: components['schemas']['FaqResponse'][];
      nextCursor: string | null;
    };
    FaqResponse: {
      answer: string;
      /** Format: uuid */
      botId: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      question: string;
      /** Format: date-time */
      updatedAt: string;
    };
    FlagEvaluationResponse: {
      flagKey: string;
      /** @description LaunchDarkly's reason: { kind, ruleIndex?, errorKind? … } */
      reason: Record<string, never>;
      /** @description The variation served (any JSON) */
      value: Record<string, never>;
      variationIndex: number | null;
    };
    FlagsResponse: {
      flags: {
        [key: string]: components['schemas']['FlagEvaluationResponse'];
      };
    };
    IdentitySecretResponse: {
      /** @description Shown this once: sign each visitor id on your server with HMAC-SHA256 under it and send the hex digest as customer.userHash */
      identitySecret: string;
    };
    IdentityVerificationResponse: {
      /** @description Whether an identity secret has been issued */
      configured: boolean;
      /** @description Whether unsigned visitor ids are refused */
      required: boolean;
    };
    IngestionResponse: {
      /** @enum {string} */
      bucket: 'day' | 'week' | 'month';
      /** @example 2026-11-01 */
      from: string;
      rows: components['schemas']['IngestionRowResponse'][];
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
      totals: components['schemas']['IngestionWorkResponse'];
    };
    IngestionRowResponse: {
      botId: string;
      botName: string;
      /**
       * @description The day (or Monday of the week, month)
       * @example 2026-11-29
       */
      bucket: string;
      chunks: number;
      failures: number;
      pages: number;
      /** @description Ingestion runs finished, failed ones included */
      runs: number;
      /** @description Time the runs took, in seconds */
      seconds: number;
    };
    IngestionWorkResponse: {
      chunks: number;
      failures: number;
      pages: number;
      /** @description Ingestion runs finished, failed ones included */
      runs: number;
      /** @description Time the runs took, in seconds */
      seconds: number;
    };
    InvitationPageResponse: {
      items: components['schemas']['InvitationResponse'][];
      nextCursor: string | null;
    };
    InvitationResponse: {
      /** Format: date-time */
      acceptedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      invitedBy: string | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** @enum {string} */
      role: 'admin' | 'agent';
      /** @enum {string} */
      status: 'pending' | 'accepted' | 'revoked' | 'expired';
    };
    KnowledgeHitResponse: {
      chunkId: string;
      documentId: string | null;
      headingPath: string;
      /** @description BM25, when hybrid search ran */
      lexicalScore: number | null;
      /** @enum {string} */
      partition: 'documents' | 'websites' | 'faqs' | 'snippets';
      position: number;
      /** @description Fused, boosted score the ranking used */
      score: number;
      /** Format: uuid */
      sourceId: string;
      text: string;
      title: string;
      updatedAt: string;
      /** @description Cosine similarity before re-ranking; null when only full-text search found it */
      vectorScore: number | null;
    };
    KnowledgeIndexResponse: {
      /** Format: date-time */
      checkedAt: string | null;
      /** @description Chunks embedded with another model: searchable again once their source is reprocessed */
      chunksInOtherSpaces: number;
      /** @description Records the bot should have in the vector store */
      expected: number;
      /** @description Whether the last check failed (the reason is in core-ai's log) */
      failed: boolean;
      /** @description Of those, how many the last check found missing */
      missing: number;
      /** @description Records in the store that no source of the bot accounts for */
      orphans: number;
      /** @description Orphans the last check removed */
      removed: number;
      /** @description Missing records the last check wrote again */
      repaired: number;
      /** @description Sources being ingested during the check, left alone */
      sourcesInFlight: number;
      /**
       * @description complete: the last check found every record PostgreSQL holds in the vector store, or wrote the missing ones again; incomplete: the last check or its repair failed, so some knowledge may be unsearchable; unknown: never checked
       * @enum {string}
       */
      state: 'complete' | 'incomplete' | 'checking' | 'unknown';
    };
    KnowledgeSearchResponse: {
      items: components['schemas']['KnowledgeHitResponse'][];
      tookMs: number;
    };
    KnowledgeSettingsDto: {
      faqBoost?: number | null;
      hybridSearch?: boolean | null;
      maxContextTokens?: number | null;
      recencyHalfLifeDays?: number | null;
      /**
       * @description Re-rank with term proximity and coverage (local) or with the bot's model (llm)
       * @enum {string}
       */
      rerank?: 'local' | 'llm';
      /** @description Share of questions the knowledge cannot answer that the bot may answer anyway; sets the answerability threshold (default 0.05) */
      targetFalseAnswerRate?: Record<string, never>;
      topK?: number | null;
    };
    KnowledgeSettingsResponse: {
      faqBoost?: number;
      hybridSearch?: boolean;
      maxContextTokens?: number;
      recencyHalfLifeDays?: number;
      /** @enum {string} */
      rerank?: 'local' | 'llm';
      targetFalseAnswerRate?: number;
      topK?: number;
    };
    LogInDto: {
      email: string;
      password: string;
      /** @description Workspace to sign in to; the oldest membership when omitted */
      workspaceId?: string;
    };
    MemberPageResponse: {
      items: components['schemas']['MemberResponse'][];
      nextCursor: string | null;
    };
    MemberResponse: {
      /** @enum {string} */
      availability: 'online' | 'idle' | 'offline';
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lastSeenAt: string | null;
      maxConcurrentConversations: number;
      name: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'agent';
      /** Format: uuid */
      userId: string;
    };
    MessageVolumeResponse: {
      /** @enum {string} */
      bucket: 'hour' | 'day';
      /** @example 2026-11-01 */
      from: string;
      /** @enum {string} */
      groupBy: 'bot' | 'channel';
      rows: components['schemas']['MessageVolumeRowResponse'][];
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
    };
    MessageVolumeRowResponse: {
      agentMessages: number;
      botMessages: number;
      /**
       * @description Bucket start (hour) or date
       * @example 2026-11-29T14:00:00
       */
      bucket: string;
      customerMessages: number;
      /** @description The bot's id, or the channel type */
      key: string;
      name: string;
      total: number;
    };
    MyWorkspaceListResponse: {
      items: components['schemas']['MyWorkspaceResponse'][];
    };
    MyWorkspaceResponse: {
      /** @description The workspace of the token that asked */
      current: boolean;
      /** Format: uuid */
      id: string;
      name: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'agent';
      slug: string;
    };
    PlaygroundCitationResponse: {
      chunkId: string;
      documentId: string | null;
      /** @enum {string} */
      partition: 'documents' | 'websites' | 'faqs' | 'snippets';
      position: number;
      score: number;
      /** Format: uuid */
      sourceId: string;
      title: string;
    };
    PlaygroundTurnDto: {
      /** @enum {string} */
      role: 'customer' | 'bot';
      text: string;
    };
    PlaygroundVerdictResponse: {
      /** @description The model’s own verdict: did the knowledge hold the answer? */
      haveEnoughInformation: boolean;
      /**
       * @description answered (grounded), generated (AI_GENERATE sent it anyway), fallback (INPUT_ANSWER), silent (NO_REPLY)
       * @enum {string}
       */
      outcome: 'answered' | 'generated' | 'fallback' | 'silent';
    };
    PutSlaPolicyDto: {
      /** @example 3600 */
      firstResponseSeconds: number;
      /** @example 86400 */
      resolutionSeconds: number;
    };
    RefreshTokenDto: {
      refreshToken: string;
    };
    SearchKnowledgeDto: {
      /** @example refund delay */
      query: string;
      /** @description Per partition, before merging */
      topK?: number;
    };
    SentimentResponse: {
      /** @enum {string} */
      bucket: 'day' | 'week' | 'month';
      /** @example 2026-11-01 */
      from: string;
      /** @example -0.2 */
      negativeBelow: number;
      rows: components['schemas']['SentimentRowResponse'][];
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
    };
    SentimentRowResponse: {
      /** @description In [-1, 1] */
      averageSentiment: number | null;
      botId: string;
      botName: string;
      /**
       * @description Monday of the week (or the day, month)
       * @example 2026-11-23
       */
      bucket: string;
      conversations: number;
      messages: number;
      negativeConversations: number;
      /** @description negativeConversations / conversations */
      negativeShare: number | null;
    };
    SessionResponse: {
      accessToken: string;
      /** @description seconds */
      accessTokenExpiresIn: number;
      refreshToken: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'agent';
      /** @example Bearer */
      tokenType: string;
      workspaceId: string;
    };
    SignUpDto: {
      /** @example ada@example.com */
      email: string;
      /** @example Ada Lovelace */
      name: string;
      password: string;
      /** @example Acme Support */
      workspaceName: string;
    };
    SlaResponse: {
      /** @enum {string} */
      bucket: 'day' | 'week' | 'month';
      /** @example 2026-11-01 */
      from: string;
      rows: components['schemas']['SlaRowResponse'][];
      /**
       * @description Exclusive
       * @example 2026-12-01
       */
      to: string;
    };
    SlaRowResponse: {
      /** @description Seconds */
      averageFirstResponseSeconds: number | null;
      /** @description Seconds */
      averageResolutionSeconds: number | null;
      bucket: string;
      firstResponseBreaches: number;
      /** @description Share within target */
      firstResponseRate: number | null;
      firstResponses: number;
      firstResponsesWithinTarget: number;
      resolutionBreaches: number;
      /** @description Share within target */
      resolutionRate: number | null;
      resolved: number;
      resolvedWithinTarget: number;
    };
    SmallTalkRepliesDto: {
      goodbye?: string;
      greeting?: string;
      identity?: string;
      thanks?: string;
      wellbeing?: string;
    };
    SmallTalkSettingsDto: {
      /** @default true */
      enabled?: boolean;
      /** @description Default: all */
      intents?: ('greeting' | 'thanks' | 'identity' | 'wellbeing' | 'goodbye')[];
      replies?: components['schemas']['SmallTalkRepliesDto'];
    };
    SnippetPageResponse: {
      items: components['schemas']['SnippetResponse'][];
      nextCursor: string | null;
    };
    SnippetResponse: {
      /** Format: uuid */
      botId: string;
      content: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      title: string;
      /** Format: date-time */
      updatedAt: string;
    };
    SourcePageResponse: {
      items: components['schemas']['SourceResponse'][];
      nextCursor: string | null;
    };
    SourceResponse: {
      /** Format: uuid */
      botId: string;
      /** @description website: { url, sitemapUrl, maxPages, maxDepth } */
      config: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      createdAt: string;
      /** @description Why the latest run failed */
      error: string | null;
      /** Format: uuid */
      id: string;
      name: string;
      /** @description Percent complete of the latest run */
      progress: number;
      /** @description Counters of the latest run */
      stats: components['schemas']['SourceStatsResponse'];
      /** @enum {string} */
      status: 'queued' | 'processing' | 'ready' | 'failed';
      /** @enum {string} */
      type: 'document' | 'website' | 'faq' | 'snippet';
      /** Format: date-time */
      updatedAt: string;
    };
    SourceStatsResponse: {
      /** @description Chunks indexed */
      chunks: number;
      /** @description Chunks whose embedding this run computed */
      embedded: number;
      /** @description Pages read (PDF pages, crawled web pages) */
      pages: number;
      /** @description Chunks whose existing embedding was reused */
      reused: number;
    };
    StartWidgetSessionDto: {
      /** @description The bot's publicKey, as embedded in the widget script */
      botKey: string;
      customer?: components['schemas']['WidgetCustomerDto'];
    };
    SwitchWorkspaceDto: {
      /**
       * Format: uuid
       * @description A workspace the signed-in user is a member of
       */
      workspaceId: string;
    };
    TryAnswerDto: {
      /** @description Earlier turns of the trial conversation, oldest first */
      history?: components['schemas']['PlaygroundTurnDto'][];
      /** @example How do I return my boots? */
      question: string;
    };
    TryAnswerResponse: {
      /** @description What a customer would be sent; empty when the bot stays silent */
      answer: string;
      /** @description Why: the answerability score, threshold and features (null for small talk) */
      answerability: components['schemas']['AnswerabilityResponse'] | null;
      /** @description The model’s answer when it said NO */
      attemptedAnswer: string | null;
      /** @description What the answer cites */
      citations: components['schemas']['PlaygroundCitationResponse'][];
      model: string;
      provider: string;
      /** @description What retrieval found for the question, best first, with scores */
      retrieved: components['schemas']['KnowledgeHitResponse'][];
      tookMs: number;
      verdict: components['schemas']['PlaygroundVerdictResponse'];
    };
    UnansweredQuestionResponse: {
      /** @example 2026-11-29T14:03:12 */
      lastAskedAt: string;
      question: string;
      times: number;
    };
    UpdateBotDto: {
      /** @description What the bot says when it has no answer; must not be blank for INPUT_ANSWER */
      fallbackMessage?: string;
      /**
       * @description Open a ticket whenever the bot is unsure, also under INPUT_ANSWER and AI_GENERATE (NO_REPLY always does)
       * @default false
       */
      handoffOnUnknown?: boolean;
      /**
       * @example [
       *       "talk to a human"
       *     ]
       */
      handoffPhrases?: string[];
      /** @default true */
      isActive?: boolean;
      knowledgeSettings?: components['schemas']['KnowledgeSettingsDto'];
      /** @example en-US */
      language?: string;
      /** @example gpt-4o-mini */
      llmModel?: string;
      /**
       * @default local
       * @enum {string}
       */
      llmProvider?: 'local' | 'openai' | 'anthropic';
      name?: string;
      /**
       * @description Accept widget visitors only with a signed id (customer.externalId + customer.userHash); issue the secret with POST bots/:id/identity-secret
       * @default false
       */
      requireVerifiedIdentity?: boolean;
      smallTalk?: components['schemas']['SmallTalkSettingsDto'];
      systemPrompt?: string;
      /** @default 0.2 */
      temperature?: number;
      /**
       * @default INPUT_ANSWER
       * @enum {string}
       */
      typeReplyUnknown?: 'INPUT_ANSWER' | 'AI_GENERATE' | 'NO_REPLY';
    };
    UpdateChannelDto: {
      /**
       * Format: uuid
       * @description A bot of this workspace; null leaves the channel without a bot
       */
      botId?: string | null;
      /** @description Write-only; never returned. Required per type: telegram: botToken; viber: authToken (settings: senderName, senderAvatar); messenger: pageAccessToken, appSecret, verifyToken (settings: pageId); instagram: pageAccessToken, appSecret, verifyToken (settings: igUserId); whatsapp: accessToken, appSecret, verifyToken (settings: phoneNumberId, wabaId, templateName, templateLanguage); email: smtpPassword, imapPassword, dkimPrivateKey (settings: addresses, fromAddress, fromName, smtp, imap, dkim). PATCH merges. */
      credentials?: {
        [key: string]: string;
      };
      /** @description The platform account: page id, phone number id, bot username… */
      externalId?: string | null;
      /** @default true */
      isActive?: boolean;
      name?: string;
      /** @description Per-type options (whatsapp: templateName, templateLanguage). PATCH merges; null removes a key. */
      settings?: {
        [key: string]: unknown;
      };
    };
    UpdateCustomerDto: {
      /** @example grace@example.com */
      email?: string | null;
      /** @example vi-VN */
      locale?: string | null;
      /** @description Replaces the metadata; at most 50 keys */
      metadata?: {
        [key: string]: unknown;
      };
      name?: string | null;
      /** @example +84 912 345 678 */
      phone?: string | null;
      /** @description Replaces the tags; 1..50 characters each, duplicates dropped */
      tags?: string[];
    };
    UpdateFaqDto: {
      answer?: string;
      question?: string;
    };
    UpdateMemberDto: {
      /**
       * @description Any member may change their own; changing someone else’s needs admin
       * @enum {string}
       */
      availability?: 'online' | 'idle' | 'offline';
      maxConcurrentConversations?: number;
      /**
       * @description Admins may set agent or admin; only an owner may grant or take away owner
       * @enum {string}
       */
      role?: 'owner' | 'admin' | 'agent';
    };
    UpdateSnippetDto: {
      content?: string;
      title?: string;
    };
    UpdateTicketDto: {
      /**
       * @description Recomputes the SLA targets not reached yet
       * @enum {string}
       */
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      /**
       * @description open → pending → solved → closed; a solved ticket may reopen, a closed one not
       * @enum {string}
       */
      status?: 'open' | 'pending' | 'solved' | 'closed';
      subject?: string;
      /** @description Replaces the tags */
      tags?: string[];
    };
    UpdateWorkspaceDto: {
      /** @example Acme Support */
      name?: string;
      /** @description Merged into the current settings key by key; a key set to null is removed. At most 16 KiB as JSON. */
      settings?: {
        [key: string]: unknown;
      };
      /**
       * @description IANA time zone
       * @example Europe/Berlin
       */
      timezone?: string;
    };
    UploadDocumentsBody: {
      /** @description One or more files */
      files: string[];
    };
    UploadDocumentsResponse: {
      /** @description In the order the files were sent */
      items: components['schemas']['UploadedDocumentResponse'][];
    };
    UploadedDocumentResponse: {
      /** Format: uuid */
      documentId: string;
      filename: string;
      /**
       * @description Detected from the content, not the extension
       * @enum {string}
       */
      mimeType:
        | 'application/pdf'
        | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        | 'text/html'
        | 'text/csv'
        | 'text/markdown'
        | 'text/plain';
      /** @description hex SHA-256 of the file */
      sha256: string;
      sizeBytes: number;
      /**
       * Format: uuid
       * @description Follow it on GET /sources/{id}
       */
      sourceId: string;
      /** @enum {string} */
      status: 'queued' | 'processing' | 'ready' | 'failed';
    };
    UsageResponse: {
      /** @description USD, by the price table (LLM_PRICES) when the usage was written */
      costUsd: number;
      embeddingCalls: number;
      embeddingTokens: number;
      llmCalls: number;
      llmCompletionTokens: number;
      llmPromptTokens: number;
    };
    WebhookSecretResponse: {
      webhookPath: string;
      /** @description Shown once: configure it on the platform side now */
      webhookSecret: string;
    };
    WidgetBotResponse: {
      id: string;
      name: string;
    };
    WidgetCustomerDto: {
      email?: string;
      /** @description The site's own id for the visitor, or the anon_ id a previous session returned */
      externalId?: string;
      /** @example en-US */
      locale?: string;
      name?: string;
      /** @description HMAC-SHA256 of externalId under the bot's identity secret, hex: proves the site vouches for the visitor. Without it an externalId never resumes an existing customer. */
      userHash?: string;
    };
    WidgetCustomerResponse: {
      email: string | null;
      id: string;
      locale: string | null;
      name: string | null;
    };
    WidgetMessageDto: {
      /** @description The client's id for this message, the same on every retry: a message sent again with it is not stored twice */
      clientMessageId?: string;
      text: string;
    };
    WidgetSessionInfoResponse: {
      bot: components['schemas']['WidgetBotResponse'];
      customer: components['schemas']['WidgetCustomerResponse'];
    };
    WidgetSessionResponse: {
      botId: string;
      channelId: string;
      customerId: string;
      /** @description seconds */
      expiresIn: number;
      /** @description Persist it (e.g. localStorage) to resume as the same customer */
      externalId: string;
      /** @description Bearer token for the widget routes */
      sessionToken: string;
    };
    WorkspaceResponse: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      name: string;
      settings: {
        [key: string]: unknown;
      };
      slug: string;
      /** @enum {string} */
      tenancyMode: 'shared' | 'dedicated';
      /** @example UTC */
      timezone: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  AnalyticsController_agents: {
    parameters: {
      query: {
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgentPerformanceResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AnalyticsController_availability: {
    parameters: {
      query: {
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AvailabilityResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AnalyticsController_bots: {
    parameters: {
      query: {
        /** @description Only this bot */
        botId?: string;
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        /** @description Length of the top lists */
        limit?: number;
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BotPerformanceResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AnalyticsController_costs: {
    parameters: {
      query: {
        /** @description Bucket size; which ones a report offers is in its description. Weeks start on Monday. */
        bucket?: 'hour' | 'day' | 'week' | 'month';
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        /** @description Length of the customer list */
        limit?: number;
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CostResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AnalyticsController_csat: {
    parameters: {
      query: {
        /** @description Bucket size; which ones a report offers is in its description. Weeks start on Monday. */
        bucket?: 'hour' | 'day' | 'week' | 'month';
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CsatResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AnalyticsController_ingestion: {
    parameters: {
      query: {
        /** @description Bucket size; which ones a report offers is in its description. Weeks start on Monday. */
        bucket?: 'hour' | 'day' | 'week' | 'month';
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IngestionResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AnalyticsController_messages: {
    parameters: {
      query: {
        /** @description Only this bot */
        botId?: string;
        /** @description Bucket size; which ones a report offers is in its description. Weeks start on Monday. */
        bucket?: 'hour' | 'day' | 'week' | 'month';
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        groupBy?: 'bot' | 'channel';
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessageVolumeResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AnalyticsController_sentiment: {
    parameters: {
      query: {
        /** @description Only this bot */
        botId?: string;
        /** @description Bucket size; which ones a report offers is in its description. Weeks start on Monday. */
        bucket?: 'hour' | 'day' | 'week' | 'month';
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        groupBy?: 'bot' | 'channel';
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SentimentResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AnalyticsController_sla: {
    parameters: {
      query: {
        /** @description Bucket size; which ones a report offers is in its description. Weeks start on Monday. */
        bucket?: 'hour' | 'day' | 'week' | 'month';
        /** @description First moment counted. In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        from: string;
        /** @description First moment not counted (at most 13 months after from). In the workspace's time zone: a date (`2026-11-01`) or a local date and time (`2026-11-01T09:00`). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ApiKeysController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyPageResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApiKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKeyResponse'];
        };
      };
      /** @description Invalid name or role */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApiKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked; the key is refused from now on */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such API key in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LogInDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Too many attempts from this address for this account */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshTokenDto'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Too many attempts from this address for this account */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Too many attempts from this address for this account */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshTokenDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Too many attempts from this address for this account */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_signup: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SignUpDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Too many attempts from this address for this account */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  WorkspaceAccessController_switch: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SwitchWorkspaceDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Not a signed-in member, or not a member of that workspace */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  WorkspaceAccessController_workspaces: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyWorkspaceListResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Not a signed-in member, or not a member of that workspace */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BotsController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BotPageResponse'];
        };
      };
      /** @description Invalid limit or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BotsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateBotDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BotResponse'];
        };
      };
      /** @description Invalid settings; details name each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DocumentsController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentPageResponse'];
        };
      };
      /** @description Invalid cursor or limit */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Bot (or document) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DocumentsController_upload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': components['schemas']['UploadDocumentsBody'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadDocumentsResponse'];
        };
      };
      /** @description No files, an empty file, or too many files */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or document) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A file is over the upload size limit; named */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A file is of an unsupported type; named */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Stored, but processing could not be queued */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DocumentsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Bot (or document) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DocumentsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or document) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FAQEntriesController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        /** @description Case-insensitive substring of the question */
        q?: string;
      };
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FaqPageResponse'];
        };
      };
      /** @description Invalid filter or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Bot (or FAQ) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FAQEntriesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateFaqDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FaqResponse'];
        };
      };
      /** @description Invalid fields, named in details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or FAQ) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FAQEntriesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FaqResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Bot (or FAQ) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FAQEntriesController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or FAQ) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FAQEntriesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateFaqDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FaqResponse'];
        };
      };
      /** @description Invalid fields, named in details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or FAQ) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PlaygroundController_search: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SearchKnowledgeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KnowledgeSearchResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such bot in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The answer engine (core-ai) failed; the message says how */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PlaygroundController_tryIt: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TryAnswerDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TryAnswerResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such bot in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The answer engine (core-ai) failed; the message says how */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnippetEntriesController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        /** @description Case-insensitive substring of the title */
        q?: string;
      };
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnippetPageResponse'];
        };
      };
      /** @description Invalid filter or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Bot (or Snippet) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnippetEntriesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSnippetDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnippetResponse'];
        };
      };
      /** @description Invalid fields, named in details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or Snippet) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnippetEntriesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnippetResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Bot (or Snippet) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnippetEntriesController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or Snippet) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnippetEntriesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSnippetDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnippetResponse'];
        };
      };
      /** @description Invalid fields, named in details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or Snippet) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SourcesController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        status?: 'queued' | 'processing' | 'ready' | 'failed';
        type?: 'document' | 'website' | 'faq' | 'snippet';
      };
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SourcePageResponse'];
        };
      };
      /** @description Invalid filter or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Bot (or source) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SourcesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SourceResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Bot (or source) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SourcesController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or source) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SourcesController_recrawl: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SourceResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or source) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not a website source, or already queued or processing */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The crawl could not be queued */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SourcesController_reprocess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SourceResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or source) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not a document source, or already queued or processing */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The run could not be queued */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SourcesController_createWebsite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        botId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebsiteSourceDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SourceResponse'];
        };
      };
      /** @description Invalid fields, named in details; url/sitemapUrl must be public http(s) URLs */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bot (or source) not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Saved, but the crawl could not be queued */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BotsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BotDetailResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such bot in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BotsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Soft-deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such bot in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BotsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateBotDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BotResponse'];
        };
      };
      /** @description Invalid settings; details name each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such bot in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BotsController_rotateIdentitySecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IdentitySecretResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such bot in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BotsController_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BotResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such bot in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelCatalogController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelTypeListResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ChannelsController_list: {
    parameters: {
      query?: {
        botId?: string;
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        type?: 'messenger' | 'whatsapp' | 'telegram' | 'instagram' | 'viber' | 'email' | 'web';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelPageResponse'];
        };
      };
      /** @description Invalid filter, limit or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateChannelDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelResponse'];
        };
      };
      /** @description Invalid fields, or credentials/settings that do not fit the type; details name each */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description externalId is already connected for this type */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description botId is not a bot of this workspace */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such channel in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Soft-deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such channel in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateChannelDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelResponse'];
        };
      };
      /** @description Invalid fields, or credentials/settings that do not fit the type; details name each */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such channel in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description externalId is already connected for this type */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description botId is not a bot of this workspace */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSecretResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Writes need the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such channel in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationsController_list: {
    parameters: {
      query?: {
        /** @description Assigned member's user id */
        assignee?: string;
        botId?: string;
        /** @description Channel type */
        channel?: 'messenger' | 'whatsapp' | 'telegram' | 'instagram' | 'viber' | 'email' | 'web';
        channelId?: string;
        /** @description nextCursor of the previous page */
        cursor?: string;
        /** @description Last activity at or after (ISO 8601) */
        from?: string;
        limit?: number;
        /** @description By the mean sentiment of the customer's messages (judged ones only) */
        sentiment?: 'negative' | 'neutral' | 'positive';
        status?: 'bot' | 'human' | 'closed';
        /** @description Last activity before (ISO 8601) */
        to?: string;
        /** @description Only conversations nobody is assigned to */
        unassigned?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { items, nextCursor }: newest activity first, with customer and last message */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ConversationsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such conversation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationActionsController_closeConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Closed; the customer is asked for a 1–5 rating */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such conversation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already closed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationActionsController_getContext: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What an agent needs beside the transcript: the bot's answers with their sources, the ticket, the rating */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such conversation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationActionsController_handback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Bot mode, unassigned; the bot answers the next message */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such conversation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The conversation is closed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationsController_messages: {
    parameters: {
      query?: {
        /** @description Messages after this sequence number, oldest first (catching up) */
        afterSeq?: number;
        /** @description Messages before this sequence number (scrolling back) */
        beforeSeq?: number;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such conversation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationActionsController_reply: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AgentMessageWithFilesDto'];
        'multipart/form-data': components['schemas']['AgentMessageWithFilesDto'];
      };
    };
    responses: {
      /** @description Persisted in order and on its way to the customer */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Empty or oversized text; too many, too large, empty or refused files */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Called with an API key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such conversation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The conversation is closed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Files on a conversation whose channel cannot carry them (only email's can) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationsController_attachmentOf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        index: number;
        messageId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The bytes, as an attachment named as it was sent */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such message or attachment in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationsController_emailOriginalOf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        messageId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { html }: a received mail's original HTML, as the sender wrote it */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such message, or it has no HTML */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationActionsController_reopenConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Human mode again, assigned to the caller */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Called with an API key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such conversation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The conversation is not closed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationActionsController_takeover: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Human mode, assigned to the caller; the bot falls silent */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Called with an API key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such conversation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The conversation is closed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CustomersController_list: {
    parameters: {
      query?: {
        /** @description Customers known on this channel */
        channelId?: string;
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        /** @description Case-insensitive substring of the name or email */
        q?: string;
        /** @description Customers carrying this tag (exact match) */
        tag?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerPageResponse'];
        };
      };
      /** @description Invalid filter or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CustomersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerDetailResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Customer not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CustomersController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Soft-deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Customer not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CustomersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateCustomerDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerResponse'];
        };
      };
      /** @description Invalid fields, named in details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Customer not found in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DeadLettersController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeadLetterPageResponse'];
        };
      };
      /** @description Invalid limit or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FlagsController_list: {
    parameters: {
      query?: {
        /** @description Evaluate for this bot of the workspace too */
        botId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlagsResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  InvitationsController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Pending invitations, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationPageResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  InvitationsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateInvitationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedInvitationResponse'];
        };
      };
      /** @description Invalid email or role */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The email already belongs to a member */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  InvitationsController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked; its link no longer works */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such invitation in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already accepted */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  InvitationsController_accept: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptInvitationDto'];
      };
    };
    responses: {
      /** @description Signed in to the invited workspace */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'];
        };
      };
      /** @description Invalid body, or no name for a new account */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Wrong password for the existing account */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unknown token */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already a member of the workspace */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invitation used, revoked or expired */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many attempts with this token */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MembersController_list: {
    parameters: {
      query?: {
        availability?: 'online' | 'idle' | 'offline';
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        role?: 'owner' | 'admin' | 'agent';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberPageResponse'];
        };
      };
      /** @description Invalid filter or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  MembersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such member in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MembersController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Membership removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires admin; removing an owner requires owner */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such member in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The last owner cannot be removed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MembersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMemberDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberResponse'];
        };
      };
      /** @description Invalid role, availability or limit */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Not allowed to make this change */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such member in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Would leave the workspace without an owner */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaPoliciesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { items }: one per priority, defaults where none was set */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  SlaPoliciesController_put: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        priority: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutSlaPolicyDto'];
      };
    };
    responses: {
      /** @description The targets of the priority, as stored */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such priority (low, normal, high, urgent) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SystemController_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  TicketsController_list: {
    parameters: {
      query?: {
        /** @description Assigned member's user id */
        assignee?: string;
        conversationId?: string;
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        priority?: 'low' | 'normal' | 'high' | 'urgent';
        status?: 'open' | 'pending' | 'solved' | 'closed';
        /** @description Tickets carrying this tag */
        tag?: string;
        /** @description Only tickets nobody is assigned to (not with assignee) */
        unassigned?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { items, nextCursor }: newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  TicketsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A ticket: status, priority, tags, assignee, the handoff context (customer, channel, question, the bot's attempted answer, sources, transcript) and its SLA targets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such ticket in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTicketDto'];
      };
    };
    responses: {
      /** @description A ticket: status, priority, tags, assignee, the handoff context (customer, channel, question, the bot's attempted answer, sources, transcript) and its SLA targets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such ticket in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The ticket is closed, or reopening it would give its conversation two */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketsController_assign: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AssignTicketDto'];
      };
    };
    responses: {
      /** @description A ticket: status, priority, tags, assignee, the handoff context (customer, channel, question, the bot's attempted answer, sources, transcript) and its SLA targets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such ticket in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The ticket is not active, or the member is offline */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketsController_claim: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A ticket: status, priority, tags, assignee, the handoff context (customer, channel, question, the bot's attempted answer, sources, transcript) and its SLA targets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Only a signed-in member can claim */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such ticket in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The ticket is not active, or someone else has it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketsController_history: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { items, nextCursor }: every change of the ticket, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such ticket in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketsController_notes: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { items, nextCursor }: internal notes, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such ticket in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketsController_addNoteTo: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddNoteDto'];
      };
    };
    responses: {
      /** @description The note */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description No such ticket in this workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  WidgetCsatController_submit: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CsatSubmitDto'];
      };
    };
    responses: {
      /** @description The rating, linked to the agent and the bot */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rating outside 1–5, or a bad conversation id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Not this customer's conversation */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not closed, not asked, too late, or already rated */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  WidgetMessagesController_send: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WidgetMessageDto'];
      };
    };
    responses: {
      /** @description Persisted with its sequence number and queued for the bot */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description A limit was reached; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  WidgetController_current: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WidgetSessionInfoResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The bearer is not a widget session */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The customer or bot no longer exists */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  WidgetController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartWidgetSessionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WidgetSessionResponse'];
        };
      };
      /** @description Invalid body; details name each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No active bot has this key */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many sessions from this address or for this bot */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  WorkspacesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkspaceResponse'];
        };
      };
      /** @description Invalid input; details name each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description The credentials do not allow this route */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  WorkspacesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateWorkspaceDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkspaceResponse'];
        };
      };
      /** @description Invalid name, time zone or settings */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or expired credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
      /** @description Requires the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            };
            /** @example {} */
            error?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example ok */
            status?: string;
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect"
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            };
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect"
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example error */
            status?: string;
          };
        };
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            };
            /** @example {} */
            error?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example ok */
            status?: string;
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect"
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            };
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect"
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example error */
            status?: string;
          };
        };
      };
    };
  };
  MetricsController_scrape: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
