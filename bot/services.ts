import type { Clock } from '../src/domain/clock';
import type { DeadlineSettings } from '../src/domain/deadlines';
import type { AccessLog } from '../src/app/access';
import type { DemoRoles } from './commands/role';
import type { Directory, SignalStore } from '../src/app/ports';
import type { OutboundServices } from '../src/app/outbox';
import type { Logger } from '../src/logging';
import type { ReminderStore } from '../src/app/reminder-ports';
import type { ReminderRules } from '../src/domain/reminders';
import type { AnnualAnalysisDeps } from '../src/app/annual-analysis';
import type { AdaptiveCard } from '../cards/render';
import type { DownloadLinks } from '../src/app/download-links';

/** Sends a card to a person's personal chat with the bot, by Entra object id. */
export interface PersonalCardSender {
  /** True when delivered; false when the person has no personal chat with the bot yet, or Teams refused. */
  sendCard(personId: string, card: AdaptiveCard): Promise<boolean>;
}

/** What every command and card verb handler may use; built once by the composition root. */
export interface BotServices {
  /** Called after a signal was registered (the demo starts its reminders then, see src/server.ts). */
  onSignalRegistered?: () => void;
  store: SignalStore;
  directory: Directory;
  clock: Clock;
  deadlines: DeadlineSettings;
  logger: Logger;
  newId: () => string;
  /** Who read which signal (AVG); always wired by the composition root. */
  accessLog?: AccessLog;
  /** Demo mode only (never with bot authentication): the `rol` command's role switch. */
  demoRoles?: DemoRoles;
  /**
   * Outlook planning, letters and the outbox (src/adapters/outbound.ts createOutbound). Absent:
   * the planning verbs answer that Outlook planning is not set up.
   */
  outbound?: OutboundServices;
  /**
   * The yearly analysis (`analyse`, the analysis card's verbs, its files). Absent: those answer
   * that the analysis is not set up here.
   */
  analysis?: AnnualAnalysisDeps;
  /**
   * Proactive cards to one person (bot/verbs/analysis-verbs.ts createPersonalCardSender). Absent:
   * "Naar het MT sturen" tells staf kw that the MT members open the draft with `analyse <jaar>`.
   */
  personalCards?: PersonalCardSender;
  /** Conversation references and reminder bookkeeping (proactive messages). */
  reminders?: ReminderStore;
  /** Which reminders a signal gets; needed to watch measures after a decision. */
  reminderRules?: ReminderRules;
  /** Starts a reminder sweep now (a new melding's route is told at once); absent: at the next interval. */
  sweepNow?: () => void;
  /**
   * Single-use download links served by this bot (src/app/download-links.ts), for clients without
   * Teams' file consent. Absent: files go by file consent only.
   */
  downloads?: DownloadService;
  /** Tests only (never set from the environment): a file upload may go to plain HTTP on this machine. */
  allowLocalHttpUploads?: boolean;
}

export interface DownloadService {
  links: DownloadLinks;
  /** The link for a token, bound to the person who asked. */
  url(token: string, personId: string): string;
  /** How long a link works, for the card's text. */
  ttlMinutes: number;
}
