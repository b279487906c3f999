namespace Provisio.Synchronization.Scoping;

/// <summary>Why a scoping clause passed or failed; only <see cref="Satisfied"/> passes.</summary>
public enum ClauseOutcome
{
    /// <summary>The value satisfies the operator.</summary>
    Satisfied,

    /// <summary>The value was compared and does not satisfy the operator.</summary>
    NotSatisfied,

    /// <summary>"Scoping filters will return false if the value is null / empty" (every operator but IS NULL).</summary>
    NullOrEmpty,

    /// <summary>"Filtering is not supported for multi-valued attributes."</summary>
    MultiValued,

    /// <summary>A date-typed value: "date-type attributes … aren't supported as scoping filters".</summary>
    UnsupportedAttributeType,

    /// <summary>Greater_Than and Greater_Than_OR_EQUALS need an integer attribute; this one is not.</summary>
    NotAnInteger,

    /// <summary>IS TRUE and IS FALSE need a Boolean attribute; this one is not.</summary>
    NotABoolean,

    /// <summary>The regular expression ran out of time on this value (ours: Entra documents no timeout).</summary>
    RegexTimeout,

    /// <summary>The clause itself is invalid (see <see cref="ScopingFilterValidator"/>); it is false for every object.</summary>
    InvalidRule,
}
