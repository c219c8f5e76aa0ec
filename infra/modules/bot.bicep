// Azure Bot (global) with the Microsoft Teams channel.
// New registrations are single-tenant or user-assigned managed identity; multi-tenant creation ended
// in July 2025.

param resourceBaseName string
param tags object = {}
param displayName string
@allowed(['F0', 'S1'])
param sku string = 'F0'
@allowed(['SingleTenant', 'UserAssignedMSI'])
param appType string
@description('Client id of the app registration (SingleTenant) or of the user-assigned managed identity.')
param appId string
param tenantId string
@description('Resource id of the user-assigned managed identity; only for UserAssignedMSI.')
param msiResourceId string = ''
@description('https://<host>/api/messages')
param endpoint string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: appId
    msaAppType: appType
    msaAppTenantId: tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? msiResourceId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
