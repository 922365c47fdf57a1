import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { WidgetSessionCorsMiddleware } from './session-cors.middleware';
import { WebWidgetController } from './web-widget.controller';

/**
 * Serves the embeddable chat widget (`/widget/cxgenie-widget.js`) and a demo shop page embedding
 * it (`/widget/demo`), and lets the widget call its session routes from the customer's own site.
 */
@Module({ controllers: [WebWidgetController] })
export class WebWidgetModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(WidgetSessionCorsMiddleware)
      .forRoutes(
        { path: 'api/v1/widget/sessions', method: RequestMethod.ALL },
        { path: 'api/v1/widget/session', method: RequestMethod.ALL },
      );
  }
}
