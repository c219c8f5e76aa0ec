/**
 * Every deadline of a signal that still needs something done, by name and earliest first: the same
 * deadlines nextOpenDeadline (deadlines.ts) takes the first of. Lists name the deadline they show
 * ("wettelijke termijn", "bevestiging", "gesprek"), and `termijnen` finds a later deadline inside
 * its window even when an earlier one is already late.
 */
import { awaitsSettlement } from './settlement';
import type { Deadlines, Signal } from './signal';

export interface OpenDeadline {
  key: keyof Deadlines;
  at: string;
}

export function openDeadlines(
  signal: Pick<Signal, 'status' | 'kind' | 'deadlines' | 'escalation' | 'decision'>,
): OpenDeadline[] {
  if (signal.status === 'closed') return [];
  const { settleBy, answerBy, confirmBy, conversationBy } = signal.deadlines;
  const pending: [keyof Deadlines, string | undefined][] = [
    ['settleBy', awaitsSettlement(signal) ? settleBy : undefined],
    ['answerBy', answerBy],
  ];
  if (signal.escalation && !signal.escalation.confirmationSentAt) pending.push(['confirmBy', confirmBy]);
  if (signal.escalation && !signal.escalation.conversation.heldAt) pending.push(['conversationBy', conversationBy]);
  return pending
    .filter((entry): entry is [keyof Deadlines, string] => typeof entry[1] === 'string')
    .map(([key, at]) => ({ key, at }))
    .sort((a, b) => a.at.localeCompare(b.at));
}
