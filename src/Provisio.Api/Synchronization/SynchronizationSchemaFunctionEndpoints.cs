using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Api.Directory;
using Provisio.Api.Errors;
using Provisio.Directory;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Functions;
using Provisio.Synchronization;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Scoping;

namespace Provisio.Api.Synchronization;

/// <summary>
/// The schema's helpers (reference entra-engine-and-api §4.1, §6.1), under a job and under a template of the service
/// principal: <c>GET .../schema/filterOperators</c> (the 14 scoping operators, <c>filterOperatorSchema</c>),
/// <c>GET .../schema/functions</c> (the expression functions, <c>attributeMappingFunctionSchema</c>) and
/// <c>POST .../schema/parseExpression</c> (<c>parseExpressionResponse</c>; an expression that does not parse is a 200
/// answer with <c>parsingSucceeded: false</c>, as in Graph; only a body that is not a request is a 400).
/// </summary>
public static class SynchronizationSchemaFunctionEndpoints
{
    private const string JobSchema = "/servicePrincipals/{id:guid}/synchronization/jobs/{jobId}/schema";
    private const string TemplateSchema = "/servicePrincipals/{id:guid}/synchronization/templates/{templateId}/schema";

    private static readonly IReadOnlyList<AttributeMappingFunctionSchema> Functions = AttributeMappingFunctionSchema.From(FunctionCatalog.Entra);

    public static void MapSynchronizationSchemaFunctions(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapGet($"{JobSchema}/filterOperators", async (Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken) =>
            await FindJobAsync(id, jobId, engine, cancellationToken).ConfigureAwait(false) ?? FilterOperators(request));
        version.MapGet($"{JobSchema}/functions", async (Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken) =>
            await FindJobAsync(id, jobId, engine, cancellationToken).ConfigureAwait(false) ?? FunctionList(request));
        version.MapPost($"{JobSchema}/parseExpression", async (Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken) =>
            await FindJobAsync(id, jobId, engine, cancellationToken).ConfigureAwait(false) ?? await ParseExpressionAsync(request, cancellationToken).ConfigureAwait(false));

        version.MapGet($"{TemplateSchema}/filterOperators", async (Guid id, string templateId, HttpRequest request, IDirectoryStore directory, CancellationToken cancellationToken) =>
            await FindTemplateAsync(id, templateId, directory, cancellationToken).ConfigureAwait(false) ?? FilterOperators(request));
        version.MapGet($"{TemplateSchema}/functions", async (Guid id, string templateId, HttpRequest request, IDirectoryStore directory, CancellationToken cancellationToken) =>
            await FindTemplateAsync(id, templateId, directory, cancellationToken).ConfigureAwait(false) ?? FunctionList(request));
        version.MapPost($"{TemplateSchema}/parseExpression", async (Guid id, string templateId, HttpRequest request, IDirectoryStore directory, CancellationToken cancellationToken) =>
            await FindTemplateAsync(id, templateId, directory, cancellationToken).ConfigureAwait(false) ?? await ParseExpressionAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Null when the job exists; its 404 otherwise.</summary>
    private static async Task<IResult?> FindJobAsync(Guid id, string jobId, SynchronizationEngine engine, CancellationToken cancellationToken) =>
        await engine.GetJobAsync(id, jobId, cancellationToken).ConfigureAwait(false) is null ? SynchronizationHttp.JobNotFound(id, jobId) : null;

    /// <summary>Null when the service principal exists and has the template; a 404 otherwise.</summary>
    private static async Task<IResult?> FindTemplateAsync(Guid id, string templateId, IDirectoryStore directory, CancellationToken cancellationToken)
    {
        if (!await SynchronizationHttp.ServicePrincipalExistsAsync(directory, id, cancellationToken).ConfigureAwait(false))
        {
            return SynchronizationHttp.ServicePrincipalNotFound(id);
        }

        return SynchronizationEngine.Templates.Any(template => template.Id.Equals(templateId, StringComparison.OrdinalIgnoreCase))
            ? null
            : SynchronizationHttp.ToError(EngineError.NotFound($"The template '{templateId}' does not exist on the service principal '{id}'."));
    }

    private static IResult FilterOperators(HttpRequest request) =>
        SynchronizationHttp.Collection($"{GraphJson.Metadata(request)}#Collection(microsoft.graph.filterOperatorSchema)", FilterOperatorCatalog.Entra.Schemas);

    private static IResult FunctionList(HttpRequest request) =>
        SynchronizationHttp.Collection($"{GraphJson.Metadata(request)}#Collection(microsoft.graph.attributeMappingFunctionSchema)", Functions);

    private static async Task<IResult> ParseExpressionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not JsonObject json)
        {
            return GraphJson.UnreadableBody;
        }

        ParseExpressionRequest? parse;
        try
        {
            parse = json.Deserialize<ParseExpressionRequest>(SynchronizationJson.Options);
        }
        catch (JsonException exception)
        {
            return GraphError.BadRequest($"The body is not a parseExpression request: {exception.Message}", "InvalidRequest");
        }

        if (parse?.Expression is not { } expression)
        {
            return GraphError.BadRequest("The body needs an 'expression', a string such as \"Join(\\\" \\\", [givenName], [surname])\".", "InvalidRequest");
        }

        AttributeBag? testInput = null;
        if (parse.TestInputObject is { } input)
        {
            if (!input.TryGetAttributes(out var attributes, out var error))
            {
                return GraphError.BadRequest(error!, "InvalidRequest");
            }

            testInput = attributes;
        }

        var timeProvider = request.HttpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var response = ParseExpressionAction.Run(expression, testInput, new ExpressionEnvironment { TimeProvider = timeProvider });
        return SynchronizationHttp.Json(SynchronizationHttp.ToNode(response, $"{GraphJson.Metadata(request)}#microsoft.graph.parseExpressionResponse"));
    }
}
