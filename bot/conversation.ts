import type { Turn } from './turn';

/**
 * Whether the turn comes from a group chat or a team channel, where whatever the bot posts (and a
 * card an Action.Execute answers with) is seen by everyone in the conversation. Without a
 * conversation type (emulators), a conversation marked as a group counts as shared.
 */
export function inSharedConversation(context: Pick<Turn, 'activity'>): boolean {
  const conversation = context.activity.conversation;
  const type = conversation?.conversationType;
  if (type !== undefined) return type !== 'personal';
  return conversation?.isGroup === true;
}
