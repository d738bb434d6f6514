/** One order as the client sends it; the order id doubles as the idempotency key. */
export interface Order {
  readonly orderId: string;
  readonly clientId: string;
  readonly productId: string;
}

export type ApiStatus = 200 | 409 | 429 | 500;
export type ApiBody = 'accepted' | 'duplicate' | 'sold-out' | 'rate-limited' | 'error';

export interface ApiReply {
  readonly status: ApiStatus;
  readonly body: ApiBody;
  readonly reason?: string;
}

export const stockKey = (productId: string) => `product:${productId}:stock`;
