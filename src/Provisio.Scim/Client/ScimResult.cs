using System.Diagnostics.CodeAnalysis;

namespace Provisio.Scim.Client;

/// <summary>A SCIM call's value, or its classified failure; expected failures are values, not exceptions.</summary>
public readonly record struct ScimResult<T>(T? Value, ScimFailure? Failure)
{
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static implicit operator ScimResult<T>(ScimFailure failure) => new(default, failure);

    public static ScimResult<T> Success(T value) => new(value, null);
}
