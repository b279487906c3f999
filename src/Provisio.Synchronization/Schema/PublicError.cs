namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>publicError</c> as <c>parseExpressionResponse.error</c> carries it: the expression error's code and
/// message (which names the column), <c>target</c> <c>expression</c>, and, ours, the <see cref="Position"/> of the error
/// in the expression text so an editor can put a caret under it.
/// </summary>
public sealed record PublicError
{
    public required string Code { get; init; }

    public required string Message { get; init; }

    public string? Target { get; init; }

    public IReadOnlyList<PublicErrorDetail> Details { get; init; } = [];

    public PublicErrorDetail? InnerError { get; init; }

    /// <summary>Ours (Graph has no such property): where in the expression; offset 0-based, line and column 1-based.</summary>
    public PublicErrorPosition? Position { get; init; }
}

/// <summary>Graph's <c>publicErrorDetail</c>.</summary>
public sealed record PublicErrorDetail(string Code, string Message, string? Target = null);

/// <summary>A place in the expression text, as <c>Provisio.Expressions</c> reports it.</summary>
public sealed record PublicErrorPosition(int Offset, int Line, int Column);
