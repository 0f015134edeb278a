/** Names of Object.prototype members: as a profile they would read or "store" the prototype, not a profile. */
export const RESERVED_PROFILE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
