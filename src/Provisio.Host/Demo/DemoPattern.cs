namespace Provisio.Host.Demo;

/// <summary>What a demo application shows: a healthy job, or one failure pattern of the troubleshooting guide (seed 000).</summary>
internal enum DemoPattern
{
    /// <summary>Assigned users and groups provisioned; the unassigned ones left alone.</summary>
    Healthy,

    /// <summary>seed 000 "Check the target application directly ... rate limiting": 429s retried, 500s escrowed.</summary>
    FaultyTarget,

    /// <summary>seed 000 "Missing Required Attributes": the target refuses users without a department.</summary>
    MissingAttribute,

    /// <summary>seed 000 "Unique Constraint Violations": accounts created by hand conflict with the creates (409).</summary>
    DuplicateAccounts,

    /// <summary>seed 000 "Troubleshooting Checklist", users skipped in logs: assigned users a scoping filter leaves out (NotEffectivelyEntitled).</summary>
    ScopingFilter,

    /// <summary>seed 000 "Invalid Admin Credentials", seed 002: the target refuses the token, the job is quarantined.</summary>
    InvalidCredentials,

    /// <summary>seed 000 "Accidental Deletion Protection": unassigning users exceeds the threshold, the deletions wait for approval.</summary>
    MassDeletions,
}
