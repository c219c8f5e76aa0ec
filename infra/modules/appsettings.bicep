// The web app's settings, applied after the identity has its Key Vault and Cosmos DB roles, so Key
// Vault references resolve on the first start. Replaces the whole set on every deployment.

param siteName string
@description('App settings as an object of name: value.')
param appSettings object

resource site 'Microsoft.Web/sites@2023-12-01' existing = {
  name: siteName
}

resource settings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}
