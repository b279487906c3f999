namespace Provisio.Scim.Validation;

/// <summary>How one check ended; <see cref="Skip"/> when a check it depends on failed first.</summary>
public enum ValidationStatus
{
    Pass,
    Fail,
    Warn,
    Skip,
}
