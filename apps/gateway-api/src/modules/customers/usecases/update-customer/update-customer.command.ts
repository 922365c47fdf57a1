export interface UpdateCustomerCommand {
  id: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  locale?: string | null;
  tags?: string[];
  metadata?: Record<string, unknown>;
}
