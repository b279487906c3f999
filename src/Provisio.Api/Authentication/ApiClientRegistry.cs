using System.Text.Json;
using Provisio.Directory;

namespace Provisio.Api.Authentication;

/// <summary>
/// The registered API clients, kept as one JSON document in the service settings (<see cref="SettingName"/>), beside the
/// admin key hashes. The token endpoint reads it fresh; validating a token asks <see cref="IsRegisteredAsync"/>, which
/// reads a copy at most <see cref="CacheLifetime"/> old, so a client removed by another process (the CLI) loses access
/// within that time, and one removed here at once. Writes read, change and write the document: run one at a time.
/// </summary>
public sealed class ApiClientRegistry(IServiceSettings settings, TimeProvider timeProvider)
{
    public const string SettingName = "api-clients";

    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _lock = new();
    private (IReadOnlyList<ApiClient> Clients, DateTimeOffset ReadAt)? _cache;

    public async Task<IReadOnlyList<ApiClient>> ListAsync(CancellationToken cancellationToken)
    {
        var text = await settings.GetAsync(SettingName, cancellationToken).ConfigureAwait(false);
        var clients = text is { Length: > 0 } ? JsonSerializer.Deserialize<Document>(text, Json)?.Clients ?? [] : [];
        lock (_lock)
        {
            _cache = (clients, timeProvider.GetUtcNow());
        }

        return clients;
    }

    public async Task<ApiClient?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var clients = await ListAsync(cancellationToken).ConfigureAwait(false);
        return clients.FirstOrDefault(client => string.Equals(client.ClientId, clientId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Registers a client; returns it and its secret, which is not kept and cannot be shown again.</summary>
    public async Task<(ApiClient Client, string Secret)> AddAsync(string displayName, string role, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        var normalized = ProvisioRoles.Normalize(role) ?? throw new ArgumentException($"The role must be one of {string.Join(", ", ProvisioRoles.All)}, not '{role}'.", nameof(role));
        var secret = ClientSecrets.Generate();
        var client = new ApiClient
        {
            ClientId = Guid.NewGuid().ToString(),
            DisplayName = displayName.Trim(),
            Role = normalized,
            SecretHash = ClientSecrets.Hash(secret),
            CreatedDateTime = timeProvider.GetUtcNow(),
        };
        var clients = await ListAsync(cancellationToken).ConfigureAwait(false);
        await SaveAsync([.. clients, client], cancellationToken).ConfigureAwait(false);
        return (client, secret);
    }

    /// <summary>Removes a client; false when there is none with that id.</summary>
    public async Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var clients = await ListAsync(cancellationToken).ConfigureAwait(false);
        var kept = clients.Where(client => !string.Equals(client.ClientId, clientId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (kept.Count == clients.Count)
        {
            return false;
        }

        await SaveAsync(kept, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether the client is still registered with this role (from a copy at most <see cref="CacheLifetime"/> old).</summary>
    public async ValueTask<bool> IsRegisteredAsync(string clientId, string role, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApiClient>? clients = null;
        lock (_lock)
        {
            if (_cache is { } cache && timeProvider.GetUtcNow() - cache.ReadAt < CacheLifetime)
            {
                clients = cache.Clients;
            }
        }

        clients ??= await ListAsync(cancellationToken).ConfigureAwait(false);
        return clients.Any(client => string.Equals(client.ClientId, clientId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(client.Role, role, StringComparison.Ordinal));
    }

    private async Task SaveAsync(IReadOnlyList<ApiClient> clients, CancellationToken cancellationToken)
    {
        await settings.SetAsync(SettingName, JsonSerializer.Serialize(new Document(clients), Json), cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _cache = (clients, timeProvider.GetUtcNow());
        }
    }

    private sealed record Document(IReadOnlyList<ApiClient> Clients);
}
