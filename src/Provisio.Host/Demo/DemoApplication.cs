namespace Provisio.Host.Demo;

/// <summary>
/// One application of the demo, its own reference SCIM target beside it: the name says what it shows (names sort after
/// <see cref="DemoApplications.Contoso"/>'s), <see cref="Slug"/> names its target's data file.
/// </summary>
internal sealed record DemoApplication(string Name, string Slug, DemoPattern Pattern)
{
    /// <summary>The target's fault profiles (<c>throttle:N</c>, <c>require-attribute:NAME</c>, ...).</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    /// <summary>The troubleshooting guide's section to read beside it, printed with its state.</summary>
    public string Shows { get; init; } = "";
}
