import { sameUser } from './user-ids.js';
import { randomBytes } from 'node:crypto';
import type { Lang } from './reply.js';

/** How long a proposed write waits for its author's confirmation. */
export const PROPOSAL_TTL_MS = 10 * 60 * 1000;

/** A write read from free text that waits for the same user's confirmation in the same channel. */
export interface Proposal {
  token: string;
  intentId: string;
  args: unknown;
  /** The qualified id of who sent it ("web:alice"): only they may confirm it. */
  user: string;
  platform: string;
  channel: string | null;
  lang: Lang;
  /** When it was proposed (ISO) and when it lapses (epoch ms), by the injected clock. */
  at: string;
  expiresAt: number;
}

/** What looking up a proposal to confirm or cancel found. */
export type ProposalLookup =
  | { ok: true; proposal: Proposal }
  | { ok: false; reason: 'none' | 'other-user' | 'other-channel' | 'expired'; proposal?: Proposal }
  | { ok: false; reason: 'settled'; proposal: Proposal; outcome: SettledOutcome };

/** How a proposal was settled: its write recorded, or cancelled. */
export type SettledOutcome = 'recorded' | 'cancelled';

/**
 * Pending proposals, in memory, keyed by token and by user and channel (one pending proposal per user
 * in a channel: a newer one replaces it). Lost on restart, which only means nothing was recorded.
 */
export class ProposalBook {
  private readonly byToken = new Map<string, Proposal>();
  private readonly byAuthor = new Map<string, string>();
  /** Settled proposals, kept one TTL so a second click on Record or Cancel is told what happened. */
  private readonly settledByToken = new Map<string, { proposal: Proposal; outcome: SettledOutcome; until: number }>();

  /** Keeps a proposal and returns it with its token; drops lapsed ones so the book stays small. */
  add(p: Omit<Proposal, 'token' | 'expiresAt'>, now: Date, ttlMs = PROPOSAL_TTL_MS): Proposal {
    this.prune(now);
    const old = this.byAuthor.get(authorKey(p.user, p.channel));
    if (old) this.byToken.delete(old);
    const proposal: Proposal = { ...p, token: randomBytes(4).toString('hex'), expiresAt: now.getTime() + ttlMs };
    this.byToken.set(proposal.token, proposal);
    this.byAuthor.set(authorKey(p.user, p.channel), proposal.token);
    return proposal;
  }

  /** The proposal a token names (or, without one, the user's pending one in this channel), if it may be settled by this user now. */
  find(token: string | null, user: string, channel: string | null, now: Date): ProposalLookup {
    const t = token ?? this.byAuthor.get(authorKey(user, channel));
    const proposal = t ? this.byToken.get(t) : undefined;
    if (!proposal) {
      const settled = token ? this.settledByToken.get(token) : undefined;
      if (!settled || now.getTime() > settled.until) return { ok: false, reason: 'none' };
      if (!sameUser(settled.proposal.user, user)) return { ok: false, reason: 'other-user', proposal: settled.proposal };
      return { ok: false, reason: 'settled', proposal: settled.proposal, outcome: settled.outcome };
    }
    if (!sameUser(proposal.user, user)) return { ok: false, reason: 'other-user', proposal };
    if (proposal.channel !== channel) return { ok: false, reason: 'other-channel', proposal };
    if (now.getTime() > proposal.expiresAt) {
      this.remove(proposal);
      return { ok: false, reason: 'expired', proposal };
    }
    return { ok: true, proposal };
  }

  /** This user's proposal still waiting (not lapsed) in this channel, which a new one would replace; null when none. */
  waiting(user: string, channel: string | null, now: Date): Proposal | null {
    const t = this.byAuthor.get(authorKey(user, channel));
    const proposal = t ? this.byToken.get(t) : undefined;
    return proposal && now.getTime() <= proposal.expiresAt ? proposal : null;
  }

  /** Whether this user has a proposal (even a lapsed one) waiting in this channel: then "yes"/"no" answer it. */
  hasPending(user: string, channel: string | null): boolean {
    return this.byAuthor.has(authorKey(user, channel));
  }

  /** Forgets a proposal once it is confirmed or cancelled. */
  remove(p: Proposal): void {
    this.byToken.delete(p.token);
    if (this.byAuthor.get(authorKey(p.user, p.channel)) === p.token) this.byAuthor.delete(authorKey(p.user, p.channel));
  }

  /** Remembers how a proposal (already removed) was settled, for the clicks that follow. */
  settled(p: Proposal, outcome: SettledOutcome, now: Date, ttlMs = PROPOSAL_TTL_MS): void {
    this.settledByToken.set(p.token, { proposal: p, outcome, until: now.getTime() + ttlMs });
  }

  private prune(now: Date): void {
    for (const [token, s] of this.settledByToken) if (now.getTime() > s.until) this.settledByToken.delete(token);
    // Lapsed proposals are kept one more TTL, so a late "yes" hears "expired" rather than "unknown".
    for (const p of this.byToken.values()) if (now.getTime() > p.expiresAt + PROPOSAL_TTL_MS) this.remove(p);
  }
}

function authorKey(user: string, channel: string | null): string {
  return `${user}\u0000${channel ?? ''}`;
}
