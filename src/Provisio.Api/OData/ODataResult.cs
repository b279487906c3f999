using System.Diagnostics.CodeAnalysis;

namespace Provisio.Api.OData;

/// <summary>A parsed query option, or why it was refused (failure as a value, with its position).</summary>
internal readonly record struct ODataResult<T>(T? Value, ODataQueryError? Error)
{
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static implicit operator ODataResult<T>(ODataQueryError error) => new(default, error);

    public static ODataResult<T> Success(T value) => new(value, null);
}
