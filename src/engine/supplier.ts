/**
 * The supplier port: where a sale is fulfilled (a built-in simulator by default, an H2H HTTP
 * supplier in production). `submit` is idempotent by `trxid`: asking again about the same sale
 * returns its status and never tops up twice, which is how H2H suppliers answer a repeated
 * reference and how we recheck "pending" sales and resume after a restart.
 */
export interface SupplierOrder {
  readonly trxid: string;
  readonly product: string;
  readonly dest: string;
}

export type SupplierAnswer =
  | { readonly status: 'success'; readonly sn: string }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'pending' };

export interface Supplier {
  submit(order: SupplierOrder): Promise<SupplierAnswer>;
}
