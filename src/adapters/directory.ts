/**
 * Chooses the Directory once, for the composition root: with a `groups` section in the organisation
 * file, people and roles come from Entra ID groups through Microsoft Graph; without it, from the
 * file's `people` (the embedded default).
 */
import type { Directory } from '../app/ports';
import type { Organisation } from '../domain/organisation';
import type { Logger } from '../logging';
import { OrganisationFileDirectory, OrganisationFileError, readOrganisationFile } from './config/organisation-file';
import { createGraphDirectory, graphOptionsFromEnv } from './graph';

export interface CreateDirectoryOptions {
  organisationFile: string;
  /** The process environment: the GRAPH_* settings. */
  env: Record<string, string | undefined>;
  /** config.directoryCacheMinutes: how long Entra ID answers are reused. */
  cacheMinutes: number;
  logger: Logger;
  /** Tests: milliseconds since the epoch for the cache. */
  now?: () => number;
}

export function createDirectory(options: CreateDirectoryOptions): { organisation: Organisation; directory: Directory } {
  const { organisation, groups } = readOrganisationFile(options.organisationFile);
  if (!groups) return { organisation, directory: new OrganisationFileDirectory(organisation) };
  const graph = graphOptionsFromEnv(options.env as NodeJS.ProcessEnv);
  if (!graph) {
    throw new OrganisationFileError(
      `organisation file ${options.organisationFile} maps Entra ID groups ("groups"), which are read through ` +
        'Microsoft Graph: set GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET and GRAPH_MAILBOX, ' +
        'or list the people under "people" instead',
    );
  }
  const directory = createGraphDirectory(graph, organisation, groups, {
    cacheTtlMs: options.cacheMinutes * 60_000,
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
  });
  // Load the group members now, so the first forms after a start already offer the managers.
  directory.warmUp();
  return { organisation, directory };
}
