using System.Text;
using Provisio.Expressions;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;

namespace Provisio.Host.Cli;

/// <summary>
/// The human form of <c>provisio expression evaluate --expression E [--attribute name=value ...] [--trace]</c>:
/// prints the value, or the error with a caret under its position; <c>--trace</c> prints each call first.
/// Exit codes: 0 a value, 1 an error in the expression or its evaluation, 2 bad options.
/// </summary>
internal static class ExpressionConsole
{
    public static int Run(string text, IReadOnlyList<string> attributeOptions, DateTimeOffset? now, bool trace,
        CommandLineConsole console)
    {
        var attributes = new AttributeBag();
        var multi = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in attributeOptions)
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                console.Error.WriteLine($"--attribute '{option}' must be name=value (an empty value is name=).");
                return 2;
            }

            var name = option[..equals];
            if (!multi.TryGetValue(name, out var values))
            {
                multi[name] = values = [];
            }

            values.Add(option[(equals + 1)..]);
        }

        foreach (var (name, values) in multi)
        {
            attributes.Set(name, values.Count == 1 ? ExpressionValue.From(values[0]) : ExpressionValue.From(values));
        }

        var compiled = ExpressionCompiler.Compile(text);
        if (!compiled.Succeeded)
        {
            WriteError(console.Error, text, compiled.Error);
            return 1;
        }

        var environment = now is { } instant ? ExpressionEnvironment.At(instant) : ExpressionEnvironment.Default;
        EvaluationResult result;
        if (trace)
        {
            var calls = new ExpressionTrace();
            result = compiled.Expression.Evaluate(attributes, environment, calls);
            WriteTrace(console.Out, calls);
        }
        else
        {
            result = compiled.Expression.Evaluate(attributes, environment);
        }

        if (!result.Succeeded)
        {
            WriteError(console.Error, text, result.Error);
            return 1;
        }

        console.Out.WriteLine(result.IsAttributeFlowIgnored ? "(attribute dropped from the flow: IgnoreAttributeFlow)"
            : result.IsObjectFlowIgnored ? "(object not flowed: IgnoreObjectFlow)"
            : ExpressionJson.Describe(result.Value));
        return 0;
    }

    /// <summary>The error, then the line it is on with a caret under its column.</summary>
    internal static void WriteError(TextWriter writer, string text, ExpressionError error)
    {
        writer.WriteLine($"error {error.Code}: {error.Message}");
        var lines = text.Split('\n');
        var lineIndex = Math.Clamp(error.Position.Line - 1, 0, lines.Length - 1);
        var line = lines[lineIndex].TrimEnd('\r');
        writer.WriteLine("  " + line);
        var column = Math.Clamp(error.Position.Column - 1, 0, line.Length);
        var padding = new StringBuilder(column);
        for (var i = 0; i < column; i++)
        {
            padding.Append(line[i] == '\t' ? '\t' : ' ');
        }

        writer.WriteLine("  " + padding + "^");
    }

    private static void WriteTrace(TextWriter writer, ExpressionTrace trace)
    {
        foreach (var call in trace.Calls.OrderBy(call => call.Sequence))
        {
            var arguments = string.Join(", ", call.Arguments.Select(argument => argument is { } value
                ? value.IsOmitted ? string.Empty : value.ToString()
                : "…"));
            var outcome = call.Error is { } error ? $"error {error.Code}" : call.Result?.ToString() ?? "null";
            writer.WriteLine($"{new string(' ', call.Depth * 2)}{call.Function}({arguments}) → {outcome}");
        }
    }
}
