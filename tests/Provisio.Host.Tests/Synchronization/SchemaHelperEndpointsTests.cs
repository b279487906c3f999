using System.Net;
using System.Text.Json.Nodes;
using Provisio.Expressions.Functions;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// The schema's helpers through Graph against <c>provisio serve</c> (reference entra-engine-and-api §4.1, §6.1,
/// entra-expressions-and-scim A.1.1): the job schema's directories, the scoping operators, the expression functions and
/// parseExpression, under a job and under a template, in Graph's documented shapes; unknown ids get Graph 404s, bodies
/// that are not requests Graph 400s, and /beta answers as /v1.0 does.
/// </summary>
public sealed class SchemaHelperEndpointsTests : IAsyncLifetime
{
    private ServedSynchronization _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedSynchronization.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task Directories_ListAndGet_AreTheJobSchemasDirectories()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();
        var schema = (await _served.GetAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema")).Json!;
        var directories = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema/directories";

        // Act
        var list = await _served.GetAsync(directories);
        var target = await _served.GetAsync($"{directories}/09760868-CAFB-47AC-9031-0A3262300427");

        // Assert
        list.Status.ShouldBe(HttpStatusCode.OK, list.Text);
        list.Json!["@odata.context"]!.GetValue<string>()
            .ShouldEndWith($"/v1.0/$metadata#servicePrincipals('{sp}')/synchronization/jobs('{jobId}')/schema/directories");
        list.Json!["value"]!.ToJsonString().ShouldBe(schema["directories"]!.ToJsonString());
        list.Json!["value"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).ShouldBe(["Azure Active Directory", "customappsso"]);
        target.Status.ShouldBe(HttpStatusCode.OK, target.Text);
        target.Json!["@odata.context"]!.GetValue<string>().ShouldEndWith($"jobs('{jobId}')/schema/directories/$entity");
        var entity = target.Json!;
        entity.Remove("@odata.context");
        entity.ToJsonString().ShouldBe(schema["directories"]![1]!.ToJsonString());
        entity.Select(p => p.Key).ShouldBe(["id", "name", "objects", "readOnly", "version", "discoveryDateTime", "discoverabilities"]);
    }

    [Fact]
    public async Task Directories_UnknownDirectoryOrJob_GraphNotFound()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs";

        // Act
        var unknownDirectory = await _served.GetAsync($"{jobs}/{jobId}/schema/directories/{Guid.NewGuid()}");
        var unknownJob = await _served.GetAsync($"{jobs}/scim.{Guid.NewGuid():N}/schema/directories");
        var unknownJobDirectory = await _served.GetAsync($"{jobs}/scim.{Guid.NewGuid():N}/schema/directories/09760868-cafb-47ac-9031-0a3262300427");

