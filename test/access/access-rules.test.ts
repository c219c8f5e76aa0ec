import {
  canActOnSignal,
  canChangeSettings,
  canExport,
  canSeePersonalData,
  canStartAnalysis,
  canViewSignal,
} from '../../src/app/access';
import { ROLES, type Person, type Role } from '../../src/domain/organisation';
import { makeSignal } from '../commands/fixtures';

const person = (id: string, roles: Role[], locationIds: string[] = []): Person => ({
  id,
  name: id,
  roles,
  locationIds,
});

const registrar = { id: 'emp-1', name: 'Medewerker Een' };
const atZonnebloem = makeSignal({ sequence: 1, locationId: 'zonnebloem', by: registrar });
const escalated = makeSignal({
  sequence: 2,
  locationId: 'vlinder',
  by: { id: 'emp-2', name: 'Medewerker Twee' },
  escalatedTo: { id: 'mgr-1', name: 'Manager Een' },
});
const handedOn = { ...atZonnebloem, owner: { id: 'lm-1', name: 'Locatiemanager' }, step: 'location' as const };

describe('access rules', () => {
  it('employee: only what they registered or own, also after it was handed on', () => {
    const employee = person('emp-1', ['employee'], ['zonnebloem']);
    const colleague = person('emp-9', ['employee'], ['zonnebloem']);
    expect(canViewSignal(employee, atZonnebloem)).toBe(true);
    expect(canActOnSignal(employee, atZonnebloem)).toBe(true);
    expect(canSeePersonalData(employee, atZonnebloem)).toBe(true);
    expect(canViewSignal(employee, handedOn)).toBe(true);
    expect(canViewSignal(colleague, atZonnebloem)).toBe(false);
    expect(canActOnSignal(colleague, atZonnebloem)).toBe(false);
    expect(canSeePersonalData(colleague, atZonnebloem)).toBe(false);
    expect(canViewSignal({ ...colleague, id: 'lm-1' }, handedOn)).toBe(true); // the new owner
  });

  it('location manager: everything of their locations, nothing elsewhere', () => {
    const manager = person('lm-1', ['locationManager'], ['zonnebloem']);
    expect(canViewSignal(manager, atZonnebloem)).toBe(true);
    expect(canActOnSignal(manager, atZonnebloem)).toBe(true);
    expect(canSeePersonalData(manager, atZonnebloem)).toBe(true);
    expect(canViewSignal(manager, escalated)).toBe(false);
  });

  it('manager: escalated to them, or in their area', () => {
    const assigned = person('mgr-1', ['manager'], []);
    const area = person('mgr-2', ['manager'], ['vlinder']);
    const elsewhere = person('mgr-3', ['manager'], ['eikeltje']);
    expect(canActOnSignal(assigned, escalated)).toBe(true);
    expect(canSeePersonalData(assigned, escalated)).toBe(true);
    expect(canActOnSignal(area, escalated)).toBe(true);
    expect(canViewSignal(elsewhere, escalated)).toBe(false);
    expect(canViewSignal(assigned, atZonnebloem)).toBe(false);
  });

  it('quality sees and acts on everything; mt and admin only view, without personal data', () => {
    const quality = person('q', ['quality']);
    for (const signal of [atZonnebloem, escalated]) {
      expect(canViewSignal(quality, signal)).toBe(true);
      expect(canActOnSignal(quality, signal)).toBe(true);
      expect(canSeePersonalData(quality, signal)).toBe(true);
      for (const role of ['mt', 'admin'] as const) {
        const viewer = person(role, [role]);
        expect(canViewSignal(viewer, signal)).toBe(true);
        expect(canActOnSignal(viewer, signal)).toBe(false);
        expect(canSeePersonalData(viewer, signal)).toBe(false);
      }
    }
  });

  it('a person with two roles gets the union (mt + manager acts in their area)', () => {
    const adele = person('adele', ['manager', 'mt'], ['vlinder']);
    expect(canActOnSignal(adele, escalated)).toBe(true);
    expect(canActOnSignal(adele, atZonnebloem)).toBe(false);
    expect(canViewSignal(adele, atZonnebloem)).toBe(true);
  });

  it('only quality starts the analysis and exports; only admin changes settings', () => {
    for (const role of ROLES) {
      const someone = person(role, [role]);
      expect(canStartAnalysis(someone)).toBe(role === 'quality');
      expect(canExport(someone)).toBe(role === 'quality');
      expect(canChangeSettings(someone)).toBe(role === 'admin');
    }
  });
});
