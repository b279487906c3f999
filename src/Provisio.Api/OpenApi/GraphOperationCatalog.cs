namespace Provisio.Api.OpenApi;

/// <summary>
/// Every endpoint's summary, description and examples, keyed by method and route pattern without the version prefix
/// (see <see cref="GraphOperationTransformer.Key"/>). The examples are the shapes of Graph's documentation as Provisio
/// answers them, kept short.
/// </summary>
internal static class GraphOperationCatalog
{
    private const string Jobs = "servicePrincipals/{id}/synchronization/jobs";
    private const string Job = Jobs + "/{jobId}";
    private const string TemplateSchema = "servicePrincipals/{id}/synchronization/templates/{templateId}/schema";

    private const string Empty = "{}";

    private const string User = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#users/$entity","id":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","userPrincipalName":"ana@contoso.com","displayName":"Ana Souza","givenName":"Ana","surname":"Souza","mail":"ana@contoso.com","department":"Sales","jobTitle":"Account Manager","accountEnabled":true}
        """;

    private const string NewUser = """
        {"userPrincipalName":"ana@contoso.com","displayName":"Ana Souza","givenName":"Ana","surname":"Souza","mailNickname":"ana","department":"Sales","accountEnabled":true}
        """;

    private const string Users = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#users","@odata.nextLink":"http://127.0.0.1:5000/v1.0/users?$top=1&$skiptoken=RmFrZVRva2Vu","value":[{"id":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","userPrincipalName":"ana@contoso.com","displayName":"Ana Souza","accountEnabled":true}]}
        """;

    private const string Group = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#groups/$entity","id":"7a3f1c0e-2b4d-4e8f-9c61-0d5e7b2a9f13","displayName":"Sales","mailNickname":"sales","mailEnabled":false,"securityEnabled":true,"groupTypes":[],"description":"Sales team"}
        """;

    private const string NewGroup = """
        {"displayName":"Sales","mailNickname":"sales","mailEnabled":false,"securityEnabled":true,"description":"Sales team"}
        """;

    private const string Groups = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#groups","value":[{"id":"7a3f1c0e-2b4d-4e8f-9c61-0d5e7b2a9f13","displayName":"Sales","mailNickname":"sales","securityEnabled":true}]}
        """;

    private const string Members = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#directoryObjects","value":[{"@odata.type":"#microsoft.graph.user","id":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","userPrincipalName":"ana@contoso.com","displayName":"Ana Souza"}]}
        """;

    private const string Reference = """
        {"@odata.id":"http://127.0.0.1:5000/v1.0/directoryObjects/5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21"}
        """;

    private const string ServicePrincipal = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#servicePrincipals/$entity","id":"3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19","appId":"c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","displayName":"Contoso","applicationTemplateId":"8adf8e6e-67b2-4cf2-a259-e3dc5476c621","accountEnabled":true,"appRoles":[{"id":"18d14569-c3bd-439b-9a66-3a2aee01d14f","displayName":"User","value":"User","allowedMemberTypes":["User"],"isEnabled":true}]}
        """;

    private const string ServicePrincipals = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#servicePrincipals","value":[{"id":"3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19","appId":"c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","displayName":"Contoso"}]}
        """;

    private const string Assignment = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#servicePrincipals('3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19')/appRoleAssignedTo/$entity","id":"y-IeXGptDk2aTmwLj389IUbfMb0fWk9DtjR1rWM1P8g","appRoleId":"00000000-0000-0000-0000-000000000000","principalId":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","principalType":"User","principalDisplayName":"Ana Souza","resourceId":"3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19","resourceDisplayName":"Contoso","createdDateTime":"2026-12-01T09:30:00Z"}
        """;

    private const string Assignments = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#servicePrincipals('3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19')/appRoleAssignedTo","value":[{"id":"y-IeXGptDk2aTmwLj389IUbfMb0fWk9DtjR1rWM1P8g","appRoleId":"00000000-0000-0000-0000-000000000000","principalId":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","principalType":"User","resourceId":"3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19"}]}
        """;

    private const string ApplicationTemplate = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#applicationTemplates/$entity","id":"8adf8e6e-67b2-4cf2-a259-e3dc5476c621","displayName":"Non-gallery application","categories":[],"supportedProvisioningTypes":["sync"],"supportedSingleSignOnModes":["password","saml","notSupported"],"publisher":"Microsoft Corporation"}
        """;

