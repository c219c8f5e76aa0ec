// Klantsignaal on Azure: Azure Bot (Teams channel), App Service (Linux, Node 24, 2+ instances),
// Cosmos DB (continuous backup, session consistency), Key Vault for secrets, and (optional, on by
// default) a Log Analytics workspace that receives the app's JSON console logs. Deploy with the Microsoft 365 Agents Toolkit (m365agents.yml) or with
//   az deployment group create -g <rg> -f infra/main.bicep -p <parameters>   (see docs/deploy.md)

targetScope = 'resourceGroup'

@description('Prefix for resource names: lower-case letters, digits and hyphens. The web app is <name>.azurewebsites.net.')
@minLength(3)
@maxLength(20)
param resourceBaseName string = 'klantsignaal'
param location string = resourceGroup().location
param tags object = { application: 'klantsignaal' }

// --- Bot identity ---------------------------------------------------------------------------
@description('UserAssignedMSI (default): a user-assigned managed identity created here, no secret; it also calls Graph. SingleTenant: an Entra app registration with a client secret (botAppId + botAppPassword).')
@allowed(['SingleTenant', 'UserAssignedMSI'])
param botAuthType string = 'UserAssignedMSI'
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
param linuxFxVersion string = 'NODE|24-lts'

// --- Cosmos DB --------------------------------------------------------------------------------
param cosmosDatabaseName string = 'klantsignaal'
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000
param cosmosEnableFreeTier bool = false
@allowed(['Continuous7Days', 'Continuous30Days'])
param cosmosBackupTier string = 'Continuous30Days'

// --- Microsoft Graph (calendar invites, letters, activity feed, roles) ----------------------------
param graphTenantId string = tenant().tenantId
@description('Client id of another app registration for Graph; empty: the bot\'s own identity (the managed identity, or the SingleTenant registration).')
param graphClientId string = ''
@secure()
@description('Fallback only, with graphClientId: its client secret, stored in Key Vault. Empty keeps the stored secret.')
param graphClientSecret string = ''
@description('With graphClientId: a PEM certificate file (with its private key) the app signs in with instead of a secret.')
param graphClientCertificatePath string = ''
@description('The shared mailbox letters are sent from, e.g. klachten@organisatie.nl.')
param graphMailbox string = ''
@description('Off: no GRAPH_* settings; the bot writes invites and letters to its local outbox instead.')
param enableGraph bool = true
@description('The Teams app\'s catalog id for activity feed notifications; only needed when several installed apps share the Entra app id.')
param graphTeamsAppId string = ''
@description('Timeout of one Graph request in milliseconds; empty: the client default.')
param graphTimeoutMs string = ''
@description('Retry of throttled or failed Graph requests; empty: 3 seconds, 3 retries.')
param graphRetryDelaySeconds string = ''
param graphMaxRetries string = ''

