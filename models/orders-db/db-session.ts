/** How the order transaction ended at the server (orders-db.ts). */
export type PlaceOrderOutcome = 'inserted' | 'duplicate' | 'sold-out';

/**
 * The client connection a transaction runs on, as the server sees it.
 * `closed` turns true when the client's close reaches the server: at the next
 * statement boundary the backend reads end-of-file instead of the next
 * statement and rolls back (a client that gave up never sends COMMIT); once
 * COMMIT has started it completes. `terminated` is called when the server
 * crashes with the transaction open (the OS resets the socket).
 */
export interface DbSession {
  readonly closed: boolean;
  terminated?(): void;
}