    private const string Instantiated = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#microsoft.graph.applicationServicePrincipal","application":{"id":"b1d3f5a7-9c0e-4a2b-8d6f-1e3a5c7e9b02","appId":"c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","displayName":"Contoso"},"servicePrincipal":{"id":"3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19","appId":"c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","displayName":"Contoso"}}
        """;

    private const string SynchronizationJob = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#servicePrincipals('3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19')/synchronization/jobs/$entity","id":"scim.3e9b6f2a8c1d4f5eb7a02d4c6e8f0a19.c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","templateId":"scim","schedule":{"expiration":null,"interval":"PT40M","state":"Active"},"status":{"code":"Active","countSuccessiveCompleteFailures":0,"escrowsPruned":false,"lastExecution":{"activityIdentifier":"4f1c2e3d-5a6b-4c7d-8e9f-0a1b2c3d4e5f","countEntitled":2,"countExported":2,"countImported":2,"state":"Succeeded","timeBegan":"2026-12-01T09:00:00Z","timeEnded":"2026-12-01T09:00:04Z"},"lastSuccessfulExecution":null,"lastSuccessfulExecutionWithExports":null,"progress":[],"quarantine":null,"steadyStateFirstAchievedTime":"2026-12-01T09:00:04Z","steadyStateLastAchievedTime":"2026-12-01T09:00:04Z","synchronizedEntryCountByType":[{"key":"user to User","value":2}],"troubleshootingUrl":null},"synchronizationJobSettings":[{"name":"QuarantineTooManyDeletesThreshold","value":"500"}]}
        """;

    private const string SynchronizationJobs = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#servicePrincipals('3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19')/synchronization/jobs","value":[{"id":"scim.3e9b6f2a8c1d4f5eb7a02d4c6e8f0a19.c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","templateId":"scim","schedule":{"expiration":null,"interval":"PT40M","state":"Active"},"status":{"code":"Active","lastExecution":null,"quarantine":null}}]}
        """;

    private const string TaskExecution = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#microsoft.graph.synchronizationTaskExecution","activityIdentifier":"4f1c2e3d-5a6b-4c7d-8e9f-0a1b2c3d4e5f","countEntitled":2,"countEntitledForProvisioning":2,"countEscrowed":0,"countExported":2,"countImported":2,"state":"Succeeded","timeBegan":"2026-12-01T09:00:00Z","timeEnded":"2026-12-01T09:00:04Z","error":null}
        """;

    private const string Credentials = """
        {"credentials":[{"key":"BaseAddress","value":"https://scim.contoso.com/scim/v2"},{"key":"SecretToken","value":"target-token"}]}
        """;

    private const string Secrets = """
        {"value":[{"key":"BaseAddress","value":"https://scim.contoso.com/scim/v2"},{"key":"SecretToken","value":"target-token"},{"key":"SyncAll","value":"false"},{"key":"SyncNotificationSettings","value":"{\"Enabled\":true,\"Recipients\":\"ops@contoso.com\",\"DeleteThresholdEnabled\":true,\"DeleteThresholdValue\":500}"}]}
        """;

