namespace Provisio.Host.Demo;

/// <summary><c>provisio demo --scenario NAME</c>: which applications the demo sets up.</summary>
internal sealed record DemoScenario(string Name, IReadOnlyList<DemoApplication> Applications)
{
    public static DemoScenario Healthy { get; } = new("healthy", [DemoApplications.Contoso]);

    public static DemoScenario Troubleshooting { get; } = new("troubleshooting", [DemoApplications.Contoso, .. DemoApplications.Troubleshooting]);

    public static IReadOnlyList<DemoScenario> Known { get; } = [Healthy, Troubleshooting];

    public static DemoScenario? Find(string name) =>
        Known.FirstOrDefault(scenario => string.Equals(scenario.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
