/**
 * How much one message may hold on a platform: the digest builder takes these as a parameter and
 * summarises long lists ("… and 12 more") rather than letting the platform reject or cut the post.
 * Characters are counted on the plain-text rendering.
 */
export interface MessageLimits {
  /** Blocks in one message (Slack: 50). */
  maxBlocks: number;
  /** Characters in one block's text (Slack: 3,000 for a section). */
  maxSectionChars: number;
}

/** Slack's limits for a message: 50 blocks, 3,000 characters in a section's text. */
export const SLACK_LIMITS: MessageLimits = { maxBlocks: 50, maxSectionChars: 3000 };

/**
 * WeCom's limit for one markdown message is 4,096 bytes of UTF-8 (a Chinese character takes 3), so a
 * block's text is held to what fits in one message even when every character is Chinese; the adapter
 * packs blocks into messages by bytes. Fewer blocks than Slack: WeCom allows 30 messages a minute to
 * a conversation, and a digest should stay a few messages long.
 */
export const WECOM_LIMITS: MessageLimits = { maxBlocks: 30, maxSectionChars: Math.floor(4096 / 3) };

/**
 * DingTalk's limits as plan-bot uses them: no blocks, but one markdown message of at most 3,500
 * characters (the adapter's MAX_MARKDOWN_CHARS) before it is split into several; a block of 1,500
 * characters stays whole in one message even when escaping doubles it.
 */
export const DINGTALK_LIMITS: MessageLimits = { maxBlocks: 50, maxSectionChars: 1500 };

/** Room left in each block for the markup and escaping an adapter adds (bold ids, `&amp;` …). */
const MARKUP_HEADROOM = 0.9;

/**
 * The limits to build a digest for a platform with. Platforms without hard limits (web chat,
 * console) get Slack's too: a digest that fits Slack is one a person can still read at a glance.
 */
export function limitsFor(platform: string): MessageLimits {
  switch (platform) {
    case 'wecom':
      return { maxBlocks: WECOM_LIMITS.maxBlocks, maxSectionChars: Math.floor(WECOM_LIMITS.maxSectionChars * MARKUP_HEADROOM) };
    case 'dingtalk':
      return DINGTALK_LIMITS;
    case 'slack':
    default:
      return { maxBlocks: SLACK_LIMITS.maxBlocks, maxSectionChars: Math.floor(SLACK_LIMITS.maxSectionChars * MARKUP_HEADROOM) };
  }
}
