namespace Provisio.Synchronization.Scoping;

/// <summary>What the scoping step leaves the rest of the pipeline to do with an object.</summary>
public enum ScopeAction
{
    /// <summary>In scope: match it, then create or update it.</summary>
    Provision,

    /// <summary>Out of scope and nothing to undo (never provisioned, or SkipOutOfScopeDeletions): log it as skipped.</summary>
    Skip,

    /// <summary>Was in scope and no longer is: update it with <c>IsSoftDeleted</c> = true, which disables it (§1.7).</summary>
    Disable,
}
