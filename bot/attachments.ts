import type { AdaptiveCard } from '../cards/render';
import type { OutgoingActivity } from './turn';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A message holding one Adaptive Card (what botbuilder's MessageFactory.attachment made of it). */
export function cardMessage(card: AdaptiveCard): OutgoingActivity {
  return {
    type: 'message',
    attachmentLayout: 'list',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
    inputHint: 'acceptingInput',
  };
}
/** Universal Actions' "message" response: Teams shows the text and leaves the card (and what was typed) as it is. */
export const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';
