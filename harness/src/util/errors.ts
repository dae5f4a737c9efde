// What went wrong, as text for a message or a report: anything can be thrown, not only Errors.

/** An Error's message; anything else thrown, as text. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The first line of an Error's message (a JSON parser's or a browser's runs on); anything else thrown, as text. */
export function errorFirstLine(err: unknown): string {
  return err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
}
