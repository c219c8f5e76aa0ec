/**
 * The edges of the access rules (src/app/access.ts): a role only counts together with the link it
 * needs (a location manager of another location, a manager of another area, an employee who works at
 * the location), the step-2 supporter, the roles that see every signal, who may handle personal data
 * at all, and what happens to an access record when no access log is wired.
 */
import {
  canActOnSignal,
  canSeePersonalData,
  canViewSignal,
  isPersonallyInvolved,
  mayHandlePersonalData,
  recordAccess,
  seesEverything,
  type AccessLogEntry,
} from '../../src/app/access';
import { ROLES, type Person, type Role } from '../../src/domain/organisation';
import type { Signal } from '../../src/domain/signal';
import { makeSignal } from '../commands/fixtures';

const person = (id: string, roles: Role[], locationIds: string[] = []): Person => ({
  id,
  name: id,
  roles,
  locationIds,
});
const registrar = { id: 'emp-1', name: 'Medewerker Een' };
const base = makeSignal({ sequence: 1, locationId: 'zonnebloem', by: registrar });
const withSupporter: Signal = {
  ...base,
  step: 'organisation',
  escalation: {
    escalatedAt: '2026-11-20T10:00:00.000Z',
    manager: { id: 'mgr-1', name: 'Manager' },
    supporter: { id: 'kw-9', name: 'Steun' },
    conversation: { mode: 'meeting' },
  },
};

const all = (someone: Person, signal: Signal) => [
  canViewSignal(someone, signal),
  canActOnSignal(someone, signal),
  canSeePersonalData(someone, signal),
];

describe('access: a role needs its link to the signal', () => {
  it('an employee who works at the location sees nothing of a colleague’s signal', () => {
    expect(all(person('emp-2', ['employee'], ['zonnebloem']), base)).toEqual([false, false, false]);
  });

  it('a location manager of another location sees nothing; of this one, everything', () => {
    expect(all(person('lm-2', ['locationManager'], ['vlinder']), base)).toEqual([false, false, false]);
    expect(all(person('lm-1', ['locationManager'], ['vlinder', 'zonnebloem']), base)).toEqual([true, true, true]);
  });

  it('the location alone is not enough without the role: an employee listed at it, or a manager only by id', () => {
    // The manager named on the escalation, without the manager role, is just an employee.
    expect(all(person('mgr-1', ['employee'], []), withSupporter)).toEqual([false, false, false]);
    expect(all(person('mgr-1', ['manager'], []), withSupporter)).toEqual([true, true, true]);
    expect(all(person('mgr-2', ['manager'], ['vlinder']), withSupporter)).toEqual([false, false, false]);
    expect(all(person('mgr-3', ['manager'], ['zonnebloem']), withSupporter)).toEqual([true, true, true]);
  });

  it('the step-2 supporter, whatever their role, sees and acts', () => {
    const supporter = person('kw-9', ['employee']);
    expect(isPersonallyInvolved(supporter, withSupporter)).toBe(true);
    expect(all(supporter, withSupporter)).toEqual([true, true, true]);
    expect(all(supporter, base)).toEqual([false, false, false]);
  });

  it('registered it or owns it: involved; anyone else is not', () => {
    expect(isPersonallyInvolved(person('emp-1', ['employee']), base)).toBe(true);
    expect(
      isPersonallyInvolved(person('own-1', ['employee']), { ...base, owner: { id: 'own-1', name: 'Eigenaar' } }),
    ).toBe(true);
    expect(isPersonallyInvolved(person('emp-2', ['employee']), base)).toBe(false);
    expect(isPersonallyInvolved(person('mgr-1', ['manager']), withSupporter)).toBe(false);
  });
});

describe('access: roles over all signals', () => {
  it('quality, mt and admin see every signal; the other roles do not', () => {
    for (const role of ROLES) {
      expect({ role, sees: seesEverything(person(role, [role])) }).toEqual({
        role,
        sees: ['quality', 'mt', 'admin'].includes(role),
      });
    }
    expect(seesEverything(person('x', ['employee', 'admin']))).toBe(true);
  });

  it('only mt and admin alone never handle personal data (the export columns)', () => {
    for (const role of ROLES) {
      expect({ role, may: mayHandlePersonalData(person(role, [role])) }).toEqual({
        role,
        may: !['mt', 'admin'].includes(role),
      });
    }
    expect(mayHandlePersonalData(person('x', ['mt', 'admin']))).toBe(false);
    expect(mayHandlePersonalData(person('x', ['mt', 'locationManager']))).toBe(true);
    expect(mayHandlePersonalData(person('x', []))).toBe(false);
  });
});

describe('recording an access', () => {
  const clock = { now: () => new Date('2026-11-25T08:00:00Z') };

  it('writes who, which signal, what and when', async () => {
    const entries: AccessLogEntry[] = [];
    const accessLog = {
      init: async () => undefined,
      record: async (entry: AccessLogEntry) => void entries.push(entry),
      list: async () => entries,
      close: async () => undefined,
    };
    await recordAccess({ accessLog, clock }, person('q', ['quality']), base, 'view');
    expect(entries).toEqual([
      { personId: 'q', signalId: base.id, reference: base.reference, action: 'view', at: '2026-11-25T08:00:00.000Z' },
    ]);
  });

  it('without an access log, warns by signal id and action (no personal data) and does not fail the turn', async () => {
    const warnings: [object, string][] = [];
    const logger = { warn: (object: object, message: string) => void warnings.push([object, message]) };
    await expect(recordAccess({ clock, logger }, person('q', ['quality']), base, 'act')).resolves.toBeUndefined();
    expect(warnings).toEqual([[{ signalId: base.id, action: 'act' }, 'no access log wired; access not recorded']]);
  });
});
