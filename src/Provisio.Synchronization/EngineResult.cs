namespace Provisio.Synchronization;

/// <summary>A value, or the <see cref="EngineError"/> that prevented it.</summary>
public readonly record struct EngineResult<T>(T? Value, EngineError? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator EngineResult<T>(EngineError error) => new(default, error);

    public static EngineResult<T> Success(T value) => new(value, null);
}
