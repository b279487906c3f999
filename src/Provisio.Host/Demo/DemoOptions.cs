namespace Provisio.Host.Demo;

/// <summary>What <c>provisio demo</c> was asked for.</summary>
internal sealed record DemoOptions
{
    public required DemoScenario Scenario { get; init; }

    public required string Urls { get; init; }

    /// <summary>Contoso Demo's target; the other targets listen on free loopback ports.</summary>
    public required string TargetUrls { get; init; }

    public required string Database { get; init; }

    public required int Users { get; init; }

    public required int Groups { get; init; }
}
