using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Cycles;

/// <summary>
/// A job's schema compiled for a cycle: the enabled user and group object mappings of its first rule (the scim
/// template has one rule, reference entra-engine-and-api §5), each an <see cref="ObjectPlan"/>.
/// </summary>
public sealed class JobPlan
{
    private JobPlan(SynchronizationRule rule, ObjectPlan? users, ObjectPlan? groups)
    {
        Rule = rule;
        Users = users;
        Groups = groups;
    }

    public SynchronizationRule Rule { get; }

    public ObjectPlan? Users { get; }

    public ObjectPlan? Groups { get; }

    /// <summary>The target directory's name as logs show it (<c>customappsso</c> for the scim template).</summary>
    public string TargetName => Rule.TargetDirectoryName;

    public ObjectPlan? For(string objectType) =>
        objectType.Equals("User", StringComparison.OrdinalIgnoreCase) ? Users
        : objectType.Equals("Group", StringComparison.OrdinalIgnoreCase) ? Groups
        : null;

    /// <summary>The plan, or why the schema cannot run: a job-level error that fails the cycle before any export.</summary>
    public static (JobPlan? Plan, string? Error) Create(SynchronizationSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var rule = schema.SynchronizationRules.FirstOrDefault();
        if (rule is null)
        {
            return (null, "The job's schema has no synchronization rule.");
        }

        var target = schema.Directories.FirstOrDefault(directory => directory.Name.Equals(rule.TargetDirectoryName, StringComparison.OrdinalIgnoreCase));
        ObjectPlan? users = null, groups = null;
        foreach (var mapping in rule.ObjectMappings.Where(mapping => mapping.Enabled))
        {
            var definition = target?.Objects.FirstOrDefault(item => item.Name.Equals(mapping.TargetObjectName, StringComparison.OrdinalIgnoreCase));
            var (plan, error) = ObjectPlan.Create(mapping, definition);
            if (plan is null)
            {
                return (null, error);
            }

            if (plan.ObjectType == "User")
            {
                users ??= plan;
            }
            else
            {
                groups ??= plan;
            }
        }

        return (new JobPlan(rule, users, groups), null);
    }
}
