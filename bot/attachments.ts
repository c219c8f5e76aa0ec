import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render';

export function cardMessage(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Universal Actions' "message" response: Teams shows the text and leaves the card (and what was typed) as it is. */
export const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';
