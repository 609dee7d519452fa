/**
 * User and channel ids carry their platform ("slack:U123", "web:alice", "console:ops"); plain ids
 * ("alice") come from the console and PLANBOT_ADMINS. How they are read and shown, in one place.
 */

/** The platform part of a qualified id: "slack" for "slack:C123"; the whole id when it has none. */
export function platformOf(qualifiedId: string): string {
  const at = qualifiedId.indexOf(':');
  return at > 0 ? qualifiedId.slice(0, at) : qualifiedId;
}

/** The id without its platform prefix: "U123" for "slack:U123". */
export function bareId(qualifiedId: string): string {
  const at = qualifiedId.indexOf(':');
  return at > 0 ? qualifiedId.slice(at + 1) : qualifiedId;
}

/**
 * True when an item owner is the one a filter names. A filter without a platform prefix matches
 * that id on any platform ("alice" matches "web:alice"); case is ignored.
 */
export function ownerMatches(filter: string, owner: string): boolean {
  const f = filter.toLowerCase();
  const o = owner.toLowerCase();
  return f === o || (!f.includes(':') && bareId(o) === f);
}

/**
 * A user as readers see them: the name without its platform ("web:alice" → "alice"); a Slack user
 * keeps the qualified id, which the Slack adapter shows as a real mention.
 */
export function displayUser(id: string): string {
  return platformOf(id) === 'slack' ? id : bareId(id);
}

/** A plain-text mention of a user: "@alice" for "web:alice", a Slack user as displayUser shows them. */
export function mention(userId: string): string {
  return platformOf(userId) === 'slack' ? userId : `@${bareId(userId)}`;
}
