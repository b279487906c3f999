using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Provisio.Scim.Client;
using Provisio.Scim.Validation;

namespace Provisio.Host.Cli;

/// <summary><c>provisio scim validate</c> (and <c>serve</c>, wired by <see cref="ScimServeCommand"/>): ../shared/INTERFACES.md.</summary>
internal static class ScimCommand
{
    public static Command Build(CommandLineConsole console)
    {
        var url = new Option<string>("--url") { Description = "The SCIM base URL (tenant URL), e.g. https://api.example.com/scim/v2", Required = true };
        var token = new Option<string>("--token") { Description = "The bearer token the target expects.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print {\"checks\":[...],\"passed\",\"failed\",\"warnings\"} instead of a table." };
        var dialect = new Option<string>("--dialect")
        {
            Description = "How Entra will phrase PATCH requests: default, or aadOptscim062020 (the tenant URL flag).",
            DefaultValueFactory = _ => "default",
        };
        dialect.AcceptOnlyFromAmong("default", ScimDialects.FlagName);
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for each answer (Entra waits 60).",
            DefaultValueFactory = _ => 60,
        };

        var validate = new Command("validate", "Check a SCIM endpoint against what Entra and Provisio send and need; exit 0 only when no check failed.")
        {
            url, token, json, dialect, timeout,
        };
        validate.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!Uri.TryCreate(parseResult.GetValue(url), UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            {
                await console.Error.WriteLineAsync($"--url must be an absolute http or https URL, not '{parseResult.GetValue(url)}'.".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var selected = parseResult.GetValue(dialect) == ScimDialects.FlagName ? ScimDialect.AadOptScim062020 : ScimDialect.Default;
            using var client = new ScimClient(new ScimClientOptions
            {
                TenantUrl = target,
                Credentials = new BearerTokenCredentials(parseResult.GetValue(token)!),
                Dialect = selected,
                Timeout = TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(timeout))),
            });
            var report = await new ScimValidator(client).RunAsync(cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                await console.Out.WriteLineAsync(ToJson(report).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                WriteTable(console.Out, report);
            }

            return report.Succeeded ? 0 : 1;
        });

        var scim = new Command("scim", "SCIM 2.0: validate an endpoint, or serve the reference SCIM server.") { validate, ScimServeCommand.Build(console) };
        return scim;
    }

    internal static string ToJson(ValidationReport report)
    {
        var document = new
        {
            checks = report.Checks.Select(check => new
            {
                id = check.Id,
                status = check.Status.ToString().ToLowerInvariant(),
                message = check.Message,
                consequence = check.Consequence,
                title = check.Title,
                requests = check.Exchanges.Select(exchange => new
                {
                    method = exchange.Method,
                    url = exchange.Url.ToString(),
                    body = exchange.RequestBody,
                    status = exchange.Status,
                    contentType = exchange.ContentType,
                    response = exchange.ResponseBody is { Length: > 2000 } text ? text[..2000] + "…" : exchange.ResponseBody,
                    durationMs = (int)exchange.Duration.TotalMilliseconds,
                }),
            }),
            passed = report.Passed,
            failed = report.Failed,
            warnings = report.Warnings,
            skipped = report.Skipped,
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static void WriteTable(TextWriter writer, ValidationReport report)
    {
        writer.WriteLine($"SCIM validation of {report.Target} (dialect {report.Dialect})");
        writer.WriteLine();
        var width = report.Checks.Max(check => check.Id.Length);
        string? lastSkip = null;
        foreach (var check in report.Checks)
        {
            var mark = check.Status switch
            {
                ValidationStatus.Pass => "PASS",
                ValidationStatus.Fail => "FAIL",
                ValidationStatus.Warn => "WARN",
                _ => "SKIP",
            };
            writer.WriteLine($"{mark}  {check.Id.PadRight(width)}  {check.Title}");
            if (check.Status is ValidationStatus.Fail or ValidationStatus.Warn)
            {
                writer.WriteLine($"      {new string(' ', width)}  {check.Message}");
                writer.WriteLine($"      {new string(' ', width)}  Consequence: {check.Consequence}");
                if (check.Exchanges.LastOrDefault() is { } last)
                {
                    writer.WriteLine($"      {new string(' ', width)}  Last request: {last.Method} {last.Url} → {(last.Status is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}");
                }
            }
            else if (check.Status == ValidationStatus.Skip && check.Message != lastSkip)
            {
                writer.WriteLine($"      {new string(' ', width)}  {check.Message}");
            }

            lastSkip = check.Status == ValidationStatus.Skip ? check.Message : null;
        }

        writer.WriteLine();
        writer.WriteLine($"{report.Passed} passed, {report.Failed} failed, {report.Warnings} warnings, {report.Skipped} skipped");
    }
}
