import { helpCard } from '../../cards/help';
import { noticeCard } from '../../cards/notice';
import { dutySettings, dutyYearFigures } from '../../src/app/reporting-duty';
import { amsterdamDate } from '../../src/domain/deadlines';
import { nlReportingDuty } from '../../src/i18n/nl-reporting-duty';
import { cardMessage } from '../attachments';
import type { Person } from '../../src/domain/organisation';
import type { CommandHandler, TurnRequest } from '../handlers';
import { commandCatalog } from './catalog';

/**
 * The command list as help shows it to this person: commands of another role are left out; the demo
 * role switch only when demo mode is on.
 */
export function helpModel(options: { demo?: boolean; person?: Person } = {}) {
  return {
    commands: commandCatalog({ ...options, byRole: true }).map((entry) => ({ name: entry.name, help: entry.help })),
  };
}

const MELDPLICHT = /^meldplicht(?:\s+(\S+))?$/i;

/**
 * `help meldplicht [jaar]`: what the meldplicht asks and how the bot carries it; the people on the
 * route also get that year's figures (no one else: they are the route's).
 */
async function meldplichtHelp(request: TurnRequest, yearText: string | undefined): Promise<void> {
  const texts = nlReportingDuty.help;
  const { services, person } = request;
  const year = yearText === undefined ? Number(amsterdamDate(services.clock.now()).slice(0, 4)) : Number(yearText);
  if (!Number.isInteger(year) || year < 2013 || year > 2100) {
    await request.context.sendActivity(cardMessage(noticeCard({ text: texts.badYear, tone: 'warning' })));
    return;
  }
  const settings = dutySettings(services.directory);
  const parts = [texts.text, settings ? texts.contact(settings.inspector) : nlReportingDuty.notConfigured];
  if (person) {
    const figures = await dutyYearFigures(services, person, year);
    if (figures.kind === 'figures') {
      parts.push(texts.figures(figures.figures, { ...nlReportingDuty.offences, unknown: texts.unknownOffence }));
    }
  }
  await request.context.sendActivity(cardMessage(noticeCard({ title: texts.title, text: parts.join('\n\n') })));
}

export const helpCommand: CommandHandler = {
  id: 'help',
  needsPerson: false,
  async run(request, args) {
    const meldplicht = MELDPLICHT.exec(args.trim());
    if (meldplicht) {
      await meldplichtHelp(request, meldplicht[1]);
      return;
    }
    const { context, services, person } = request;
    await context.sendActivity(
      cardMessage(helpCard(helpModel({ demo: services.demoRoles !== undefined, ...(person ? { person } : {}) }))),
    );
  },
};
