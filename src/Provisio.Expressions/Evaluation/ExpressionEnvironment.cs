using System.Security.Cryptography;

namespace Provisio.Expressions.Evaluation;

/// <summary>
/// What an evaluation may read besides the attributes: the clock (Now, date defaults), the tenant's default
/// domain, the uniqueness check and limits. The library reads no clock it was not given.
/// </summary>
public sealed class ExpressionEnvironment
{
    public static ExpressionEnvironment Default { get; } = new();

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>DefaultDomain(); when null, DefaultDomain() is an evaluation error as in Entra.</summary>
    public string? DefaultDomain { get; init; }

    public IUniqueValueChecker? UniqueValueChecker { get; init; }

    /// <summary>Random bytes for Guid() and RandomString(); a cryptographic generator unless a test fixes one.</summary>
    public Func<int, int>? RandomInt32 { get; init; }

    /// <summary>An environment whose clock stands still at <paramref name="now"/>.</summary>
    public static ExpressionEnvironment At(DateTimeOffset now) => new() { TimeProvider = new FixedTimeProvider(now) };

    internal int NextRandom(int exclusiveMaximum) =>
        RandomInt32 is { } random ? random(exclusiveMaximum) : RandomNumberGenerator.GetInt32(exclusiveMaximum);

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
