using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// The bare identifiers the language knows (reference A.1): VB compare methods for InStr and the flow-control
/// results of the Workday guide.
/// </summary>
internal static class FlowKeywords
{
    public const string IgnoreAttributeFlow = "IgnoreAttributeFlow";
    public const string IgnoreObjectFlow = "IgnoreObjectFlow";
    public const string BinaryCompare = "vbBinaryCompare";
    public const string TextCompare = "vbTextCompare";

    public static IReadOnlyList<string> All { get; } = [IgnoreAttributeFlow, IgnoreObjectFlow, BinaryCompare, TextCompare];

    public static bool IsFlowControl(string name) =>
        name.Equals(IgnoreAttributeFlow, StringComparison.OrdinalIgnoreCase) || name.Equals(IgnoreObjectFlow, StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.OrdinalIgnoreCase);

    public static ExpressionValue ValueOf(string name) =>
        name.Equals(IgnoreAttributeFlow, StringComparison.OrdinalIgnoreCase) ? ExpressionValue.IgnoreAttributeFlow
        : name.Equals(IgnoreObjectFlow, StringComparison.OrdinalIgnoreCase) ? ExpressionValue.IgnoreObjectFlow
        : ExpressionValue.From(All.First(known => known.Equals(name, StringComparison.OrdinalIgnoreCase)));
}
