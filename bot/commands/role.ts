import { z } from 'zod';
import type { Directory } from '../../src/app/ports';
import { ROLES, type Person, type Role } from '../../src/domain/organisation';
import { nl } from '../../src/i18n/nl';
import { nlCommands } from '../../src/i18n/nl-commands';
import type { CommandHandler } from '../handlers';
import { sendNotice } from './list-reply';

/**
 * Demo only (config demoMode: the embedded default without bot authentication): lets the one
 * Playground user try every role. `rol staf` makes that user act as the demo person with that role
 * — their id, name, roles and locations — for every later turn, until `rol ik`. The person keeps
 * all their roles, as in the organisation (the manager primair proces is also an MT member), so two
 * different MT members can be reached (`rol mt`, `rol manager`) and the MT can adopt the analysis.
 *
 * The switch lives in this object (one per bot instance, passed in BotServices), never in module
 * state; it works by wrapping the Directory, so the bot resolves the acting person as usual.
 */
export class DemoRoles {
  /** Teams user (aadObjectId) → the persona they act as. */
  private readonly acting = new Map<string, Person>();
  /** Resolves through the switch; give this to BotServices.directory. */
  readonly directory: Directory;

  constructor(private readonly base: Directory) {
    this.directory = {
      organisation: () => base.organisation(),
      findPerson: async (id) => this.acting.get(id) ?? base.findPerson(id),
      peopleWithRole: (role, locationId) => base.peopleWithRole(role, locationId),
    };
  }

  /**
   * The user themselves when they hold the role; else the demo person for whom it is the main role
   * (listed first), else the first who holds it.
   */
  async switchTo(userId: string, role: Role): Promise<Person | undefined> {
    const self = await this.base.findPerson(userId);
    const candidates = await this.base.peopleWithRole(role);
    const chosen =
      self && self.roles.includes(role)
        ? self
        : (candidates.find((person) => person.roles[0] === role) ?? candidates[0]);
    if (!chosen) return undefined;
    this.acting.set(userId, chosen);
    return chosen;
  }

  reset(userId: string): void {
    this.acting.delete(userId);
  }
}

const roleArgSchema = z.string().trim().toLowerCase().max(40);

export function roleFromWord(word: string): Role | undefined {
  return ROLES.find((role) => (nlCommands.roleWords[role] as readonly string[]).includes(word));
}

/** `rol <rolnaam>`; without BotServices.demoRoles (demo mode off) it only says so. */
export const roleCommand: CommandHandler = {
  id: 'role',
  needsPerson: false,
  async run(request, args) {
    const demo = request.services.demoRoles;
    const userId = request.context.activity.from?.aadObjectId;
    if (!demo || !userId) {
      await sendNotice(request, nlCommands.demo.off);
      return;
    }
    const parsed = roleArgSchema.safeParse(args);
    const word = parsed.success ? parsed.data : '';
    if (word === '') {
      const current = request.person;
      const line = current
        ? nlCommands.demo.current(current.name, current.roles.map((role) => nl.roles[role]).join(', '))
        : nl.errors.unknownPerson;
      await sendNotice(request, `${line}\n\n${nlCommands.demo.choices}`);
      return;
    }
    if ((nlCommands.resetWords as readonly string[]).includes(word)) {
      demo.reset(userId);
      await sendNotice(request, nlCommands.demo.reset);
      return;
    }
    const role = roleFromWord(word);
    if (!role) {
      await sendNotice(request, `${nlCommands.demo.unknown(word.slice(0, 40))} ${nlCommands.demo.choices}`, 'warning');
      return;
    }
    const persona = await demo.switchTo(userId, role);
    await sendNotice(
      request,
      persona
        ? nlCommands.demo.switched(persona.name, persona.roles.map((held) => nl.roles[held]).join(', '))
        : nlCommands.demo.noPerson(nl.roles[role]),
      persona ? 'default' : 'warning',
    );
  },
};
