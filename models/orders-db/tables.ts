/**
 * The committed contents of Flux-Gate's two tables: `products (id, stock)`
 * and `orders (order_id PRIMARY KEY, product_id)`. Only COMMIT writes here,
 * so whatever a reader sees is committed; this is also what survives a crash
 * (the WAL replays exactly the committed transactions).
 */
export interface OrderRow {
  readonly orderId: string;
  readonly productId: string;
}

export class OrdersTables {
  private readonly stockById = new Map<string, number>();
  private readonly byOrderId = new Map<string, OrderRow>();
  private readonly rows: OrderRow[] = [];

  constructor(initialStock: Readonly<Record<string, number>>) {
    for (const id of Object.keys(initialStock).sort()) {
      const n = initialStock[id]!;
      if (!(Number.isInteger(n) && n >= 0)) throw new Error(`orders-db: initial stock of ${id} must be a non-negative integer, got ${n}`);
      this.stockById.set(id, n);
    }
  }

  /** A product the table does not hold has no stock: its UPDATE matches no row. */
  stock(productId: string): number {
    return this.stockById.get(productId) ?? 0;
  }

  hasOrder(orderId: string): boolean {
    return this.byOrderId.has(orderId);
  }

  get orderCount(): number {
    return this.rows.length;
  }

  /** Rows in commit order. */
  orders(): readonly OrderRow[] {
    return this.rows;
  }

  /** Applies one committed order: its row and its product's decrement, together. */
  commitOrder(orderId: string, productId: string): void {
    const stock = this.stock(productId);
    // The caller held the product's row lock since it saw stock > 0; anything else is a bug in the model.
    if (stock <= 0 || this.byOrderId.has(orderId)) throw new Error(`orders-db: invalid commit of ${orderId} (${productId} stock ${stock})`);
    const row: OrderRow = { orderId, productId };
    this.byOrderId.set(orderId, row);
    this.rows.push(row);
    this.stockById.set(productId, stock - 1);
  }
}
