/** Where the bot writes what happened; messages are redacted before they get here. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
