import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROLES, type Organisation, type Person, type Role } from '../../domain/organisation';
import { isNamedOnRoute, ROUTE_FUNCTIONS } from '../../domain/reporting-duty';
import type { Directory } from '../../app/ports';

const id = z.string().trim().min(1).max(100);
const groupId = z.guid('must be an Entra ID group object id (a GUID)');

const personSchema = z.object({
  id,
  name: z.string().min(1),
  email: z.email().optional(),
  roles: z.array(z.enum(ROLES)).min(1),
  locationIds: z.array(id),
});

/**
 * Entra ID groups instead of `people` (the cloud): membership of a role group gives the role,
 * membership of a location group gives its locations. Both count nested membership.
 */
const groupsSchema = z.object({
  roles: z.array(z.object({ groupId, role: z.enum(ROLES) })).min(1),
  locations: z.array(z.object({ groupId, locationIds: z.array(id).min(1) })).default([]),
});

export type GroupMapping = z.output<typeof groupsSchema>;

/**
 * The meldplicht route (houder / directeur and the aandachtsfunctionaris): the only people who see a
 * melding. Each must be known to the directory (in `people`, or a member of a role group).
 */
const reportingDutySchema = z.object({
  route: z
    .array(z.object({ id, name: z.string().min(1), email: z.email().optional(), function: z.enum(ROUTE_FUNCTIONS) }))
    .min(1),
  inspector: z.object({
    name: z.string().min(1),
    phone: z.string().min(6).max(40),
    email: z.email().optional(),
    note: z.string().max(300).optional(),
  }),
  ggdReport: z.boolean().default(false),
});

export const organisationSchema = z
  .object({
    name: z.string().min(1),
    locations: z
      .array(
        z.object({
          id,
          name: z.string().min(1),
          lrk: z
            .string()
            .trim()
            .regex(/^\d{9}$/, 'an LRK number has 9 digits')
            .optional(),
          address: z.string().min(1).optional(),
        }),
      )
      .min(1),
    letters: z
      .object({
        closing: z.string().min(1),
        contactLines: z.array(z.string().min(1)).min(1),
        reschedule: z.string().min(1),
      })
      .optional(),
    themes: z.array(z.object({ id, name: z.string().min(1) })).min(1),
    people: z.array(personSchema).optional(),
    groups: groupsSchema.optional(),
    reportingDuty: reportingDutySchema.optional(),
    /** The yearly report's own texts (Wet kinderopvang art. 1.57b); see domain/organisation.ts. */
    report: z
      .object({
        complaintsScheme: z.string().max(4000).optional(),
        parentInformation: z.string().max(4000).optional(),
        audiences: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
      })
      .optional(),
  })
  .superRefine((org, ctx) => {
    org.reportingDuty?.route.forEach((entry, index) => {
      if (org.people && !org.people.some((person) => person.id === entry.id)) {
        ctx.addIssue({ code: 'custom', path: ['reportingDuty', 'route', index, 'id'], message: 'not one of "people"' });
      }
    });
    const known = new Set(org.locations.map((location) => location.id));
    const checkLocations = (locationIds: string[], path: (string | number)[]): void => {
      for (const locationId of locationIds) {
        if (!known.has(locationId)) ctx.addIssue({ code: 'custom', path, message: `unknown location "${locationId}"` });
      }
    };
    org.people?.forEach((person, index) => checkLocations(person.locationIds, ['people', index, 'locationIds']));
    if (!org.groups) {
      if (!org.people) ctx.addIssue({ code: 'custom', path: ['people'], message: 'required unless "groups" is set' });
      return;
    }
    // Both would leave the reader guessing which one gives the roles: with groups, Entra ID does.
    if (org.people?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['people'],
        message: 'leave out when "groups" is set (people come from Entra ID)',
      });
    }
    const roleEntries = new Set<string>();
    org.groups.roles.forEach((entry, index) => {
      const key = `${entry.groupId.toLowerCase()} ${entry.role}`;
      if (roleEntries.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', 'roles', index],
          message: 'this group and role are listed twice',
        });
      }
      roleEntries.add(key);
    });
    const locationGroups = new Set<string>();
    org.groups.locations.forEach((entry, index) => {
      checkLocations(entry.locationIds, ['groups', 'locations', index, 'locationIds']);
      if (locationGroups.has(entry.groupId.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', 'locations', index, 'groupId'],
          message: 'group listed twice: put all its locations in one entry',
        });
      }
      locationGroups.add(entry.groupId.toLowerCase());
    });
  });

export class OrganisationFileError extends Error {}

/** The organisation file: reference data, and either the people or the Entra ID groups that give roles. */
export interface OrganisationFile {
  /** With `groups`, `people` is empty: the directory fills it from Entra ID. */
  organisation: Organisation;
  groups?: GroupMapping;
}

/** Reads and validates the organisation file; errors name the file and the field. */
export function readOrganisationFile(path: string): OrganisationFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OrganisationFileError(`cannot read organisation file ${path}: ${(error as Error).message}`);
  }
  const parsed = organisationSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new OrganisationFileError(`organisation file ${path} is invalid: ${problems}`);
  }
  const { groups, people, ...reference } = parsed.data;
  const marked = (people ?? []).map((person) =>
    isNamedOnRoute(person.id, reference.reportingDuty) ? { ...person, reportingRoute: true } : person,
  );
  return { organisation: { ...reference, people: marked }, ...(groups ? { groups } : {}) };
}

/** The reference data and people of an organisation file (the embedded default and the tests). */
export function loadOrganisation(path: string): Organisation {
  return readOrganisationFile(path).organisation;
}

/** The embedded directory: people and roles from the organisation file. */
export class OrganisationFileDirectory implements Directory {
  constructor(private readonly data: Organisation) {}

  organisation(): Organisation {
    return this.data;
  }

  async findPerson(personId: string): Promise<Person | undefined> {
    return this.data.people.find((person) => person.id === personId);
  }

  async peopleWithRole(role: Role, locationId?: string): Promise<Person[]> {
    return this.data.people.filter(
      (person) => person.roles.includes(role) && (!locationId || person.locationIds.includes(locationId)),
    );
  }
}
