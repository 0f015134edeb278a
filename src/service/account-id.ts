/**
 * The account id rule: it goes into URL paths, so anything but 32 hex characters (`..`, `/`) is
 * refused. A module of its own so that option parsing at start-up can use it without loading
 * checks.ts (and node:net).
 */
export const isAccountId = (s: string): boolean => /^[0-9a-f]{32}$/i.test(s);

/** The one wording of that refusal, naming where the id came from. */
export const accountIdProblem = (label: string, id: string): string => `${label}: must be 32 hexadecimal characters (got ${JSON.stringify(id)})`;
