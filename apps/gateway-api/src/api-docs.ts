import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message', 'details'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: { type: 'string', example: 'email: must be an email' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', example: 'email' },
          message: { type: 'string', example: 'must be an email' },
        },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

/**
 * Every failure of the API has the same shape, so the responses every route can give are added
 * here once instead of on each handler: 400 for input, 401/403 where credentials are required,
 * 404 where a path names a resource. Handlers still document their specific ones (409, 410, 429).
 */
export function withStandardErrors(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ApiError: ERROR_SCHEMA },
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const operation of Object.values(operations) as {
      responses: Record<string, unknown>;
      security?: unknown[];
    }[]) {
      const add = (code: string, description: string) => {
        operation.responses[code] ??= errorResponse(description);
      };
      add('400', 'Invalid input; details name each offending field');
      if ((operation.security ?? []).length > 0) {
        add('401', 'Missing, invalid or expired credentials');
        add('403', 'The credentials do not allow this route');
      }
      if (path.includes('{')) add('404', 'No such resource in this workspace');
    }
  }
  return document;
}

/** OpenAPI generated from the controllers and DTOs: UI at /api/docs, JSON at /api/docs-json. */
export function setUpApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('CX Genie API')
    .setDescription(
      'Dashboard and integration API. Every error answers { statusCode, error, message, details[] }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
    .build();
  const document = withStandardErrors(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
