// Key Vault (RBAC authorisation) holding the bot's client secret and the Graph client secret.
// The web app reads them through Key Vault references with its system-assigned identity.
// A secret parameter left empty leaves the existing secret untouched, so a redeploy without the
// secrets keeps them; rotate a secret by setting a new version in the vault (docs/deploy.md).

param location string
param resourceBaseName string
param tags object = {}
param tenantId string
@secure()
param botAppPassword string = ''
@secure()
param graphClientSecret string = ''
@description('Principal ids given "Key Vault Secrets User" (read secrets).')
param secretReaderPrincipalIds array = []

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  // Vault names are global, 3-24 characters, starting with a letter.
  name: 'kv${uniqueString(resourceGroup().id, resourceBaseName)}'
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botAppPassword)) {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    value: botAppPassword
    contentType: 'Bot app registration client secret'
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(graphClientSecret)) {
  parent: vault
  name: 'graph-client-secret'
  properties: {
    value: graphClientSecret
    contentType: 'Microsoft Graph app registration client secret'
  }
}

// Built-in role "Key Vault Secrets User".
var secretsUserRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource readers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in secretReaderPrincipalIds: {
    scope: vault
    name: guid(vault.id, principalId, secretsUserRoleId)
    properties: {
      roleDefinitionId: secretsUserRoleId
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output name string = vault.name
output botSecretReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=microsoft-app-password)'
output graphSecretReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=graph-client-secret)'
