using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Evaluation;

/// <summary>
/// The calls of one evaluation, in the order they finished, with their arguments and results: what
/// <c>provisio expression evaluate --trace</c> and the portal's expression tester show.
/// </summary>
public sealed class ExpressionTrace
{
    private readonly List<TraceFrame> _open = [];
    private readonly List<TracedCall> _calls = [];
    private int _sequence;

    /// <summary>The calls in the order they finished (innermost first).</summary>
    public IReadOnlyList<TracedCall> Calls => _calls;

    internal void Enter(string function, TextPosition position, int argumentCount) =>
        _open.Add(new TraceFrame(_sequence++, function, position, _open.Count, new ExpressionValue?[argumentCount]));

    internal void RecordArgument(int index, ExpressionValue value)
    {
        if (_open.Count > 0)
        {
            var arguments = _open[^1].Arguments;
            if (index < arguments.Length)
            {
                arguments[index] = value;
            }
        }
    }

    internal void Exit(ExpressionValue? result, ExpressionError? error)
    {
        var frame = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        _calls.Add(new TracedCall(frame.Sequence, frame.Function, frame.Position, frame.Depth, frame.Arguments, result, error));
    }

    private sealed record TraceFrame(int Sequence, string Function, TextPosition Position, int Depth, ExpressionValue?[] Arguments);
}

/// <summary>
/// One finished call; <see cref="Sequence"/> is the order calls started in (sort by it to read the trace as a tree).
/// An argument the function never evaluated (IIF's other branch, Switch's later keys) is null.
/// </summary>
public sealed record TracedCall(int Sequence, string Function, TextPosition Position, int Depth,
    IReadOnlyList<ExpressionValue?> Arguments, ExpressionValue? Result, ExpressionError? Error);
