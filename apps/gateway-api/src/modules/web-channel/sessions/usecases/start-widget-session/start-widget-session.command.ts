export interface StartWidgetSessionCommand {
  botKey: string;
  customer?: {
    externalId?: string;
    name?: string;
    email?: string;
    locale?: string;
  };
}
