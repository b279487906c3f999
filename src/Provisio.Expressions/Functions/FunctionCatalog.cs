using System.Collections.Frozen;

namespace Provisio.Expressions.Functions;

/// <summary>Every function of the language by name, case-insensitively, as Entra reads them (reference A.1, A.3).</summary>
public sealed class FunctionCatalog
{
    private readonly FrozenDictionary<string, ExpressionFunction> _functions;

    private FunctionCatalog(IEnumerable<ExpressionFunction> functions) =>
        _functions = functions.ToFrozenDictionary(function => function.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The functions Entra documents for attribute mappings.</summary>
    public static FunctionCatalog Entra { get; } = new(
    [
        new AppendFunction(), new AppRoleAssignmentsFunction(), new AppRoleAssignmentsComplexFunction(),
        new AssertiveAppRoleAssignmentsComplexFunction(), new BitAndFunction(), new CBoolFunction(), new CDateFunction(),
        new CoalesceFunction(), new ConvertToBase64Function(), new ConvertToUtf8HexFunction(), new CountFunction(),
        new CStrFunction(), new DateAddFunction(), new DateDiffFunction(), new DateFromNumFunction(),
        new DefaultDomainFunction(), new FormatDateTimeFunction(), new GuidFunction(), new IgnoreFlowIfNullOrEmptyFunction(),
        new IifFunction(), new InStrFunction(), new IsNullFunction(), new IsNullOrEmptyFunction(), new IsPresentFunction(),
        new IsStringFunction(), new ItemFunction(), new JoinFunction(), new LeftFunction(), new LenFunction(),
        new MidFunction(), new NormalizeDiacriticsFunction(), new NotFunction(), new NowFunction(),
        new NumFromDateFunction(), new PCaseFunction(), new RandomStringFunction(), new RedactFunction(),
        new RemoveDuplicatesFunction(), new ReplaceFunction(), new SelectUniqueValueFunction(),
        new SingleAppRoleAssignmentFunction(), new SplitFunction(), new StripSpacesFunction(), new SwitchFunction(),
        new ToLowerFunction(), new ToUpperFunction(), new WordFunction(),
    ]);

    public IEnumerable<ExpressionFunction> Functions => _functions.Values.OrderBy(function => function.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out ExpressionFunction function) => _functions.TryGetValue(name, out function!);
}
