// Linux App Service plan + Node web app for the bot. Several instances run at once: the bot keeps no
// state in memory between turns (everything is in Cosmos DB) and deadline sweeps take a lease in the
// store, so only one instance sends each reminder.

param location string
param resourceBaseName string
param tags object = {}
@description('App Service plan SKU; B1 and up allow several instances, P0v3 and up are recommended for production.')
param skuName string = 'P0v3'
@minValue(1)
@maxValue(30)
param instanceCount int = 2
@description('Runtime stack. NODE|24-lts is what the project is built and tested on (package.json engines).')
param linuxFxVersion string = 'NODE|24-lts'
@description('Resource id of a user-assigned identity to attach (the bot identity for UserAssignedMSI), or empty.')
param userAssignedIdentityId string = ''
param logAnalyticsWorkspaceId string = ''

var systemIdentity = { type: 'SystemAssigned' }
var bothIdentities = {
  type: 'SystemAssigned, UserAssigned'
  userAssignedIdentities: { '${userAssignedIdentityId}': {} }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: empty(userAssignedIdentityId) ? systemIdentity : bothIdentities
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references are resolved with the system-assigned identity.
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: false
      // The compiled server, as in production (npm start is the local demo with the Playground); App Service passes PORT.
      appCommandLine: 'node dist/src/server.js'
    }
  }
}

resource logs 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'logs'
  properties: {
    applicationLogs: { fileSystem: { level: 'Information' } }
    httpLogs: { fileSystem: { enabled: true, retentionInDays: 3, retentionInMb: 35 } }
    detailedErrorMessages: { enabled: false }
    failedRequestsTracing: { enabled: false }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId)) {
  scope: site
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

output name string = site.name
output resourceId string = site.id
output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
