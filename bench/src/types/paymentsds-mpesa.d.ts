// @paymentsds/mpesa ships no types; what the bench uses of it.
declare module '@paymentsds/mpesa' {
  export interface RevertAnswer {
    readonly response: { readonly status: number; readonly code?: string; readonly desc?: string };
  }
  export class Client {
    constructor(options: Record<string, unknown>);
    revert(intent: { transaction: string; reference: string; amount: string }): Promise<RevertAnswer>;
    readonly service: { readonly config: { generateAccessToken(): void } };
  }
}
