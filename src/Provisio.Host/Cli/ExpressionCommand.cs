using System.CommandLine;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio expression evaluate</c>: with no options, JSON lines on stdin to JSON lines on stdout; with
/// <c>--expression</c>, a value (or a positioned error) for a person, and the calls with <c>--trace</c>.
/// </summary>
internal static class ExpressionCommand
{
    public static Command Build(CommandLineConsole console)
    {
        var expression = new Option<string?>("--expression", "-e")
        {
            Description = "The expression to evaluate, e.g. 'Join(\" \", [givenName], [surname])'. Without it, JSON lines are read from stdin.",
        };
        var attributes = new Option<string[]>("--attribute", "-a")
        {
            Description = "A source attribute as name=value; repeat a name for a multi-valued attribute.",
            AllowMultipleArgumentsPerToken = false,
        };
        var trace = new Option<bool>("--trace") { Description = "Print every function call with its arguments and result." };
        var now = new Option<DateTimeOffset?>("--now")
        {
            Description = "The instant Now() returns, ISO 8601 (default: the current time).",
        };

        var evaluate = new Command("evaluate", "Evaluate an attribute-mapping expression against attributes.")
        {
            expression, attributes, trace, now,
        };
        evaluate.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetValue(expression);
            if (text is null)
            {
                if (parseResult.GetValue(attributes) is { Length: > 0 } || parseResult.GetValue(trace))
                {
                    await console.Error.WriteLineAsync("--attribute and --trace need --expression; without it, JSON lines are read from stdin.".AsMemory(), cancellationToken).ConfigureAwait(false);
                    return 2;
                }

                return await ExpressionLines.RunAsync(console.In, console.Out, cancellationToken).ConfigureAwait(false);
            }

            return ExpressionConsole.Run(text, parseResult.GetValue(attributes) ?? [], parseResult.GetValue(now),
                parseResult.GetValue(trace), console);
        });

        return new Command("expression", "Entra's attribute-mapping expression language.") { evaluate };
    }
}
