namespace Provisio.Expressions;

/// <summary>
/// The codes of <see cref="ExpressionError"/>. Syntax and check codes come from parsing and checking; the
/// evaluation codes classify a failure while computing a value (the engine fails that object, as Entra does).
/// </summary>
public static class ExpressionErrorCodes
{
    // Syntax (parser)
    public const string EmptyExpression = "EmptyExpression";
    public const string ExpressionTooLong = "ExpressionTooLong";
    public const string UnexpectedToken = "UnexpectedToken";
    public const string UnexpectedCharacter = "UnexpectedCharacter";
    public const string UnterminatedString = "UnterminatedString";
    public const string UnbalancedBrackets = "UnbalancedBrackets";
    public const string InvalidNumber = "InvalidNumber";

    // Check (semantic, before compiling)
    public const string UnknownFunction = "UnknownFunction";
    public const string UnknownIdentifier = "UnknownIdentifier";
    public const string WrongArgumentCount = "WrongArgumentCount";
    public const string MissingArgument = "MissingArgument";
    public const string FlowControlInCondition = "FlowControlInCondition";
    public const string NotAtTopLevel = "NotAtTopLevel";
    public const string InvalidRegex = "InvalidRegex";
    public const string InvalidArgument = "InvalidArgument";

    // Evaluation
    public const string InvalidDate = "InvalidDate";
    public const string InvalidDateFormat = "InvalidDateFormat";
    public const string NotANumber = "NotANumber";
    public const string NotABoolean = "NotABoolean";
    public const string MultipleValues = "MultipleValues";
    public const string IndexOutOfRange = "IndexOutOfRange";
    public const string RegexTimeout = "RegexTimeout";
    public const string UniqueValueUnavailable = "UniqueValueUnavailable";
    public const string DefaultDomainUnavailable = "DefaultDomainUnavailable";
    public const string InternalError = "InternalError";

    public static bool IsSyntax(string code) => code is EmptyExpression or ExpressionTooLong or UnexpectedToken
        or UnexpectedCharacter or UnterminatedString or UnbalancedBrackets or InvalidNumber;

    public static bool IsEvaluation(string code) => code is InvalidDate or InvalidDateFormat
        or NotANumber or NotABoolean or MultipleValues or IndexOutOfRange or RegexTimeout or UniqueValueUnavailable
        or DefaultDomainUnavailable or InvalidArgument or InvalidRegex or InternalError;
}
