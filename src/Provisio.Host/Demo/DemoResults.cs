using Provisio.Synchronization;

namespace Provisio.Host.Demo;

internal static class DemoResults
{
    /// <summary>The result's value; the engine's refusal as an exception (the demo cannot go on without its application).</summary>
    public static T OrThrow<T>(this EngineResult<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"The demo could not set up its application: {result.Error!.Code}: {result.Error.Message}");
}
