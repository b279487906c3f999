namespace Provisio.Synchronization.Scoping;

/// <summary>Why a clause's value is invalid for its operator; <see cref="Position"/> is a 0-based offset in the value.</summary>
internal sealed record FilterOperandProblem(string Code, string Message, int? Position = null);
