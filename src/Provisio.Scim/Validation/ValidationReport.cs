namespace Provisio.Scim.Validation;

/// <summary>All checks of one run; the target passes when nothing failed (warnings allowed).</summary>
public sealed record ValidationReport(Uri Target, string Dialect, IReadOnlyList<ValidationCheck> Checks)
{
    public int Passed => Checks.Count(check => check.Status == ValidationStatus.Pass);

    public int Failed => Checks.Count(check => check.Status == ValidationStatus.Fail);

    public int Warnings => Checks.Count(check => check.Status == ValidationStatus.Warn);

    public int Skipped => Checks.Count(check => check.Status == ValidationStatus.Skip);

    public bool Succeeded => Failed == 0;
}