    private const string SecretsAnswer = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#Collection(microsoft.graph.synchronizationSecretKeyStringValuePair)","value":[{"key":"BaseAddress","value":"https://scim.contoso.com/scim/v2"},{"key":"SyncAll","value":"false"}]}
        """;

    private const string Schema = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#servicePrincipals('3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19')/synchronization/jobs('scim.3e9b6f2a8c1d4f5eb7a02d4c6e8f0a19.c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70')/schema/$entity","id":"scim","version":"Date:2026-12-01","synchronizationRules":[{"id":"ad2scim","name":"USER_INBOUND_USER","sourceDirectoryName":"Azure Active Directory","targetDirectoryName":"customappsso","editable":true,"objectMappings":[{"enabled":true,"flowTypes":"Add,Update,Delete","name":"Provision Microsoft Entra ID Users","sourceObjectName":"User","targetObjectName":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","scope":null,"attributeMappings":[{"targetAttributeName":"userName","flowBehavior":"FlowWhenChanged","flowType":"Always","matchingPriority":1,"defaultValue":"","exportMissingReferences":false,"source":{"type":"Attribute","name":"userPrincipalName","expression":"[userPrincipalName]","parameters":[]}},{"targetAttributeName":"active","flowBehavior":"FlowWhenChanged","flowType":"Always","matchingPriority":0,"defaultValue":"","exportMissingReferences":false,"source":{"type":"Function","name":"Not","expression":"Not([IsSoftDeleted])","parameters":[{"key":"source","value":{"type":"Attribute","name":"IsSoftDeleted","expression":"[IsSoftDeleted]","parameters":[]}}]}}]}]}],"directories":[{"id":"AzureActiveDirectory","name":"Azure Active Directory","objects":[{"name":"User","attributes":[{"name":"userPrincipalName","type":"String","multivalued":false,"required":false,"anchor":false}]}]}]}
        """;

    private const string SchemaRequest = """
        {"synchronizationRules":[{"id":"ad2scim","name":"USER_INBOUND_USER","sourceDirectoryName":"Azure Active Directory","targetDirectoryName":"customappsso","objectMappings":[{"enabled":true,"flowTypes":"Add,Update,Delete","name":"Provision Microsoft Entra ID Users","sourceObjectName":"User","targetObjectName":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","attributeMappings":[{"targetAttributeName":"userName","flowType":"Always","matchingPriority":1,"source":{"type":"Attribute","name":"userPrincipalName","expression":"[userPrincipalName]","parameters":[]}}]}]}]}
        """;

    private const string Directories = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#Collection(microsoft.graph.directoryDefinition)","value":[{"id":"AzureActiveDirectory","name":"Azure Active Directory","discoverabilities":"AttributeNames,AttributeDataTypes","objects":[{"name":"User","attributes":[{"name":"userPrincipalName","type":"String","multivalued":false,"required":false,"anchor":false}]}]},{"id":"customappsso","name":"customappsso","objects":[{"name":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","attributes":[{"name":"userName","type":"String","multivalued":false,"required":true,"anchor":false}]}]}]}
        """;

    private const string Directory = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#microsoft.graph.directoryDefinition","id":"customappsso","name":"customappsso","objects":[{"name":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","attributes":[{"name":"userName","type":"String","multivalued":false,"required":true,"anchor":false}]}]}
        """;

    private const string FilterOperators = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#Collection(microsoft.graph.filterOperatorSchema)","value":[{"name":"EQUALS","arity":"Binary","multivaluedComparisonType":"All","supportedAttributeTypes":["String","Integer","Reference","Boolean","DateTime"]},{"name":"IS_TRUE","arity":"Unary","multivaluedComparisonType":"All","supportedAttributeTypes":["Boolean"]}]}
        """;

    private const string Functions = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#Collection(microsoft.graph.attributeMappingFunctionSchema)","value":[{"id":"Join","parameters":[{"name":"separator","type":"String","required":true,"allowMultipleOccurrence":false},{"name":"source","type":"String","required":true,"allowMultipleOccurrence":true}]}]}
        """;

    private const string ParseExpression = """
        {"expression":"Join(\" \", [givenName], [surname])","testInputObject":{"properties":[{"key":"givenName","value":"Ann"},{"key":"surname","value":"Lee"}]}}
        """;

    private const string ParsedExpression = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#microsoft.graph.parseExpressionResponse","evaluationSucceeded":true,"evaluationResult":["Ann Lee"],"parsingSucceeded":true,"parsedExpression":{"type":"Function","name":"Join","expression":"Join(\" \", [givenName], [surname])","parameters":[]},"error":null}
        """;

    private const string Templates = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#servicePrincipals('3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19')/synchronization/templates","value":[{"id":"scim","applicationId":"c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","default":true,"description":"SCIM 2.0 provisioning","discoverable":true,"factoryTag":"scim","metadata":[]}]}
        """;

    private const string Restart = """
        {"criteria":{"resetScope":"Watermark, Escrows, QuarantineState"}}
        """;

