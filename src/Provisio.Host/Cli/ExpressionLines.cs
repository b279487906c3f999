using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Provisio.Expressions;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Host.Cli;

/// <summary>
/// The machine form of <c>provisio expression evaluate</c>: one JSON object per input line,
/// <c>{"expression", "attributes", "now"?}</c>, one JSON line out per case, in order. A malformed line gets an error
/// line with code <c>MalformedInput</c> and the run goes on. Each distinct expression is compiled once.
/// </summary>
internal static class ExpressionLines
{
    public const string MalformedInput = "MalformedInput";

    private const int CacheLimit = 4096;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var cache = new Dictionary<string, CompileResult>(StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>(256);
        var failures = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                if (!Evaluate(line, cache, writer))
                {
                    failures++;
                }
            }

            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Writes the case's answer; false when it is an error.</summary>
    private static bool Evaluate(string line, Dictionary<string, CompileResult> cache, Utf8JsonWriter writer)
    {
        string expression;
        AttributeBag attributes;
        ExpressionEnvironment environment;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("expression", out var expressionElement)
                || expressionElement.ValueKind != JsonValueKind.String)
            {
                ExpressionJson.WriteError(writer, Malformed("each line must be a JSON object with a string \"expression\".", 0));
                return false;
            }

            expression = expressionElement.GetString()!;
            attributes = ExpressionJson.ReadAttributes(root.TryGetProperty("attributes", out var attributesElement) ? attributesElement : default);
            environment = ExpressionEnvironment.Default;
            if (root.TryGetProperty("now", out var nowElement) && nowElement.ValueKind != JsonValueKind.Null)
            {
                if (nowElement.ValueKind != JsonValueKind.String || !nowElement.TryGetDateTimeOffset(out var now))
                {
                    ExpressionJson.WriteError(writer, Malformed("\"now\" must be an ISO 8601 instant such as \"2026-01-05T10:00:00Z\".", 0));
                    return false;
                }

                environment = ExpressionEnvironment.At(now);
            }
        }
        catch (JsonException exception)
        {
            ExpressionJson.WriteError(writer, Malformed($"the line is not valid JSON: {exception.Message}", (int)(exception.BytePositionInLine ?? 0)));
            return false;
        }
        catch (FormatException exception)
        {
            ExpressionJson.WriteError(writer, Malformed(exception.Message, 0));
            return false;
        }

        if (!cache.TryGetValue(expression, out var compiled))
        {
            compiled = ExpressionCompiler.Compile(expression);
            if (cache.Count >= CacheLimit)
            {
                cache.Clear();
            }

            cache[expression] = compiled;
        }

        if (!compiled.Succeeded)
        {
            ExpressionJson.WriteError(writer, compiled.Error);
            return false;
        }

        var result = compiled.Expression.Evaluate(attributes, environment);
        ExpressionJson.WriteResult(writer, result);
        return result.Succeeded;
    }

    private static ExpressionError Malformed(string message, int position) =>
        new(MalformedInput, $"Malformed input: {message}", new TextPosition(position, 1, position + 1));
}
