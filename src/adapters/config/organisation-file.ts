import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROLES, type Organisation, type Person, type Role } from '../../domain/organisation';
import type { Directory } from '../../app/ports';

const id = z.string().trim().min(1).max(100);

export const organisationSchema = z
  .object({
    name: z.string().min(1),
    locations: z.array(z.object({ id, name: z.string().min(1) })).min(1),
    themes: z.array(z.object({ id, name: z.string().min(1) })).min(1),
    people: z.array(
      z.object({
        id,
        name: z.string().min(1),
        email: z.email().optional(),
        roles: z.array(z.enum(ROLES)).min(1),
        locationIds: z.array(id),
      }),
    ),
  })
  .superRefine((org, ctx) => {
    const known = new Set(org.locations.map((location) => location.id));
    org.people.forEach((person, index) => {
      person.locationIds.forEach((locationId) => {
        if (!known.has(locationId)) {
          ctx.addIssue({ code: 'custom', path: ['people', index, 'locationIds'], message: `unknown location "${locationId}"` });
        }
      });
    });
  });

export class OrganisationFileError extends Error {}

/** Reads and validates the organisation file; errors name the file and the field. */
export function loadOrganisation(path: string): Organisation {
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
  return parsed.data;
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