    private const string ProvisionOnDemand = """
        {"parameters":[{"ruleId":"ad2scim","subjects":[{"objectId":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","objectTypeName":"User"}]}]}
        """;

    private const string ProvisionedOnDemand = """
        {"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#microsoft.graph.stringKeyStringValuePair","key":"{\"provisioningSteps\":[{\"name\":\"EntryImport\",\"provisioningStepType\":\"import\",\"status\":\"success\",\"description\":\"Retrieved Ana Souza from Microsoft Entra ID\"},{\"name\":\"EntryExportAdd\",\"provisioningStepType\":\"export\",\"status\":\"success\",\"description\":\"User 'ana@contoso.com' was created in customappsso\"}],\"statusInfo\":{\"status\":\"success\"}}","value":null}
        """;

    private const string Diagnosis = """
        {"jobId":"scim.3e9b6f2a8c1d4f5eb7a02d4c6e8f0a19.c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","state":"Active","checks":[{"name":"testConnection","status":"ok","detail":"The target answered GET /Users?filter=..."},{"name":"quarantine","status":"ok","detail":"The job is not in quarantine."}]}
        """;

    private const string PendingDeletions = """
        {"value":[{"id":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","displayName":"Ana Souza","objectType":"User","targetId":"2819c223-7f76-453a-919d-413861904646"}]}
        """;

    private const string ProvisioningObjectSummary = """
        {"id":"d9a2e7c1-4b3f-4e6a-8c0d-1f2e3a4b5c6d","activityDateTime":"2026-12-01T09:00:03Z","tenantId":"00000000-0000-0000-0000-000000000001","jobId":"scim.3e9b6f2a8c1d4f5eb7a02d4c6e8f0a19.c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","cycleId":"4f1c2e3d-5a6b-4c7d-8e9f-0a1b2c3d4e5f","changeId":"4f1c2e3d-5a6b-4c7d-8e9f-0a1b2c3d4e5f.1","provisioningAction":"create","durationInMilliseconds":120,"initiatedBy":{"id":"","displayName":"Azure AD Provisioning Service","initiatorType":"system"},"servicePrincipal":{"id":"3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19","displayName":"Contoso"},"sourceSystem":{"id":"AzureActiveDirectory","displayName":"Azure Active Directory"},"targetSystem":{"id":"customappsso","displayName":"customappsso"},"sourceIdentity":{"id":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","displayName":"Ana Souza","identityType":"User"},"targetIdentity":{"id":"2819c223-7f76-453a-919d-413861904646","displayName":"ana@contoso.com","identityType":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"},"provisioningStatusInfo":{"status":"success","errorInformation":null},"statusInfo":{"@odata.type":"#microsoft.graph.statusBase","status":"success"},"provisioningSteps":[{"name":"EntryExportAdd","provisioningStepType":"export","status":"success","description":"User 'ana@contoso.com' was created in customappsso","details":{}}],"modifiedProperties":[{"displayName":"userName","oldValue":null,"newValue":"ana@contoso.com"}]}
        """;

    private const string DirectoryAudit = """
        {"id":"Directory_6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","category":"ProvisioningManagement","correlationId":"6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","result":"success","resultReason":"","activityDisplayName":"Quarantine","activityDateTime":"2026-12-01T09:40:00Z","loggedByService":"Account Provisioning","operationType":"Update","initiatedBy":{"app":{"appId":null,"displayName":"Azure AD Provisioning Service","servicePrincipalId":null,"servicePrincipalName":null},"user":null},"targetResources":[{"id":"scim.3e9b6f2a8c1d4f5eb7a02d4c6e8f0a19.c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70","displayName":"Contoso","type":"SynchronizationJob","modifiedProperties":[{"displayName":"QuarantineReason","oldValue":null,"newValue":"\"EncounteredEscrowProportionThreshold\""}]}],"additionalDetails":[]}
        """;

    private const string Changes = """
        {"value":[{"sequence":42,"kind":"User","id":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","change":"Updated","changedDateTime":"2026-12-01T09:30:00Z"}],"@odata.deltaLink":"http://127.0.0.1:5000/v1.0/provisio/changes?since=42"}
        """;

