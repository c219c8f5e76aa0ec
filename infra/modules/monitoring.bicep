// Log Analytics workspace (optional in main.bicep, on by default). The web app's diagnostic settings
// (modules/appservice.bicep) send its console logs there: the bot's JSON log lines on stdout, table
// AppServiceConsoleLogs; also AppServiceHTTPLogs and AppServicePlatformLogs.
// Application Insights on the same workspace: with APPLICATIONINSIGHTS_CONNECTION_STRING the app also
// sends each log line as a trace whose custom dimensions carry the turn's activityId
// (src/adapters/telemetry; docs/operations.md, "Reading the logs").

param location string
param resourceBaseName string
param tags object = {}
@description('Days the workspace keeps logs. Logs hold no personal data (see docs/operations.md).')
@minValue(30)
@maxValue(730)
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

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

output workspaceId string = workspace.id
output applicationInsightsConnectionString string = insights.properties.ConnectionString
output workspaceName string = workspace.name
