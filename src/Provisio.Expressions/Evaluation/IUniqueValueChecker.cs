namespace Provisio.Expressions.Evaluation;

/// <summary>
/// Answers SelectUniqueValue's question: is this value still free in the target? The engine answers from its
/// connector data store; without a checker every value counts as unique, so the first rule wins.
/// </summary>
public interface IUniqueValueChecker
{
    bool IsUnique(string candidate);
}
