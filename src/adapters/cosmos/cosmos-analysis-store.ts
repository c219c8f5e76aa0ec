import { type CosmosClient, type Container, type ContainerRequest, type Database } from '@azure/cosmos';
import { connectCosmos, ensureContainers, statusOf, type CosmosConnectionOptions } from './cosmos-connection';
import type { AnalysisStore } from '../../app/annual-analysis';
import { ConcurrencyError, type Versioned } from '../../app/ports';
import { analysisId, type AnnualAnalysis } from '../../domain/analysis-workflow';

export const ANALYSES_CONTAINER_ID = 'analyses';

/**
 * One small document per year, id `analysis-<year>` (the record's own id). Partition key /id: get
 * and save are point operations, and nothing is ever queried, so nothing is indexed.
 */
export const ANALYSES_CONTAINER: ContainerRequest = {
  id: ANALYSES_CONTAINER_ID,
  partitionKey: { paths: ['/id'] },
  indexingPolicy: { indexingMode: 'consistent', automatic: true, includedPaths: [], excludedPaths: [{ path: '/*' }] },
};

export type CosmosAnalysisStoreOptions = CosmosConnectionOptions;

type AnalysisDocumentRead = AnnualAnalysis & { _etag: string };

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'] as const;

/**
 * The yearly analyses in Cosmos DB. Without an etag, save is a create (409 when the year already
 * has one); with an etag, a replace with If-Match (412 when someone else saved in between). Both
 * surface as the port's ConcurrencyError, so the workflow reloads and applies its step again.
 */
export class CosmosAnalysisStore implements AnalysisStore {
  private readonly client: CosmosClient;
  /** Gives the shared client back: the last store to close disposes it. */
  private readonly releaseConnection: () => void;
  private readonly database: Database;
  private readonly container: Container;

  constructor(private readonly options: CosmosAnalysisStoreOptions) {
    const connection = connectCosmos(options);
    ({ client: this.client, database: this.database } = connection);
    this.releaseConnection = connection.release;
    this.container = this.database.container(ANALYSES_CONTAINER_ID);
  }

  async init(): Promise<void> {
    await ensureContainers({ client: this.client, database: this.database }, this.options, [ANALYSES_CONTAINER]);
  }

  async get(year: number): Promise<Versioned<AnnualAnalysis> | undefined> {
    const id = analysisId(year);
    try {
      const { resource, etag } = await this.container.item(id, id).read<AnalysisDocumentRead>();
      return resource ? toVersioned(resource, etag) : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async save(analysis: AnnualAnalysis, etag?: string): Promise<Versioned<AnnualAnalysis>> {
    const id = analysisId(analysis.year);
    // get(year) reads by this id, so a record under any other id could never be found again.
    if (analysis.id !== id) throw new Error(`analysis of ${analysis.year} must have id ${id}, not ${analysis.id}`);
    const document = toDocument(analysis);
    try {
      const response =
        etag === undefined
          ? await this.container.items.create<AnnualAnalysis>(document)
          : await this.container
              .item(id, id)
              .replace<AnnualAnalysis>(document, { accessCondition: { type: 'IfMatch', condition: etag } });
      const resource = response.resource as AnalysisDocumentRead | undefined;
      if (!resource) throw new Error(`analysis ${id} was not returned after save`);
      return toVersioned(resource, response.etag);
    } catch (error) {
      const status = statusOf(error);
      // 409: the year already has one (create); 412: stale etag; 404: replaced a record that is gone.
      if (status === 409 || status === 412 || status === 404) throw new ConcurrencyError(analysis.id);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.releaseConnection();
  }
}

/** JSON drops undefined fields, so a cleared field is really gone from the stored document. */
function toDocument(analysis: AnnualAnalysis): AnnualAnalysis {
  const plain = JSON.parse(JSON.stringify(analysis)) as AnnualAnalysis & Record<string, unknown>;
  for (const key of SYSTEM_FIELDS) delete plain[key];
  return plain;
}

/** Strips the Cosmos system fields; the _etag becomes the version. */
function toVersioned(document: AnalysisDocumentRead, etag: string | undefined): Versioned<AnnualAnalysis> {
  const record: Record<string, unknown> = { ...document };
  for (const key of SYSTEM_FIELDS) delete record[key];
  const version = etag ?? document._etag;
  if (!version) throw new Error(`analysis ${document.id} has no etag`);
  return { value: record as unknown as AnnualAnalysis, etag: version };
}
