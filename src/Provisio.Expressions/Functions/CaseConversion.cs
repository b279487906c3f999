using System.Globalization;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>The culture argument of ToLower and ToUpper: omitted or empty is the invariant culture (reference A.3).</summary>
internal static class CaseConversion
{
    public static CultureInfo? Culture(ExpressionFunction function, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw function.Fail(ExpressionErrorCodes.InvalidArgument, $"\"{name}\" is not a culture name such as en-US.");
        }
    }
}
