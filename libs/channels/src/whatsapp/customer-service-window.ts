/** WhatsApp's customer-service window: free-form messages only within 24 h of the customer's last. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Whether free-form text may be sent now. Never-written and unreadable timestamps count as
 * closed: a template is always allowed, a free-form message outside the window never is.
 */
export function isServiceWindowOpen(lastCustomerMessageAt: string | null, now: number): boolean {
  if (lastCustomerMessageAt === null) return false;
  const last = Date.parse(lastCustomerMessageAt);
  if (Number.isNaN(last)) return false;
  return now - last < CUSTOMER_SERVICE_WINDOW_MS;
}
