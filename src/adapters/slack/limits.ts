/** Slack's documented Block Kit limits the renderers stay within. */
export const LIMITS = {
  /** Characters in one section block's text (and one context element). */
  textBlock: 3000,
  /** Blocks in one message; longer answers continue in further messages. */
  blocksPerMessage: 50,
  /** Elements in one actions block. */
  actionsPerBlock: 25,
  /** Characters in a button's label and value. */
  buttonText: 75,
  buttonValue: 2000,
  /** Notification (fallback) text we send; Slack's own cap is far higher, but nobody reads that much in a notification. */
  fallbackText: 3000,
} as const;
