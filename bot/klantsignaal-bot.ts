import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  type FileConsentCardResponse,
  type InvokeResponse,
} from 'botbuilder';
import { acceptFileConsent, declineFileConsent } from './commands/file-consent';
import { RecentConversations, rememberConversation } from './conversation-references';
import { noticeCard } from '../cards/notice';
import type { AdaptiveCard } from '../cards/render';
import { welcomeCard } from '../cards/welcome';
import { nl } from '../src/i18n/nl';
import type { Logger } from '../src/logging';
import { ADAPTIVE_CARD_CONTENT_TYPE, MESSAGE_RESPONSE_TYPE, cardMessage } from './attachments';
import { parseCommand, suggestCommand, mentionsRegistering } from './commands/catalog';
import type { TurnRequest, VerbMessage } from './handlers';
import type { BotServices } from './services';
import { findVerb } from './verbs';
import { inSharedConversation } from './conversation';

/** A turn's logger: ids only, never the text of the activity. */
export function turnLogger(logger: Logger, context: TurnContext): Logger {
  return logger.child({
    activityId: context.activity.id,
    conversationId: context.activity.conversation?.id,
    activityType: context.activity.type,
  });
}

/**
 * The Teams edge: turns activities into calls on handlers. Knows botbuilder and cards,
 * nothing about storage.
 */
export class KlantsignaalBot extends TeamsActivityHandler {
  private readonly recentConversations = new RecentConversations();

  constructor(private readonly services: BotServices) {
    super();

    // Every contact keeps the person's conversation reference fresh, so reminders can reach them.
    this.onTurn(async (context, next) => {
      const reminders = this.services.reminders;
      if (reminders) {
        await rememberConversation(context, reminders, { recent: this.recentConversations }).catch((error: unknown) =>
          turnLogger(this.services.logger, context).warn({ err: error }, 'could not remember the conversation'),
        );
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      const botAdded = (context.activity.membersAdded ?? []).some((member: ChannelAccount) => member.id === botId);
      if (botAdded) await this.sendWelcome(context);
      await next();
    });
  }

  private async request(context: TurnContext): Promise<TurnRequest> {
    const aadObjectId = context.activity.from?.aadObjectId;
    const found = aadObjectId ? await this.services.directory.findPerson(aadObjectId) : undefined;
    // Where others read along (group chat, channel) nobody acts as on the meldplicht route: a melding
    // and even its reference stay out of every list, search, status and count there.
    const person = found?.reportingRoute && inSharedConversation(context) ? { ...found, reportingRoute: false } : found;
    return { context, services: this.services, person, logger: turnLogger(this.services.logger, context) };
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const { person } = await this.request(context);
    const roleLine = person
      ? `Je bent bekend als ${person.roles.map((role) => nl.roles[role]).join(', ')}.`
      : nl.errors.unknownPerson;
    await context.sendActivity(cardMessage(welcomeCard({ roleLine })));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const request = await this.request(context);
    // A card sent with Action.Submit by an older client arrives as a message with a value.
    if (context.activity.value && !context.activity.text) {
      await context.sendActivity(cardMessage(noticeCard({ text: nl.errors.unknownAction, tone: 'warning' })));
      return;
    }
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const parsed = parseCommand(text);
    if (!parsed) {
      request.logger.info('unknown command');
      const typed = text.trim().split(/\s+/)[0]?.slice(0, 40) ?? '';
      await context.sendActivity(
        mentionsRegistering(text) ? nl.registerHint : nl.unknownCommand(typed, suggestCommand(text)),
      );
      return;
    }
    if (parsed.handler.needsPerson && !request.person) {
      await context.sendActivity(cardMessage(noticeCard({ text: nl.errors.unknownPerson, tone: 'warning' })));
      return;
    }
    request.logger.info({ command: parsed.handler.id }, 'command');
    await parsed.handler.run(request, parsed.args);
  }

  /** The export's spreadsheet: Teams asked the user, who accepted; upload it now. */
  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    await acceptFileConsent(this.services, context, response);
  }

  protected override async handleTeamsFileConsentDecline(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    await declineFileConsent(this.services, context, response);
  }

  /**
   * botbuilder reads `value.action.type` unchecked: a malformed card action (a forged or broken
   * client) would throw or get an English 400. Answer it with the Dutch card instead.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const action = isRecord(context.activity.value) ? context.activity.value.action : undefined;
      if (!isRecord(action) || action.type !== 'Action.Execute') {
        turnLogger(this.services.logger, context).warn('malformed card action');
        return {
          status: 200,
          body: {
            statusCode: 200,
            type: ADAPTIVE_CARD_CONTENT_TYPE,
            value: noticeCard({ text: nl.errors.unknownAction, tone: 'warning' }),
          },
        };
      }
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const request = await this.request(context);
    const verb = findVerb(invokeValue?.action?.verb);
    const data = isRecord(invokeValue?.action?.data) ? invokeValue.action.data : {};
    let card: AdaptiveCard | VerbMessage;
    if (!verb) {
      request.logger.warn({ verb: String(invokeValue?.action?.verb).slice(0, 60) }, 'unknown verb');
      card = noticeCard({ text: nl.errors.unknownAction, tone: 'warning' });
    } else if (verb.needsPerson && !request.person) {
      return messageResponse(nl.errors.unknownPerson);
    } else {
      try {
        request.logger.info({ verb: verb.verb }, 'card action');
        card = await verb.run(request, data);
      } catch (error) {
        // A message, not a card: Teams leaves the card as it was, with everything typed in it, so
        // "try again" means pressing the same button (its form id makes a retry harmless).
        request.logger.error({ err: error, verb: verb.verb }, 'card action failed');
        return messageResponse(nl.errors.generic);
      }
    }
    if (card.type === 'message') return messageResponse(card.text);
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
  }
}

function messageResponse(text: string): AdaptiveCardInvokeResponse {
  // The message response's value is the text itself; botbuilder types every value as an object.
  return { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: text as unknown as Record<string, unknown> };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
