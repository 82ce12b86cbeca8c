// Thrown when a set of formats or reply templates cannot be compiled: at start-up, on reload
// and by `pulsagate format ...`. Never thrown for anything a reseller sends.

export interface GrammarErrorDetail {
  /** The config key at fault: a request key, `separators`, or `replies.<key>`. */
  readonly key?: string;
  /** The format (or template) at fault, as written. */
  readonly format?: string;
  readonly reason: string;
}

export class GrammarError extends Error {
  override readonly name = 'GrammarError';
  readonly key: string | undefined;
  readonly format: string | undefined;
  readonly reason: string;

  constructor(detail: GrammarErrorDetail) {
    super(describe(detail));
    this.key = detail.key;
    this.format = detail.format;
    this.reason = detail.reason;
  }
}

function describe({ key, format, reason }: GrammarErrorDetail): string {
  const where = [key, format === undefined ? undefined : `format "${format}"`]
    .filter((part) => part !== undefined)
    .join(' ');
  return where === '' ? `grammar: ${reason}` : `grammar: ${where}: ${reason}`;
}