    private const string TokenForm = "grant_type=client_credentials&client_id=c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70&client_secret=s3cr3t&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default";

    private const string Token = """
        {"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJwcm92aXNpbyIsImF1ZCI6Imh0dHBzOi8vZ3JhcGgubWljcm9zb2Z0LmNvbSIsInJvbGVzIjpbIlJlYWRlciJdfQ.c2lnbmF0dXJl"}
        """;

    private static readonly IReadOnlyList<(string Status, string Description, string Body)> TokenErrors =
    [
        ("400", "The request is not a client-credentials grant, or the scope is not the audience's /.default.", """{"error":"invalid_scope","error_description":"The provided value for scope is not valid. Use https://graph.microsoft.com/.default."}"""),
        ("401", "Unknown client or wrong secret.", """{"error":"invalid_client","error_description":"The client id or secret is not valid."}"""),
    ];

    private static string Page(string context, string item) =>
        $$"""{"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#{{context}}","value":[{{item}}]}""";

    private static readonly Dictionary<string, GraphOperation> Operations = new(StringComparer.Ordinal)
    {
        ["GET healthz"] = new("Liveness probe", "Answers 200 `Healthy` while the process runs.", Response: "Healthy") { ResponseMediaType = "text/plain" },
        ["GET readyz"] = new("Readiness probe", "Answers 200 `Ready` once the database is reachable.", Response: "Ready") { ResponseMediaType = "text/plain" },
        ["POST oauth2/v2.0/token"] = new("OAuth 2.0 client credentials: an access token for a registered API client",
            "Microsoft identity platform's token endpoint (client credentials grant): an ES256 JWT valid for an hour, with the client's roles.",
            Response: Token, Request: TokenForm) { RequestMediaType = "application/x-www-form-urlencoded", Errors = TokenErrors },

        ["GET users"] = new("List users", "Graph's list users: a page of users, with $filter, $select, $orderby, $top, $count and @odata.nextLink.", Response: Users),
        ["GET users/$count"] = new("Count users", "Graph's users/$count (needs ConsistencyLevel: eventual): the number as text/plain.", Response: "42") { ResponseMediaType = "text/plain" },
        ["POST users"] = new("Create user", "Graph's create user.", "201", User, NewUser),
        ["GET users/{key}"] = new("Get user", "Graph's get user, by id or userPrincipalName.", Response: User),
        ["PATCH users/{key}"] = new("Update user", "Graph's update user: the properties given change, the others stay.", "204", Request: """{"department":"Marketing","jobTitle":"Marketing Lead"}"""),
        ["DELETE users/{key}"] = new("Delete user", "Graph's delete user: the user moves to deleted items (restorable for 30 days).", "204"),
        ["GET users/{key}/manager"] = new("Get manager", "Graph's list manager: the user's manager.", Response: User),
        ["PUT users/{key}/manager/$ref"] = new("Assign manager", "Graph's assign manager.", "204", Request: Reference),
        ["DELETE users/{key}/manager/$ref"] = new("Remove manager", "Graph's remove manager.", "204"),

        ["GET groups"] = new("List groups", "Graph's list groups: a page of groups, with $filter, $select, $orderby, $top and $count.", Response: Groups),
        ["GET groups/$count"] = new("Count groups", "Graph's groups/$count (needs ConsistencyLevel: eventual): the number as text/plain.", Response: "7") { ResponseMediaType = "text/plain" },
        ["POST groups"] = new("Create group", "Graph's create group.", "201", Group, NewGroup),
        ["GET groups/{id}"] = new("Get group", "Graph's get group.", Response: Group),
        ["PATCH groups/{id}"] = new("Update group", "Graph's update group.", "204", Request: """{"description":"Sales and pre-sales"}"""),
        ["DELETE groups/{id}"] = new("Delete group", "Graph's delete group: the group moves to deleted items.", "204"),
        ["GET groups/{id}/members"] = new("List group members", "Graph's list group members: direct members, users and groups.", Response: Members),
        ["POST groups/{id}/members/$ref"] = new("Add member", "Graph's add members: a directory object by its @odata.id.", "204", Request: Reference),
        ["DELETE groups/{id}/members/{memberId}/$ref"] = new("Remove member", "Graph's remove member.", "204"),

        ["GET directory/deletedItems"] = new("List deleted items (needs a type cast)", "As in Graph, listing deleted items needs a cast such as /directory/deletedItems/microsoft.graph.user; without one the answer is 400.", "400",
            GraphOperationTransformer.GraphError("Request_BadRequest", "Unsupported query.")) { ResponseDescription = "Graph's error: a type cast is required." },
        ["GET directory/deletedItems/{id}"] = new("Get deleted item", "Graph's get deleted item.", Response: User),
        ["POST directory/deletedItems/{id}/restore"] = new("Restore deleted item", "Graph's restore deleted item: the object is back with its id. Takes no body.", Response: User, Request: Empty) { RequestRequired = false },
        ["DELETE directory/deletedItems/{id}"] = new("Permanently delete item", "Graph's permanently delete item.", "204"),

        ["GET provisio/changes"] = new("Read the directory's change feed (Provisio)", "Provisio's own endpoint (not Graph's): the directory's changes after a sequence number, as the engine reads them.", Response: Changes),

        ["GET applicationTemplates"] = new("List application templates", "Graph's list applicationTemplates.", Response: Page("applicationTemplates", """{"id":"8adf8e6e-67b2-4cf2-a259-e3dc5476c621","displayName":"Non-gallery application"}""")),
        ["GET applicationTemplates/{id}"] = new("Get application template", "Graph's get applicationTemplate.", Response: ApplicationTemplate),
        ["POST applicationTemplates/{id}/instantiate"] = new("Instantiate application template", "Graph's applicationTemplate: instantiate: an application and its service principal.", "201", Instantiated, """{"displayName":"Contoso"}"""),

        ["GET servicePrincipals"] = new("List service principals", "Graph's list servicePrincipals.", Response: ServicePrincipals),
        ["GET servicePrincipals/$count"] = new("Count service principals", "Graph's servicePrincipals/$count (needs ConsistencyLevel: eventual).", Response: "3") { ResponseMediaType = "text/plain" },
        ["POST servicePrincipals"] = new("Create service principal", "Graph's create servicePrincipal.", "201", ServicePrincipal, """{"appId":"c2f4a6b8-0d1e-4f3a-9b5c-7e9d1f3b5a70"}"""),
        ["GET servicePrincipals/{id}"] = new("Get service principal", "Graph's get servicePrincipal.", Response: ServicePrincipal),
        ["PATCH servicePrincipals/{id}"] = new("Update service principal", "Graph's update servicePrincipal.", "204", Request: """{"accountEnabled":false}"""),
        ["DELETE servicePrincipals/{id}"] = new("Delete service principal", "Graph's delete servicePrincipal, with its synchronization jobs.", "204"),
        ["POST servicePrincipals/{id}/appRoleAssignedTo"] = new("Assign a user or group to the app", "Graph's grant an appRoleAssignment for a service principal: puts a user or group in the app's scope.", "201", Assignment,
            """{"principalId":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","resourceId":"3e9b6f2a-8c1d-4f5e-b7a0-2d4c6e8f0a19","appRoleId":"00000000-0000-0000-0000-000000000000"}"""),
        ["GET servicePrincipals/{id}/appRoleAssignedTo"] = new("List app role assignments", "Graph's list appRoleAssignedTo: the users and groups assigned to the app.", Response: Assignments),
        ["DELETE servicePrincipals/{id}/appRoleAssignedTo/{assignmentId}"] = new("Remove app role assignment", "Graph's delete appRoleAssignedTo.", "204"),

        ["GET servicePrincipals/{id}/synchronization/templates"] = new("List synchronization templates", "Graph's list synchronization templates of a service principal.", Response: Templates),
        ["PUT servicePrincipals/{id}/synchronization/secrets"] = new("Save synchronization secrets", "Graph's add synchronization secrets: the tenant URL, secret token and settings (stored encrypted); replaces them all.", "204", Request: Secrets),
        ["GET servicePrincipals/{id}/synchronization/secrets"] = new("Read synchronization secrets", "The synchronization secrets without the secret values (SecretToken and such are never answered).", Response: SecretsAnswer),
        ["POST servicePrincipals/{id}/synchronization/acquireAccessToken"] = new("Acquire an OAuth access token", "Graph's synchronization: acquireAccessToken: exchanges an OAuth authorization code (Oauth2AuthorizationCode, Oauth2RedirectUri) at the saved token endpoint and saves the refresh token (encrypted; never answered); Provisio's own codeVerifier carries the PKCE verifier.", "204",
            Request: """{"credentials":[{"key":"Oauth2AuthorizationCode","value":"SplxlOBeZQQYbYS6WxSbIA"},{"key":"Oauth2RedirectUri","value":"https://provisio.contoso.com/oauth2/callback"}],"codeVerifier":"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}"""),

        [$"GET {Jobs}"] = new("List synchronization jobs", "Graph's list synchronizationJobs.", Response: SynchronizationJobs),
        [$"POST {Jobs}"] = new("Create synchronization job", "Graph's create synchronizationJob from a template.", "201", SynchronizationJob, """{"templateId":"scim"}"""),
        [$"GET {Job}"] = new("Get synchronization job", "Graph's get synchronizationJob: schedule, status (last execution, progress, counts, quarantine) and settings.", Response: SynchronizationJob),
        [$"PATCH {Job}"] = new("Update synchronization job", "Updates the job's schedule or synchronizationJobSettings (Graph's job properties).", "204",
            Request: """{"schedule":{"interval":"PT1M"},"synchronizationJobSettings":[{"name":"QuarantineTooManyDeletesThreshold","value":"100"}]}"""),
        [$"DELETE {Job}"] = new("Delete synchronization job", "Graph's delete synchronizationJob.", "204"),
        [$"POST {Job}/start"] = new("Start synchronization job", "Graph's synchronizationJob: start: starts a paused job or leaves quarantine; the next cycle runs on schedule. Takes no body.", "204", Request: Empty) { RequestRequired = false },
        [$"POST {Job}/pause"] = new("Pause synchronization job", "Graph's synchronizationJob: pause: keeps the state; start resumes. Takes no body.", "204", Request: Empty) { RequestRequired = false },
        [$"POST {Job}/restart"] = new("Restart synchronization job", "Graph's synchronizationJob: restart, with restart criteria (resetScope: Watermark, Escrows, ConnectorDataStore, QuarantineState, Full, ForceDeletes).", "204", Request: Restart) { RequestRequired = false },
        [$"POST {Job}/validateCredentials"] = new("Validate credentials (Test Connection)", "Graph's synchronizationJob: validateCredentials: tests the target with the given credentials; 204 when it answers.", "204", Request: Credentials),
        [$"POST {Job}/provisio.runCycle"] = new("Run a cycle now (Provisio)", "Provisio's own action: runs one cycle now (dryRun=true exports nothing) and answers its synchronizationTaskExecution.", Response: TaskExecution, Request: Empty) { RequestRequired = false },
        [$"POST {Job}/provisio.quarantine"] = new("Put the job in quarantine (Provisio)", "Provisio's own action: quarantines the job on purpose (QuarantinedOnDemand) until it is started or restarted.", "204", Request: """{"reason":"Target maintenance window"}""") { RequestRequired = false },
        [$"GET {Job}/provisio.pendingDeletions"] = new("List deletions held by accidental-deletion prevention (Provisio)", "The deletions the threshold held back, which restart with ForceDeletes lets through.", Response: PendingDeletions),
        ["GET provisio/nodes"] = new("List the service's nodes (Provisio)", "Provisio's own: the nodes of the service (one, or each node of a cluster on PostgreSQL) with their last check-in, alive or lost, and the jobs whose cycles run on each now.",
            Response: """{"@odata.context":"http://127.0.0.1:5000/v1.0/$metadata#provisio/nodes","clustered":true,"value":[{"id":"node-1","state":"alive","isSelf":true,"lastCheckInDateTime":"2026-12-01T10:00:05.120Z","checkInInterval":"PT5S","runningJobs":["scim.1f2e3d4c5b6a47980a1b2c3d4e5f6071"]},{"id":"node-2","state":"alive","isSelf":false,"lastCheckInDateTime":"2026-12-01T10:00:03.870Z","checkInInterval":"PT5S","runningJobs":[]}]}"""),
        [$"GET {Job}/diagnosis"] = new("Diagnose the job (Provisio)", "Provisio's troubleshooting checklist over the job: state, quarantine, failures by error code, Test Connection (testConnection=false skips it).", Response: Diagnosis),
        [$"POST {Job}/provisionOnDemand"] = new("Provision on demand", "Graph's synchronizationJob: provisionOnDemand: provisions one user or group now and answers the steps as a stringKeyStringValuePair.", Response: ProvisionedOnDemand, Request: ProvisionOnDemand),

        [$"GET {Job}/schema"] = new("Get synchronization schema", "Graph's get synchronizationSchema: synchronization rules (object and attribute mappings, scoping) and directory definitions.", Response: Schema),
        [$"PUT {Job}/schema"] = new("Update synchronization schema", "Graph's update synchronizationSchema: replaces the rules and directories.", "204", Request: SchemaRequest),
        [$"GET {Job}/schema/directories"] = new("List directory definitions", "Graph's synchronizationSchema directories.", Response: Directories),
        [$"GET {Job}/schema/directories/{{directoryId}}"] = new("Get directory definition", "Graph's get directoryDefinition.", Response: Directory),
        [$"GET {Job}/schema/filterOperators"] = new("List scoping filter operators", "Graph's synchronizationSchema: filterOperators.", Response: FilterOperators),
        [$"GET {Job}/schema/functions"] = new("List expression functions", "Graph's synchronizationSchema: functions.", Response: Functions),
        [$"POST {Job}/schema/parseExpression"] = new("Parse and evaluate an expression", "Graph's synchronizationSchema: parseExpression; a syntax error answers 200 with parsingSucceeded false.", Response: ParsedExpression, Request: ParseExpression),
        [$"GET {TemplateSchema}/filterOperators"] = new("List scoping filter operators (template)", "Graph's synchronizationSchema: filterOperators, on a template's schema.", Response: FilterOperators),
        [$"GET {TemplateSchema}/functions"] = new("List expression functions (template)", "Graph's synchronizationSchema: functions, on a template's schema.", Response: Functions),
        [$"POST {TemplateSchema}/parseExpression"] = new("Parse and evaluate an expression (template)", "Graph's synchronizationSchema: parseExpression, on a template's schema.", Response: ParsedExpression, Request: ParseExpression),

        ["GET auditLogs/provisioning"] = new("List provisioning logs", "Graph's list provisioningObjectSummary: $filter, $top, $count, @odata.nextLink; text/csv or jsonl with Accept or format.",
            Response: Page("auditLogs/provisioning", ProvisioningObjectSummary)),
        ["GET auditLogs/provisioning/{id}"] = new("Get provisioning log entry", "Graph's get provisioningObjectSummary.", Response: ProvisioningObjectSummary),
        ["GET auditLogs/directoryAudits"] = new("List directory audits", "Graph's list directoryAudits: configuration changes, quarantine and notifications ($filter, $top, @odata.nextLink).",
            Response: Page("auditLogs/directoryAudits", DirectoryAudit)),
        ["GET auditLogs/directoryAudits/{id}"] = new("Get directory audit", "Graph's get directoryAudit.", Response: DirectoryAudit),
    };

    /// <summary>The catalog entry of <paramref name="key"/>; the deleted-item casts share one.</summary>
    public static GraphOperation? Find(string key)
    {
        if (Operations.TryGetValue(key, out var operation))
        {
            return operation;
        }

        const string deleted = "GET directory/deletedItems/";
        return key.StartsWith(deleted, StringComparison.Ordinal) && key.Contains("graph.", StringComparison.Ordinal)
            ? new($"List deleted {key[(key.LastIndexOf('.') + 1)..]}s", "Graph's list deleted items of one type (the cast).",
                Response: Page("directory/deletedItems", """{"id":"5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21","displayName":"Ana Souza","deletedDateTime":"2026-12-01T09:30:00Z"}"""))
            : null;
    }
}
