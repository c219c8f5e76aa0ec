// Log Analytics workspace (optional in main.bicep, on by default). The web app's diagnostic settings
// (modules/appservice.bicep) send its console logs there: the bot's JSON log lines on stdout, table
// AppServiceConsoleLogs; also AppServiceHTTPLogs and AppServicePlatformLogs.
// No Application Insights: the app has no telemetry SDK and reads no connection string; its logs are
// the console lines (see docs/operations.md, "Reading the logs").

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

output workspaceId string = workspace.id
output workspaceName string = workspace.name
