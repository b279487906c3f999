namespace Provisio.Host.Demo;

/// <summary>The demo's applications: Contoso Demo, and one per failure pattern of the troubleshooting guide (seed 000).</summary>
internal static class DemoApplications
{
    /// <summary>The department the Tailspin target requires (seed 000's example of a missing required attribute).</summary>
    public const string RequiredAttribute = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";

    /// <summary>How many users lose their department, have an account made by hand, or become contractors.</summary>
    public const int Examples = 3;

    /// <summary>Woodgrove's accidental-deletion threshold.</summary>
    public const int DeletionThreshold = 5;

    /// <summary>How many directly assigned users Woodgrove unassigns at once.</summary>
    public const int UnassignedAtOnce = 12;

    /// <summary>Proseware's scoping filter: <c>employeeType EQUALS Employee</c>.</summary>
    public const string ScopedEmployeeType = "Employee";

    public static DemoApplication Contoso { get; } = new("Contoso Demo", "contoso", DemoPattern.Healthy) { Shows = "healthy" };

    public static DemoApplication Fabrikam { get; } = new("Fabrikam (faulty target)", "fabrikam", DemoPattern.FaultyTarget)
    {
        // every 10th request throttled (429, Retry-After: 1, retried by the client), 10 % answered 500 (escrowed)
        Faults = ["throttle:10", "flaky:0.1"],
        Shows = "throttling and intermittent 500s",
    };

    public static DemoApplication Litware { get; } = new("Litware (duplicate accounts)", "litware", DemoPattern.DuplicateAccounts)
    {
        Shows = "accounts made by hand, matched on externalId, conflict on userName",
    };

    public static DemoApplication Northwind { get; } = new("Northwind (quarantined)", "northwind", DemoPattern.InvalidCredentials)
    {
        Shows = "the target refuses the secret token",
    };

    public static DemoApplication Proseware { get; } = new("Proseware (users skipped)", "proseware", DemoPattern.ScopingFilter)
    {
        Shows = "a scoping filter (employeeType EQUALS Employee) skips the assigned contractors and interns",
    };

    public static DemoApplication Tailspin { get; } = new("Tailspin (missing attribute)", "tailspin", DemoPattern.MissingAttribute)
    {
        Faults = [$"require-attribute:{RequiredAttribute}"],
        Shows = "the target requires a department some users lack",
    };

    public static DemoApplication Woodgrove { get; } = new("Woodgrove (mass deletions)", "woodgrove", DemoPattern.MassDeletions)
    {
        Shows = "users unassigned beyond the deletion threshold",
    };

    /// <summary>The troubleshooting scenario's applications beside Contoso Demo, in name order.</summary>
    public static IReadOnlyList<DemoApplication> Troubleshooting { get; } = [Fabrikam, Litware, Northwind, Proseware, Tailspin, Woodgrove];
}
