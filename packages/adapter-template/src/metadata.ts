/** The typed extras of an Acme Money result (`result.metadata`). */
export interface AcmeMoneyMetadata {
  /** What the API said in `message`, when it answered. */
  readonly providerMessage?: string;
  /** The amount the payment still has after this reversal (`remaining`), two decimals, when the API says. */
  readonly remaining?: string;
  readonly [key: string]: unknown;
}
