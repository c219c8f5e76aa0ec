// Log Analytics workspace + workspace-based Application Insights (optional in main.bicep).
// App Service console logs (the bot's JSON log lines on stdout) are sent to the workspace.

param location string
param resourceBaseName string
param tags object = {}
@description('Days the workspace keeps logs. Logs hold no personal data (see docs/operations.md).')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: false
  }
}

output workspaceId string = workspace.id
output appInsightsConnectionString string = appInsights.properties.ConnectionString
