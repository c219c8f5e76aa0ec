// Cosmos DB for NoSQL: continuous backup (point-in-time restore), session consistency,
// Entra ID (RBAC) access only, and the database and containers the store expects.
// The containers and their indexing policies come from ../cosmos-containers.json, which mirrors
// src/adapters/cosmos/containers.ts (a test keeps the two equal).

param location string
param resourceBaseName string
param tags object = {}
param databaseName string
@description('Maximum RU/s of the database\'s shared autoscale throughput (scales down to 10%).')
@minValue(1000)
param autoscaleMaxThroughput int = 1000
@description('Use the account\'s free tier (one per subscription).')
param enableFreeTier bool = false
@description('Turn off account keys: only Entra ID identities with a data-plane role can read or write.')
param disableLocalAuth bool = true
@allowed(['Continuous7Days', 'Continuous30Days'])
param continuousBackupTier string = 'Continuous30Days'
@description('Principal ids (object ids) given the built-in Cosmos DB Data Contributor role on the account.')
param dataContributorPrincipalIds array = []

var containerConfig = loadJsonContent('../cosmos-containers.json')

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${resourceBaseName}-cosmos'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    enableFreeTier: enableFreeTier
    disableLocalAuth: disableLocalAuth
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: continuousBackupTier
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containerConfig.containers: {
    parent: database
    name: container.id
    properties: {
      resource: {
        id: container.id
        partitionKey: union(container.partitionKey, { kind: 'Hash', version: 2 })
        indexingPolicy: container.indexingPolicy
      }
    }
  }
]

// Built-in data-plane role "Cosmos DB Built-in Data Contributor".
var dataContributorRoleId = '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'

resource dataContributors 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [
  for principalId in dataContributorPrincipalIds: {
    parent: account
    name: guid(account.id, principalId, dataContributorRoleId)
    properties: {
      roleDefinitionId: dataContributorRoleId
      principalId: principalId
      scope: account.id
    }
  }
]

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