        // Assert
        foreach (var missing in new[] { unknownDirectory, unknownJob, unknownJobDirectory })
        {
            missing.Status.ShouldBe(HttpStatusCode.NotFound, missing.Text);
            missing.Error["code"]!.GetValue<string>().ShouldBe("ResourceNotFound");
        }
    }

    [Fact]
    public async Task FilterOperators_Job_TheFourteenOperatorsInGraphsShape()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();

        // Act
        var operators = await _served.GetAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema/filterOperators");

        // Assert
        operators.Status.ShouldBe(HttpStatusCode.OK, operators.Text);
        operators.Json!["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#Collection(microsoft.graph.filterOperatorSchema)");
        var value = operators.Json!["value"]!.AsArray();
        value.Select(o => o!["name"]!.GetValue<string>()).ShouldBe(
        [
            "&", "!&", "ENDS_WITH", "EQUALS", "Greater_Than", "Greater_Than_OR_EQUALS", "Includes", "IS FALSE",
            "IS NOT NULL", "IS NULL", "IS TRUE", "NOT EQUALS", "NOT REGEX MATCH", "REGEX MATCH",
        ]);
        // Graph's example item: {"name":"EQUALS","arity":"Binary","multivaluedComparisonType":"All","supportedAttributeTypes":["String","Integer"]}
        var equals = value.Single(o => o!["name"]!.GetValue<string>() == "EQUALS")!.AsObject();
        equals.Select(p => p.Key).ShouldBe(["name", "arity", "multivaluedComparisonType", "supportedAttributeTypes"]);
        equals["arity"]!.GetValue<string>().ShouldBe("Binary");
        equals["multivaluedComparisonType"]!.GetValue<string>().ShouldBe("All");
        equals["supportedAttributeTypes"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["String", "Integer"], ignoreOrder: true);
        value.Single(o => o!["name"]!.GetValue<string>() == "IS NULL")!["arity"]!.GetValue<string>().ShouldBe("Unary");
    }

    [Fact]
    public async Task Functions_Job_TheCatalogInGraphsShape()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();

        // Act
        var functions = await _served.GetAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema/functions");

        // Assert
        functions.Status.ShouldBe(HttpStatusCode.OK, functions.Text);
        functions.Json!["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#Collection(microsoft.graph.attributeMappingFunctionSchema)");
        var value = functions.Json!["value"]!.AsArray();
        value.Select(f => f!["name"]!.GetValue<string>()).ShouldBe(FunctionCatalog.Entra.Functions.Select(f => f.Name));
        value.Count.ShouldBe(47);
        JsonObject Function(string name) => value.Single(f => f!["name"]!.GetValue<string>() == name)!.AsObject();
        // Graph's example items, with the resource type's key "id" beside the example's "name"
        Function("Append").ToJsonString().ShouldBe(
            """{"id":"Append","name":"Append","parameters":[{"allowMultipleOccurrences":false,"name":"source","required":true,"type":"String"},{"allowMultipleOccurrences":false,"name":"suffix","required":true,"type":"String"}]}""");
        Function("DefaultDomain").ToJsonString().ShouldBe("""{"id":"DefaultDomain","name":"DefaultDomain","parameters":[]}""");
        Function("AppRoleAssignments")["parameters"]!.ToJsonString().ShouldBe(
            """[{"allowMultipleOccurrences":false,"name":"source","required":true,"type":"String"}]""");
        Function("Join")["parameters"]![1]!.ToJsonString().ShouldBe(
            """{"allowMultipleOccurrences":true,"name":"source","required":false,"type":"String"}""");
    }

    [Fact]
    public async Task ParseExpression_GraphsExample_AnswersAsGraphsExampleResponse()
    {
        // Arrange: Graph's documented request (its keys quoted, as JSON needs), abridged to the attributes it reads
        var (sp, jobId) = await CreateJobAsync();
        const string body = """
            {
              "expression": "Replace([preferredLanguage], \"-\", , , \"_\", ,  )",
              "targetAttributeDefinition": null,
              "testInputObject": {
                "definition": null,
                "properties": [
                  { "key": "objectId", "value": "66E4A8CC-1B7B-435E-95F8-F06CEA133828" },
                  { "key": "IsSoftDeleted", "value": "false" },
                  { "key": "preferredLanguage", "value": "EN-US" },
                  { "key": "passwordProfile.password", "value": "" },
                  { "key": "appRoleAssignments", "value@odata.type": "#Collection(String)", "value": ["Default Assignment"] }
                ]
              }
            }
            """;

        // Act
        var parsed = await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema/parseExpression", body);

        // Assert
        parsed.Status.ShouldBe(HttpStatusCode.OK, parsed.Text);
        parsed.Json!["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#microsoft.graph.parseExpressionResponse");
        var answer = parsed.Json!;
        answer.Remove("@odata.context");
        answer.ToJsonString().ShouldBe(JsonNode.Parse("""
            {
                "error": null,
                "evaluationSucceeded": true,
                "evaluationResult": [ "EN_US" ],
                "parsedExpression": {
                    "expression": "Replace([preferredLanguage], \"-\", , , \"_\", , )",
                    "name": "Replace",
                    "parameters": [
                        { "key": "source", "value": { "expression": "[preferredLanguage]", "name": "preferredLanguage", "parameters": [], "type": "Attribute" } },
                        { "key": "Find", "value": { "expression": "\"-\"", "name": "-", "parameters": [], "type": "Constant" } },
                        { "key": "Replacement", "value": { "expression": "\"_\"", "name": "_", "parameters": [], "type": "Constant" } }
                    ],
                    "type": "Function"
                },
                "parsingSucceeded": true
            }
            """)!.ToJsonString());
    }

    [Fact]
    public async Task ParseExpression_JoinWithTestInputObject_EvaluatesToAnnLee()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();
        const string body = """
            {"expression":"Join(\" \", [givenName], [surname])","testInputObject":{"properties":[{"key":"givenName","value":"Ann"},{"key":"surname","value":"Lee"}]}}
            """;

        // Act
        var parsed = await ParseAsync(sp, jobId, body);

        // Assert
        parsed.Status.ShouldBe(HttpStatusCode.OK, parsed.Text);
        parsed.Json!["parsingSucceeded"]!.GetValue<bool>().ShouldBeTrue();
        parsed.Json!["evaluationSucceeded"]!.GetValue<bool>().ShouldBeTrue();
        parsed.Json!["evaluationResult"]!.ToJsonString().ShouldBe("""["Ann Lee"]""");
        parsed.Json!["error"].ShouldBeNull();
        var tree = parsed.Json!["parsedExpression"]!;
        tree["name"]!.GetValue<string>().ShouldBe("Join");
        tree["parameters"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()).ShouldBe(["separator", "source", "source"]);
        tree["parameters"]![2]!["value"]!.ToJsonString().ShouldBe("""{"expression":"[surname]","name":"surname","parameters":[],"type":"Attribute"}""");
    }

    [Fact]
    public async Task ParseExpression_MultiValuedInputAndResult_ListsEveryValue()
    {
        // Arrange: an array value is a multi-valued attribute; Split gives several values
        var (sp, jobId) = await CreateJobAsync();
        const string joined = """
            {"expression":"Join(\";\", [proxyAddresses])","testInputObject":{"properties":[{"key":"proxyAddresses","value@odata.type":"#Collection(String)","value":["SMTP:ann@contoso.com","smtp:al@contoso.com"]}]}}
            """;
        const string split = """
            {"expression":"Split([mail], \"@\")","testInputObject":{"properties":[{"key":"mail","value":"ann@contoso.com"}]}}
            """;
        const string missing = """
            {"expression":"[department]","testInputObject":{"properties":[{"key":"mail","value":"ann@contoso.com"}]}}
            """;

        // Act
        var joinedResult = await ParseAsync(sp, jobId, joined);
        var splitResult = await ParseAsync(sp, jobId, split);
        var missingResult = await ParseAsync(sp, jobId, missing);

        // Assert
        joinedResult.Json!["evaluationResult"]!.ToJsonString().ShouldBe("""["SMTP:ann@contoso.com;smtp:al@contoso.com"]""");
        splitResult.Json!["evaluationResult"]!.ToJsonString().ShouldBe("""["ann","contoso.com"]""");
        missingResult.Json!["evaluationSucceeded"]!.GetValue<bool>().ShouldBeTrue();
        missingResult.Json!["evaluationResult"]!.ToJsonString().ShouldBe("[]");
    }

    [Fact]
    public async Task ParseExpression_NumberBooleanAndNullValues_ReadAsEntraReadsThem()
    {
        // Arrange: booleans are "True"/"False" (reference A.2), numbers their text, null an absent attribute
        var (sp, jobId) = await CreateJobAsync();
        const string body = """
            {"expression":"Join(\"|\", [accountEnabled], [employeeNumber], Coalesce([department], \"none\"))","testInputObject":{"properties":[{"key":"accountEnabled","value":true},{"key":"employeeNumber","value":1042},{"key":"department","value":null}]}}
            """;

        // Act
        var parsed = await ParseAsync(sp, jobId, body);
        var nullProperties = await ParseAsync(sp, jobId, """{"expression":"Coalesce([mail], \"x\")","testInputObject":{"properties":null}}""");

        // Assert
        parsed.Status.ShouldBe(HttpStatusCode.OK, parsed.Text);
        parsed.Json!["evaluationResult"]!.ToJsonString().ShouldBe("""["True|1042|none"]""");
        nullProperties.Status.ShouldBe(HttpStatusCode.OK, nullProperties.Text);
        nullProperties.Json!["evaluationResult"]!.ToJsonString().ShouldBe("""["x"]""");
    }

    [Fact]
    public async Task ParseExpression_SyntaxError_200WithTheErrorAndItsPosition()
    {
        // Arrange: the comma between the attributes is missing
        var (sp, jobId) = await CreateJobAsync();
        const string body = """{"expression":"Join(\" \", [givenName] [surname])","testInputObject":{"properties":[{"key":"givenName","value":"Ann"}]}}""";

        // Act
        var parsed = await ParseAsync(sp, jobId, body);

        // Assert
        parsed.Status.ShouldBe(HttpStatusCode.OK, parsed.Text);
        parsed.Json!["parsingSucceeded"]!.GetValue<bool>().ShouldBeFalse();
        parsed.Json!["evaluationSucceeded"]!.GetValue<bool>().ShouldBeFalse();
        parsed.Json!["evaluationResult"]!.ToJsonString().ShouldBe("[]");
        parsed.Json!["parsedExpression"].ShouldBeNull();
        var error = parsed.Json!["error"]!;
        error["code"]!.GetValue<string>().ShouldBe("UnexpectedToken");
        error["message"]!.GetValue<string>().ShouldBe("Syntax error (column 23): unexpected attribute [surname], expected ',' or ')'.");
        error["target"]!.GetValue<string>().ShouldBe("expression");
        error["position"]!.ToJsonString().ShouldBe("""{"offset":22,"line":1,"column":23}""");
    }

    [Fact]
    public async Task ParseExpression_UnknownFunction_NotParsedButTreeKept()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();

        // Act
        var parsed = await ParseAsync(sp, jobId, """{"expression":"Frobnicate([mail])"}""");

        // Assert
        parsed.Status.ShouldBe(HttpStatusCode.OK, parsed.Text);
        parsed.Json!["parsingSucceeded"]!.GetValue<bool>().ShouldBeFalse();
        parsed.Json!["error"]!["code"]!.GetValue<string>().ShouldBe("UnknownFunction");
        parsed.Json!["error"]!["position"]!["column"]!.GetValue<int>().ShouldBe(1);
        parsed.Json!["parsedExpression"]!["name"]!.GetValue<string>().ShouldBe("Frobnicate");
    }

    [Fact]
    public async Task ParseExpression_EvaluationErrorOrNoTestObject_ParsedNotEvaluated()
    {
        // Arrange: DefaultDomain() fails without a default verified domain (reference A.3)
        var (sp, jobId) = await CreateJobAsync();

        // Act
        var failing = await ParseAsync(sp, jobId, """{"expression":"Append(\"ann@\", DefaultDomain())","testInputObject":{"properties":[]}}""");
        var parseOnly = await ParseAsync(sp, jobId, """{"expression":"ToLower([mail])"}""");

        // Assert
        failing.Status.ShouldBe(HttpStatusCode.OK, failing.Text);
        failing.Json!["parsingSucceeded"]!.GetValue<bool>().ShouldBeTrue();
        failing.Json!["evaluationSucceeded"]!.GetValue<bool>().ShouldBeFalse();
        failing.Json!["error"]!["code"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        failing.Json!["error"]!["position"]!["column"]!.GetValue<int>().ShouldBe(16);
        parseOnly.Json!["parsingSucceeded"]!.GetValue<bool>().ShouldBeTrue();
        parseOnly.Json!["evaluationSucceeded"]!.GetValue<bool>().ShouldBeFalse();
        parseOnly.Json!["error"].ShouldBeNull();
        parseOnly.Json!["parsedExpression"]!["expression"]!.GetValue<string>().ShouldBe("ToLower([mail])");
    }

    [Fact]
    public async Task ParseExpression_MalformedBodies_GraphBadRequest()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();

        // Act
        var notJson = await ParseAsync(sp, jobId, "{expression: Join(");
        var empty = await ParseAsync(sp, jobId, "");
        var noExpression = await ParseAsync(sp, jobId, """{"testInputObject":{"properties":[]}}""");
        var numberExpression = await ParseAsync(sp, jobId, """{"expression":42}""");
        var objectValue = await ParseAsync(sp, jobId, """{"expression":"[manager]","testInputObject":{"properties":[{"key":"manager","value":{"id":"1"}}]}}""");
        var notAnArray = await ParseAsync(sp, jobId, """{"expression":"[mail]","testInputObject":{"properties":"mail"}}""");
        var nullProperty = await ParseAsync(sp, jobId, """{"expression":"[mail]","testInputObject":{"properties":[null]}}""");

        // Assert
        notJson.Status.ShouldBe(HttpStatusCode.BadRequest);
        notJson.Error["code"]!.GetValue<string>().ShouldBe("Request_BadRequest");
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.Error["code"]!.GetValue<string>().ShouldBe("Request_BadRequest");
        foreach (var refused in new[] { noExpression, numberExpression, objectValue, notAnArray, nullProperty })
        {
            refused.Status.ShouldBe(HttpStatusCode.BadRequest, refused.Text);
            refused.Error["code"]!.GetValue<string>().ShouldBe("InvalidRequest");
            refused.Error["innerError"]!["request-id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        }

        objectValue.Error["message"]!.GetValue<string>().ShouldContain("'manager'");
    }

    [Fact]
    public async Task Helpers_UnknownJob_GraphNotFound()
    {
        // Arrange
        var sp = await _served.InstantiateAsync();
        var schema = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/scim.{Guid.NewGuid():N}/schema";

        // Act
        var operators = await _served.GetAsync($"{schema}/filterOperators");
        var functions = await _served.GetAsync($"{schema}/functions");
        var parse = await _served.SendAsync(HttpMethod.Post, $"{schema}/parseExpression", """{"expression":"[mail]"}""");

        // Assert
        foreach (var missing in new[] { operators, functions, parse })
        {
            missing.Status.ShouldBe(HttpStatusCode.NotFound, missing.Text);
            missing.Error["code"]!.GetValue<string>().ShouldBe("ResourceNotFound");
        }
    }

    [Fact]
    public async Task Helpers_UnderTheTemplate_AnswerAsUnderTheJob_UnknownTemplateOrServicePrincipal404()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();
        var job = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema";
        var template = $"/v1.0/servicePrincipals/{sp}/synchronization/templates/scim/schema";
        const string body = """{"expression":"Join(\" \", [givenName], [surname])","testInputObject":{"properties":[{"key":"givenName","value":"Ann"},{"key":"surname","value":"Lee"}]}}""";

        // Act
        var operators = await _served.GetAsync($"{template}/filterOperators");
        var functions = await _served.GetAsync($"{template}/functions");
        var parse = await _served.SendAsync(HttpMethod.Post, $"{template}/parseExpression", body);
        var unknownTemplate = await _served.GetAsync($"/v1.0/servicePrincipals/{sp}/synchronization/templates/aws/schema/functions");
        var unknownServicePrincipal = await _served.SendAsync(HttpMethod.Post,
            $"/v1.0/servicePrincipals/{Guid.NewGuid()}/synchronization/templates/scim/schema/parseExpression", body);

        // Assert
        operators.Text.ShouldBe((await _served.GetAsync($"{job}/filterOperators")).Text);
        functions.Text.ShouldBe((await _served.GetAsync($"{job}/functions")).Text);
        parse.Text.ShouldBe((await _served.SendAsync(HttpMethod.Post, $"{job}/parseExpression", body)).Text);
        parse.Json!["evaluationResult"]!.ToJsonString().ShouldBe("""["Ann Lee"]""");
        unknownTemplate.Status.ShouldBe(HttpStatusCode.NotFound);
        unknownTemplate.Error["code"]!.GetValue<string>().ShouldBe("ResourceNotFound");
        unknownServicePrincipal.Status.ShouldBe(HttpStatusCode.NotFound);
        unknownServicePrincipal.Error["code"]!.GetValue<string>().ShouldBe("Request_ResourceNotFound");
    }

    [Fact]
    public async Task Helpers_Beta_AnswerAsV1()
    {
        // Arrange
        var (sp, jobId) = await CreateJobAsync();
        var schema = $"servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema";
        const string body = """{"expression":"Join(\" \", [givenName], [surname])","testInputObject":{"properties":[{"key":"givenName","value":"Ann"},{"key":"surname","value":"Lee"}]}}""";
        string[] reads = ["directories", "directories/66e4a8cc-1b7b-435e-95f8-f06cea133828", "filterOperators", "functions"];

        // Act
        var v1 = new List<ServedSynchronization.Response>();
        var beta = new List<ServedSynchronization.Response>();
        foreach (var read in reads)
        {
            v1.Add(await _served.GetAsync($"/v1.0/{schema}/{read}"));
            beta.Add(await _served.GetAsync($"/beta/{schema}/{read}"));
        }

        v1.Add(await _served.SendAsync(HttpMethod.Post, $"/v1.0/{schema}/parseExpression", body));
        beta.Add(await _served.SendAsync(HttpMethod.Post, $"/beta/{schema}/parseExpression", body));
        var betaMissing = await _served.GetAsync($"/beta/{schema}/directories/{Guid.NewGuid()}");

        // Assert
        for (var i = 0; i < v1.Count; i++)
        {
            v1[i].Status.ShouldBe(HttpStatusCode.OK, v1[i].Text);
            beta[i].Status.ShouldBe(HttpStatusCode.OK, beta[i].Text);
            beta[i].Json!["@odata.context"]!.GetValue<string>().ShouldContain("/beta/$metadata#");
            beta[i].Text.Replace("/beta/$metadata", "/v1.0/$metadata", StringComparison.Ordinal).ShouldBe(v1[i].Text);
        }

        betaMissing.Status.ShouldBe(HttpStatusCode.NotFound);
        betaMissing.Error["code"]!.GetValue<string>().ShouldBe("ResourceNotFound");
    }

    private async Task<(string ServicePrincipal, string JobId)> CreateJobAsync()
    {
        var sp = await _served.InstantiateAsync();
        return (sp, await _served.CreateJobAsync(sp));
    }

    private Task<ServedSynchronization.Response> ParseAsync(string sp, string jobId, string body) =>
        _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/schema/parseExpression", body);
}
