using System.Diagnostics.CodeAnalysis;

namespace Provisio.Directory;

/// <summary>A directory write's result or its refusal.</summary>
public readonly record struct DirectoryResult<T>(T? Value, DirectoryError? Error)
{
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static implicit operator DirectoryResult<T>(DirectoryError error) => new(default, error);

    public static DirectoryResult<T> Success(T value) => new(value, null);
}
