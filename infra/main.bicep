// Klantsignaal on Azure: Azure Bot (Teams channel), App Service (Linux, Node 20, 2+ instances),
// Cosmos DB (continuous backup, session consistency), Key Vault for secrets, optional Application
// Insights. Deploy with the Microsoft 365 Agents Toolkit (m365agents.yml) or with
//   az deployment group create -g <rg> -f infra/main.bicep -p <parameters>   (see docs/deploy.md)

targetScope = 'resourceGroup'

@description('Prefix for resource names: lower-case letters, digits and hyphens. The web app is <name>.azurewebsites.net.')
@minLength(3)
@maxLength(20)
param resourceBaseName string = 'klantsignaal'
param location string = resourceGroup().location
param tags object = { application: 'klantsignaal' }

// --- Bot identity ---------------------------------------------------------------------------
@description('SingleTenant: an Entra app registration with a client secret (botAppId + botAppPassword). UserAssignedMSI: a user-assigned managed identity created here, no secret.')
@allowed(['SingleTenant', 'UserAssignedMSI'])
param botAuthType string = 'SingleTenant'
@description('Client id of the single-tenant app registration; ignored for UserAssignedMSI.')
param botAppId string = ''
@description('Client secret of the app registration; stored in Key Vault. Empty keeps the stored secret.')
@secure()
param botAppPassword string = ''
param tenantId string = tenant().tenantId
param botDisplayName string = 'Klantsignaal'
@allowed(['F0', 'S1'])
param botSku string = 'F0'

// --- Hosting ---------------------------------------------------------------------------------
param appServiceSku string = 'P0v3'
@minValue(1)
@maxValue(30)
param instanceCount int = 2
param linuxFxVersion string = 'NODE|20-lts'

// --- Cosmos DB --------------------------------------------------------------------------------
param cosmosDatabaseName string = 'klantsignaal'
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000
param cosmosEnableFreeTier bool = false
@allowed(['Continuous7Days', 'Continuous30Days'])
param cosmosBackupTier string = 'Continuous30Days'

// --- Microsoft Graph (calendar invites, letters, activity feed, roles) ----------------------------
param graphTenantId string = tenant().tenantId
@description('Client id of the app registration used for Graph; empty uses botAppId (SingleTenant only).')
param graphClientId string = ''
@secure()
@description('Client secret for Graph; stored in Key Vault. Empty keeps the stored secret (or reuses the bot secret when graphClientId is empty).')
param graphClientSecret string = ''
@description('The shared mailbox letters are sent from, e.g. klachten@organisatie.nl.')
param graphMailbox string = ''
@description('Off: no GRAPH_* settings; the bot writes invites and letters to its local outbox instead.')
param enableGraph bool = true

// --- Application --------------------------------------------------------------------------------
@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'
@description('Path (relative to the deployed app) of the organisation file: locations, themes, people and roles.')
param organisationFile string = 'config/organisation.json'
param enableApplicationInsights bool = true

var isMsi = botAuthType == 'UserAssignedMSI'
// One app registration for the bot and for Graph unless graphClientId names another. A managed
// identity has no secret, so with UserAssignedMSI Graph needs its own app registration.
var graphUsesBotApp = empty(graphClientId)

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (isMsi) {
  name: '${resourceBaseName}-bot-identity'
  location: location
  tags: tags
}

var botClientId = isMsi ? botIdentity!.properties.clientId : botAppId

module monitoring 'modules/monitoring.bicep' = if (enableApplicationInsights) {
  name: 'monitoring'
  params: {
    location: location
    resourceBaseName: resourceBaseName
    tags: tags
  }
}

module web 'modules/appservice.bicep' = {
  name: 'web'
  params: {
    location: location
    resourceBaseName: resourceBaseName
    tags: tags
    skuName: appServiceSku
    instanceCount: instanceCount
    linuxFxVersion: linuxFxVersion
    userAssignedIdentityId: isMsi ? botIdentity.id : ''
    logAnalyticsWorkspaceId: enableApplicationInsights ? monitoring!.outputs.workspaceId : ''
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    resourceBaseName: resourceBaseName
    tags: tags
    tenantId: tenantId
    botAppPassword: isMsi ? '' : botAppPassword
    // With one app registration for the bot and Graph, the bot secret serves both (not stored twice).
    graphClientSecret: graphUsesBotApp ? '' : graphClientSecret
    secretReaderPrincipalIds: [web.outputs.principalId]
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    resourceBaseName: resourceBaseName
    tags: tags
    databaseName: cosmosDatabaseName
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    enableFreeTier: cosmosEnableFreeTier
    continuousBackupTier: cosmosBackupTier
    dataContributorPrincipalIds: [web.outputs.principalId]
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    resourceBaseName: resourceBaseName
    tags: tags
    displayName: botDisplayName
    sku: botSku
    appType: botAuthType
    appId: botClientId
    tenantId: tenantId
    msiResourceId: isMsi ? botIdentity.id : ''
    endpoint: 'https://${web.outputs.defaultHostName}/api/messages'
  }
}

var baseSettings = {
  // Bot Framework authentication
  MICROSOFT_APP_ID: botClientId
  MICROSOFT_APP_TENANT_ID: tenantId
  MICROSOFT_APP_TYPE: botAuthType
  MICROSOFT_APP_PASSWORD: isMsi ? '' : vault.outputs.botSecretReference
  // Store: Cosmos DB with the web app's managed identity (DefaultAzureCredential). The account has
  // keys turned off, and RBAC data-plane roles cannot create containers: Bicep creates them.
  STORE: 'cosmos'
  COSMOS_ENDPOINT: cosmos.outputs.endpoint
  COSMOS_DATABASE: cosmos.outputs.databaseName
  COSMOS_CREATE_IF_MISSING: 'false'
  // Application
  LOG_LEVEL: logLevel
  ORGANISATION_FILE: organisationFile
  HOST: '0.0.0.0'
  DEMO_MODE: 'false'
  // Oryx installs dependencies and runs `npm run build` on Linux during zip deploy, so native
  // modules are built for the App Service image.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  WEBSITE_HEALTHCHECK_MAXPINGFAILURES: '3'
}

// Microsoft Graph (application permissions; see docs/deploy.md).
var graphSecretSetting = graphUsesBotApp ? (isMsi ? '' : vault.outputs.botSecretReference) : vault.outputs.graphSecretReference
var graphSettingsWhenEnabled = {
  GRAPH_TENANT_ID: graphTenantId
  GRAPH_CLIENT_ID: graphUsesBotApp ? botClientId : graphClientId
  GRAPH_CLIENT_SECRET: graphSecretSetting
  GRAPH_MAILBOX: graphMailbox
}
var graphSettings = enableGraph ? graphSettingsWhenEnabled : {}

var insightsSettings = enableApplicationInsights ? { APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring!.outputs.appInsightsConnectionString } : {}

module settings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  dependsOn: [vault, cosmos]
  params: {
    siteName: web.outputs.name
    appSettings: union(baseSettings, graphSettings, insightsSettings)
  }
}

// Outputs are written to env/.env.<environment> by the Agents Toolkit (arm/deploy).
output BOT_ID string = botClientId
output BOT_DOMAIN string = web.outputs.defaultHostName
output BOT_ENDPOINT string = 'https://${web.outputs.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = web.outputs.resourceId
output GRAPH_CLIENT_ID string = graphUsesBotApp ? botClientId : graphClientId
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output KEY_VAULT_NAME string = vault.outputs.name
