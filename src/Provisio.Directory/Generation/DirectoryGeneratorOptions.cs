using Provisio.Directory.Batches;

namespace Provisio.Directory.Generation;

/// <summary>
/// What <c>provisio directory generate</c> makes: <see cref="Users"/> users in a manager hierarchy, <see cref="Groups"/>
/// groups of <see cref="MembersPerGroup"/> members each, all chosen by <see cref="Seed"/>.
/// </summary>
public sealed record DirectoryGeneratorOptions
{
    public const int DefaultBatchSize = 5_000;

    public long Users { get; init; }

    public int Groups { get; init; }

    public int MembersPerGroup { get; init; }

    public int Seed { get; init; }

    /// <summary>The domain of userPrincipalNames and mail addresses.</summary>
    public string Domain { get; init; } = "contoso.com";

    /// <summary>At most this many objects per batch, and at most four times as many items (objects and references).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The problems with these options, as <c>--option</c> messages; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Users < 0)
        {
            errors.Add("--users must be 0 or more.");
        }

        if (Groups < 0)
        {
            errors.Add("--groups must be 0 or more.");
        }

        if (MembersPerGroup < 0)
        {
            errors.Add("--members-per-group must be 0 or more.");
        }

        if (BatchSize < 1 || BatchSize * 4 > DirectoryBatch.MaximumItems)
        {
            errors.Add($"--batch-size must be between 1 and {DirectoryBatch.MaximumItems / 4}.");
        }

        if (string.IsNullOrWhiteSpace(Domain) || Domain.Contains('@', StringComparison.Ordinal) || Domain.Any(char.IsWhiteSpace))
        {
            errors.Add($"--domain must be a domain name such as contoso.com, not '{Domain}'.");
        }

        return errors;
    }
}
