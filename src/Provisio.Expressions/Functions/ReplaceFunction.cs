using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template),
/// case-sensitive, in the five modes of reference A.3 Replace:
/// <list type="number">
/// <item>oldValue + replacementValue: every oldValue in source becomes replacementValue;</item>
/// <item>oldValue + template: every oldValue in template becomes source;</item>
/// <item>regexPattern + replacementValue: a .NET regex replace, <c>${group}</c> substitutions allowed;</item>
/// <item>regexPattern + regexGroupName + replacementValue: only the named group's span of each match is replaced;</item>
/// <item>regexPattern + regexGroupName + replacementAttributeName: source if it has a value, else the named group of
/// the pattern's match in replacementAttributeName.</item>
/// </list>
/// Where several are supplied (undocumented), oldValue modes win over regex modes, and template over
/// replacementValue. A constant pattern is compiled once, and a bad one is a check error at its column.
/// </summary>
internal sealed class ReplaceFunction : ExpressionFunction
{
    /// <summary>Each match may run this long; then the evaluation fails with RegexTimeout instead of hanging a cycle.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int Source = 0, OldValue = 1, RegexPattern = 2, RegexGroupName = 3, ReplacementValue = 4,
        ReplacementAttributeName = 5, Template = 6;

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public override string Name => "Replace";

    // Keys as Graph's parseExpression returns them: "source", "Find", "Replacement" (reference A.1.1).
    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
    [
        new("source"), FunctionParameter.Optional("Find"), FunctionParameter.Optional("RegexPattern"),
        FunctionParameter.Optional("RegexGroupName"), FunctionParameter.Optional("Replacement"),
        FunctionParameter.Optional("ReplacementAttributeName", FunctionParameterType.Attribute), FunctionParameter.Optional("Template"),
    ];

    public override int MinimumArguments => 1;

    public override ExpressionError? Check(FunctionCall call, bool isTopLevel)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Arguments.Count > RegexPattern && call.Arguments[RegexPattern] is StringLiteral pattern)
        {
            try
            {
                _ = new Regex(pattern.Value, RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException exception)
            {
                return CheckError(ExpressionErrorCodes.InvalidRegex, pattern.Position,
                    $"the regular expression is not valid: {exception.Message}", "a .NET regular expression");
            }
        }

        return null;
    }

    public override Evaluator Bind(BoundCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments;
        var constantPattern = call.Constants.Length > RegexPattern && call.Constants[RegexPattern] is { Kind: ExpressionValueKind.String } constant
            ? GetRegex(constant.AsString()!)
            : null;
        return (in EvaluationScope scope) => Evaluate(arguments, constantPattern, scope);
    }

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        Evaluate(arguments, null, scope);

    private ExpressionValue Evaluate(ReadOnlySpan<Evaluator> arguments, Regex? constantPattern, in EvaluationScope scope)
    {
        var source = arguments[Source](scope);
        var oldValue = Optional(arguments, OldValue, scope);
        var template = Optional(arguments, Template, scope);
        var replacement = Optional(arguments, ReplacementValue, scope);

        if (!oldValue.IsOmitted)
        {
            var find = ToText(oldValue, OldValue) ?? string.Empty;
            if (!template.IsOmitted)
            {
                var text = ToText(source, Source);
                var pattern = ToText(template, Template);
                return text is null || pattern is null || find.Length == 0
                    ? ExpressionValue.From(pattern)
                    : ExpressionValue.From(pattern.Replace(find, text, StringComparison.Ordinal));
            }

            var with = ToText(replacement, ReplacementValue) ?? string.Empty;
            if (find.Length == 0)
            {
                return source;
            }

            if (source.Kind == ExpressionValueKind.String)
            {
                var text = source.AsString()!;
                var replaced = text.Replace(find, with, StringComparison.Ordinal);
                return ReferenceEquals(replaced, text) ? source : ExpressionValue.From(replaced);
            }

            return ReplaceText(source, find, with);
        }

        var patternValue = Optional(arguments, RegexPattern, scope);
        if (patternValue.IsOmitted)
        {
            return source;
        }

        var regex = constantPattern ?? GetRegex(ToText(patternValue, RegexPattern) ?? string.Empty);
        var groupValue = Optional(arguments, RegexGroupName, scope);
        var group = groupValue.IsOmitted ? null : ToText(groupValue, RegexGroupName);
        try
        {
            if (group is not null && arguments.Length > ReplacementAttributeName && IsSupplied(arguments, ReplacementAttributeName, scope, out var alternative))
            {
                if (!source.IsNullOrEmpty)
                {
                    return source;
                }

                var text = ToText(alternative, ReplacementAttributeName);
                if (text is null)
                {
                    return ExpressionValue.Null;
                }

                var match = regex.Match(text);
                return match.Success && match.Groups[group].Success
                    ? ExpressionValue.From(match.Groups[group].Value)
                    : ExpressionValue.Null;
            }

            var with = ToText(replacement, ReplacementValue) ?? string.Empty;
            if (group is null && source.Kind == ExpressionValueKind.String)
            {
                var text = source.AsString()!;
                var replaced = regex.Replace(text, with);
                return ReferenceEquals(replaced, text) ? source : ExpressionValue.From(replaced);
            }

            return group is not null ? ReplaceGroups(source, regex, group, with) : ReplaceMatches(source, regex, with);
        }
        catch (RegexMatchTimeoutException)
        {
            throw Fail(ExpressionErrorCodes.RegexTimeout,
                $"the regular expression \"{regex}\" took longer than {MatchTimeout.TotalSeconds:0} s on this value.");
        }
    }

    // Closures live in these helpers so that the common single-string path above allocates only its result.
    private static ExpressionValue ReplaceGroups(in ExpressionValue source, Regex regex, string group, string with) =>
        MapText(source, text => regex.Replace(text, match => ReplaceGroup(match, group, with)));

    private static ExpressionValue ReplaceText(in ExpressionValue source, string find, string with) =>
        MapText(source, text => text.Replace(find, with, StringComparison.Ordinal));

    private static ExpressionValue ReplaceMatches(in ExpressionValue source, Regex regex, string with) =>
        MapText(source, text => regex.Replace(text, with));

    private static string ReplaceGroup(Match match, string group, string replacement)
    {
        var captured = match.Groups[group];
        if (!captured.Success)
        {
            return match.Value;
        }

        var start = captured.Index - match.Index;
        return string.Concat(match.Value.AsSpan(0, start), replacement, match.Value.AsSpan(start + captured.Length));
    }

    private static ExpressionValue Optional(ReadOnlySpan<Evaluator> arguments, int index, in EvaluationScope scope) =>
        index < arguments.Length ? arguments[index](scope) : ExpressionValue.Omitted;

    private static bool IsSupplied(ReadOnlySpan<Evaluator> arguments, int index, in EvaluationScope scope, out ExpressionValue value)
    {
        value = Optional(arguments, index, scope);
        return !value.IsOmitted;
    }

    private Regex GetRegex(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        try
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            if (Cache.Count < 1024)
            {
                Cache.TryAdd(pattern, regex);
            }

            return regex;
        }
        catch (ArgumentException exception)
        {
            throw Fail(ExpressionErrorCodes.InvalidRegex, $"the regular expression \"{pattern}\" is not valid: {exception.Message}");
        }
    }
}