// --- Application --------------------------------------------------------------------------------
@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'
@description('Path (relative to the deployed app) of the organisation file: locations, themes, and the people or the Entra ID groups that give roles (docs/deploy.md, step 3c).')
param organisationFile string = 'config/organisation.json'
@description('With Entra ID groups in the organisation file: minutes a person\'s roles and the groups\' members are reused before Graph is asked again (1-1440).')
@minValue(1)
@maxValue(1440)
param directoryCacheMinutes int = 10
@description('A Log Analytics workspace receiving the web app\'s console logs (the bot\'s JSON lines, table AppServiceConsoleLogs), HTTP logs and platform logs. Off: only the App Service log stream.')
param enableLogAnalytics bool = true
@description('Days the Log Analytics workspace keeps the logs (30-730).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30
@description('Where the bot keeps local files in Azure: printed letters (<dataDir>/outbox/print). /home is shared by all instances and survives restarts and deployments.')
param dataDir string = '/home/data'
@description('The local outbox folder (letters to print; invites and mail too when Graph is off). Empty: <dataDir>/outbox.')
param outboxDir string = ''
@description('Requests larger than this many bytes are refused with 413.')
param maxBodyBytes int = 262144

// --- Process settings (defaults equal the app's; test/manifest/infra.test.ts checks that) ---------
@description('Calendar days after receipt to answer a signal that is not a complaint.')
param answerWithinDays int = 10
@description('A deadline shows as "bijna" (due soon) this many days before.')
param dueSoonDays int = 3
@description('Months after closing before a signal\'s personal data is anonymised (AVG).')
param retentionMonths int = 24
@description('The GGD\'s e-mail address for the yearly analysis (sent from graphMailbox). Empty: staf kw sends it themselves and records that.')
param ggdEmail string = ''
@description('MT members who must adopt the yearly analysis.')
@minValue(1)
param analysisRequiredAdoptions int = 2
@description('Where browsers reach the bot for single-use download links (clients without Teams file consent). Empty: the address it listens on.')
param downloadBaseUrl string = ''
@description('Minutes a single-use download link works.')
@minValue(1)
@maxValue(60)
param downloadLinkMinutes int = 10

// --- Flood guard (per user) ------------------------------------------------------------------------
@description('Messages and card actions a user may send at once.')
param floodBurst int = 10
@description('Tokens refilled per second (a decimal number as text, e.g. 2 or 0.5).')
param floodRefillPerSecond string = '2'
@description('Automatic card refreshes (Teams asks for every card a user scrolls past) a user may cause at once.')
param floodRefreshBurst int = 60
@description('Refresh tokens refilled per second (text).')
param floodRefreshRefillPerSecond string = '10'

// --- Teams sending limits for proactive messages (limit/seconds windows) ---------------------------
@description('Per conversation; Teams\' documented limits: 7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour.')
param teamsRateLimitConversation string = '7/1,8/2,60/30,1800/3600'
@description('Per tenant (per app), all conversations together.')
param teamsRateLimitTenant string = '30/1'

// --- Channel token issuer (sovereign clouds only; both or neither) --------------------------------
@description('OpenID metadata URL of the channel\'s token issuer when it is not the public Bot Framework. Empty in a normal deployment.')
param botOpenIdMetadataUrl string = ''
@description('Issuer of the channel\'s tokens, together with botOpenIdMetadataUrl. Empty in a normal deployment.')
param botTokenIssuer string = ''

// --- The Overzicht tab's Teams SSO (issue 20) -----------------------------------------------------
@description('Application ID URI the tab\'s SSO tokens are for: api://<BOT_DOMAIN>/<Graph client id>, as the app package\'s webApplicationInfo.resource. Empty: the tab refuses every sign-in.')
param tabSsoResource string = ''
@description('Entra ID OpenID configuration for the tab\'s tokens when not the public cloud. Empty in a normal deployment.')
param tabOpenIdMetadataUrl string = ''

// --- Reminders (REMINDER_*; see README "Settings") -------------------------------------------------
param remindersEnabled bool = true
@description('Seconds between deadline sweeps on each instance (one holds the lease and sends).')
param reminderIntervalSeconds int = 300
@description('Lease duration in seconds; empty: twice the interval, at least 120.')
param reminderLeaseTtlSeconds string = ''
@description('A reminder claimed longer ago than this without being confirmed sent is marked unconfirmed (never resent).')
param reminderStaleClaimMinutes int = 15
param reminderMaxAttempts int = 5
param reminderSendConcurrency int = 8
@description('Hour (Europe/Amsterdam) reminders are sent on working days.')
param reminderSendHour int = 8
param reminderConfirmationLastWorkingDays int = 2
@description('Working days before each deadline a reminder is sent, comma-separated (empty: none).')
param reminderConversationDays string = '3'
param reminderSettleDays string = '10,5,2'
param reminderAnswerDays string = '2'
param reminderMeasureDays string = '5,0'
@description('Who gets each reminder, comma-separated: owner, supporter, decidedBy, escalationManager, quality, ...')
param reminderAudienceConfirmation string = 'owner'
param reminderAudienceConversation string = 'owner,supporter'
param reminderAudienceSettle string = 'owner'
param reminderAudienceAnswer string = 'owner'
param reminderAudienceMeasure string = 'owner,decidedBy'
param reminderAudienceMissed string = 'owner,escalationManager,quality'
@description('The weekly overview of overdue signals per location.')
param reminderDigestEnabled bool = true
@description('ISO weekday of the weekly overview (1 = Monday).')
param reminderDigestWeekday int = 1

var isMsi = botAuthType == 'UserAssignedMSI'
// Graph is called by the bot's own identity unless graphClientId names another registration. With
// UserAssignedMSI that is the managed identity: no secret at all (the app sees no GRAPH_CLIENT_SECRET
// and uses ManagedIdentityCredential); its service principal gets the Graph app roles (docs/deploy.md).
var graphUsesBotApp = empty(graphClientId)

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (isMsi) {
  name: '${resourceBaseName}-bot-identity'
  location: location
  tags: tags
}

var botClientId = isMsi ? botIdentity!.properties.clientId : botAppId

module monitoring 'modules/monitoring.bicep' = if (enableLogAnalytics) {
  name: 'monitoring'
  params: {
    location: location
    resourceBaseName: resourceBaseName
    tags: tags
    retentionInDays: logRetentionDays
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
    logAnalyticsWorkspaceId: enableLogAnalytics ? monitoring!.outputs.workspaceId : ''
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
  COSMOS_ENDPOINT_DISCOVERY: 'true'
  // Channel tokens from another issuer (sovereign clouds); empty = the public Bot Framework.
  BOT_OPENID_METADATA_URL: botOpenIdMetadataUrl
  BOT_TOKEN_ISSUER: botTokenIssuer
  // The Overzicht tab's Teams SSO: the audience of its tokens; the metadata URL only for a sovereign cloud.
  TAB_SSO_RESOURCE: tabSsoResource
  TAB_OPENID_METADATA_URL: tabOpenIdMetadataUrl
  // Application. PORT is not set: App Service passes it to the process.
  LOG_LEVEL: logLevel
  APPLICATIONINSIGHTS_CONNECTION_STRING: enableLogAnalytics ? monitoring!.outputs.applicationInsightsConnectionString : ''
  ORGANISATION_FILE: organisationFile
  DIRECTORY_CACHE_MINUTES: string(directoryCacheMinutes)
  HOST: '0.0.0.0'
  DATA_DIR: dataDir
  OUTBOX_DIR: outboxDir
  MAX_BODY_BYTES: string(maxBodyBytes)
  DEMO_MODE: 'false'
  DEMO_DATA: 'false'
  DEMO_FIRST_REMINDER_SECONDS: '180'
  // Process
  ANSWER_WITHIN_DAYS: string(answerWithinDays)
  DUE_SOON_DAYS: string(dueSoonDays)
  RETENTION_MONTHS: string(retentionMonths)
  GGD_EMAIL: ggdEmail
  ANALYSIS_REQUIRED_ADOPTIONS: string(analysisRequiredAdoptions)
  DOWNLOAD_BASE_URL: downloadBaseUrl
  DOWNLOAD_LINK_MINUTES: string(downloadLinkMinutes)
  // Flood guard
  FLOOD_BURST: string(floodBurst)
  FLOOD_REFILL_PER_SECOND: floodRefillPerSecond
  FLOOD_REFRESH_BURST: string(floodRefreshBurst)
  FLOOD_REFRESH_REFILL_PER_SECOND: floodRefreshRefillPerSecond
  TEAMS_RATE_LIMIT_CONVERSATION: teamsRateLimitConversation
  TEAMS_RATE_LIMIT_TENANT: teamsRateLimitTenant
  // Oryx installs dependencies and runs `npm run build` on Linux during zip deploy.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  WEBSITE_HEALTHCHECK_MAXPINGFAILURES: '3'
}

// Microsoft Graph (application permissions; see docs/deploy.md).
var graphUsesCertificate = !graphUsesBotApp && !empty(graphClientCertificatePath)
var graphSecretSetting = graphUsesBotApp
  ? (isMsi ? '' : vault.outputs.botSecretReference)
  : (graphUsesCertificate ? '' : vault.outputs.graphSecretReference)
var graphSettingsWhenEnabled = {
  GRAPH_TENANT_ID: graphTenantId
  GRAPH_CLIENT_ID: graphUsesBotApp ? botClientId : graphClientId
  GRAPH_CLIENT_CERTIFICATE_PATH: graphUsesCertificate ? graphClientCertificatePath : ''
  GRAPH_CLIENT_SECRET: graphSecretSetting
  GRAPH_MAILBOX: graphMailbox
}
// Optional Graph tuning; empty values are ignored by the app (its defaults apply).
var graphTuningSettings = {
  GRAPH_TEAMS_APP_ID: graphTeamsAppId
  GRAPH_TIMEOUT_MS: graphTimeoutMs
  GRAPH_RETRY_DELAY_SECONDS: graphRetryDelaySeconds
  GRAPH_MAX_RETRIES: graphMaxRetries
}

// Deadline reminders. The *_DAYS lists are never empty by default: an empty list means "no reminder".
// Flags are written as 'true'/'false' with a condition: ARM's string(true) gives 'True'.
var reminderSettings = {
  REMINDERS_ENABLED: remindersEnabled ? 'true' : 'false'
  REMINDER_INTERVAL_SECONDS: string(reminderIntervalSeconds)
  REMINDER_LEASE_TTL_SECONDS: reminderLeaseTtlSeconds
  REMINDER_STALE_CLAIM_MINUTES: string(reminderStaleClaimMinutes)
  REMINDER_MAX_ATTEMPTS: string(reminderMaxAttempts)
  REMINDER_SEND_CONCURRENCY: string(reminderSendConcurrency)
  // Everyone gets the app through Teams policy; someone without a chat hears of it in the activity feed.
  REMINDER_WITHOUT_CONVERSATION: 'feed'
  REMINDER_SEND_HOUR: string(reminderSendHour)
  REMINDER_CONFIRMATION_LAST_WORKING_DAYS: string(reminderConfirmationLastWorkingDays)
  REMINDER_CONVERSATION_DAYS: reminderConversationDays
  REMINDER_SETTLE_DAYS: reminderSettleDays
  REMINDER_ANSWER_DAYS: reminderAnswerDays
  REMINDER_MEASURE_DAYS: reminderMeasureDays
  REMINDER_AUDIENCE_CONFIRMATION: reminderAudienceConfirmation
  REMINDER_AUDIENCE_CONVERSATION: reminderAudienceConversation
  REMINDER_AUDIENCE_SETTLE: reminderAudienceSettle
  REMINDER_AUDIENCE_ANSWER: reminderAudienceAnswer
  REMINDER_AUDIENCE_MEASURE: reminderAudienceMeasure
  REMINDER_AUDIENCE_MISSED: reminderAudienceMissed
  REMINDER_DIGEST_ENABLED: reminderDigestEnabled ? 'true' : 'false'
  REMINDER_DIGEST_WEEKDAY: string(reminderDigestWeekday)
}
var graphSettings = enableGraph ? union(graphSettingsWhenEnabled, graphTuningSettings) : {}

module settings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  dependsOn: [vault, cosmos]
  params: {
    siteName: web.outputs.name
    appSettings: union(baseSettings, reminderSettings, graphSettings)
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
