using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Scim.Filters;
using Provisio.Scim.Server.Resources;

namespace Provisio.Scim.Server.Storage;

/// <summary>
/// The resources of one type, in memory and thread-safe: a dictionary by <c>id</c>, creation order for paging, and
/// indexes for the <c>eq</c> filters Entra sends (reference B.2: <c>userName</c>, <c>externalId</c>, group
/// <c>displayName</c>), so matching one object costs a lookup, not a scan; other filters scan. Resources are kept as
/// immutable UTF-8 JSON: the lock guards only dictionary work, parsing and serializing happen outside it, and an
/// update commits only if nobody committed in between (else it is redone on the newer version). Every read returns
/// a private copy; <c>meta.location</c> is not stored (it depends on the address the client used).
/// </summary>
internal sealed class ScimResourceStore(ScimResourceKind kind, VersionSource versions, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredResource> _byId = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, StoredResource> _bySequence = [];
    private readonly Dictionary<string, string> _byUniqueName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _byExternalId = new(StringComparer.Ordinal);
    private long _sequence;
    private long _changes;

    public ScimResourceKind Kind { get; } = kind;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Grows with every write; the snapshot saver compares it to decide whether to save.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public StoreResult Get(string id) => Find(id) is { } stored ? StoreResult.Ok(stored.Parse(), stored.Version) : NotFound(id);

    /// <summary>
    /// The resources matching <paramref name="filter"/> (all when null) in creation order, from the 1-based
    /// <paramref name="startIndex"/>, at most <paramref name="count"/> of them (RFC 7644 §3.4.2.4), as of one moment.
    /// </summary>
    public QueryPage Query(FilterExpression? filter, int startIndex, int count)
    {
        List<StoredResource> candidates;
        lock (_lock)
        {
            candidates = filter is not null && Candidates(filter) is { } indexed
                ? [.. indexed.OrderBy(stored => stored.Sequence)]
                : [.. _bySequence.Values];
        }

        if (filter is null)
        {
            var page = candidates.Skip(startIndex - 1).Take(count).Select(stored => stored.Parse()).ToList();
            return new QueryPage(candidates.Count, page);
        }

        var total = 0;
        var matches = new List<JsonObject>(Math.Min(count, 64));
        foreach (var stored in candidates)
        {
            var resource = stored.Parse();
            if (!filter.Matches(resource))
            {
                continue;
            }

            total++;
            if (total >= startIndex && matches.Count < count)
            {
                matches.Add(resource);
            }
        }

        return new QueryPage(total, matches);
    }

    /// <summary>Stores a new resource (already normalized), assigning <c>id</c> and <c>meta</c>; 409 when its unique attribute is taken.</summary>
    public StoreResult Create(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (Invalid(resource) is { } invalid)
        {
            return invalid;
        }

        var uniqueName = UniqueName(resource)!;
        var id = Guid.NewGuid().ToString("N");
        var now = Timestamp();
        var version = versions.Next();
        var document = WithIdentity(resource, id, now, now, version);
        var json = Utf8(document);
        lock (_lock)
        {
            if (_byUniqueName.ContainsKey(uniqueName))
            {
                return Conflict(uniqueName);
            }

            Index(new StoredResource(id, ++_sequence, version, uniqueName, ExternalId(document), json));
        }

        Interlocked.Increment(ref _changes);
        return StoreResult.Ok(document, version);
    }

    /// <summary>PUT (RFC 7644 §3.5.1): the resource becomes <paramref name="resource"/>, keeping <c>id</c> and <c>meta.created</c>.</summary>
    public StoreResult Replace(string id, JsonObject resource, string? ifMatch)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Update(id, ifMatch, _ => ((JsonObject)resource.DeepClone(), null));
    }

    /// <summary>
    /// PATCH (RFC 7644 §3.5.2): <paramref name="change"/> edits a copy of the resource, or returns an error; the
    /// result is validated and stored as a new version.
    /// </summary>
    public StoreResult Patch(string id, string? ifMatch, Func<JsonObject, ScimErrorBody?> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Update(id, ifMatch, copy => change(copy) is { } failure ? (null, failure) : (copy, null));
    }

    public StoreResult Delete(string id, string? ifMatch)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var stored))
            {
                return NotFound(id);
            }

            if (!ETags.Matches(ifMatch, stored.Version))
            {
                return PreconditionFailed(stored);
            }

            Unindex(stored);
            Interlocked.Increment(ref _changes);
            return StoreResult.Ok(ScimJson.NewObject(), stored.Version);
        }
    }

    /// <summary>The ids of resources whose JSON mentions <paramref name="text"/> (a cheap pre-filter before parsing).</summary>
    public IReadOnlyList<string> Mentioning(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        List<StoredResource> all;
        lock (_lock)
        {
            all = [.. _bySequence.Values];
        }

        return [.. all.Where(stored => stored.Json.AsSpan().IndexOf(needle) >= 0).Select(stored => stored.Id)];
    }

    /// <summary>Copies of every resource in creation order, for a snapshot.</summary>
    public IReadOnlyList<JsonObject> Export()
    {
        List<StoredResource> all;
        lock (_lock)
        {
            all = [.. _bySequence.Values];
        }

        return [.. all.Select(stored => stored.Parse())];
    }

    /// <summary>Adds resources from a snapshot as they were (id, meta and version kept).</summary>
    public void Import(IEnumerable<JsonObject> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        foreach (var resource in resources)
        {
            var id = ScimJson.Text(resource["id"]);
            var uniqueName = UniqueName(resource);
            var version = VersionOf(resource);
            lock (_lock)
            {
                if (string.IsNullOrEmpty(id) || uniqueName is null || _byId.ContainsKey(id) || _byUniqueName.ContainsKey(uniqueName))
                {
                    throw new InvalidDataException(
                        $"A {Kind.Name} in the snapshot has no id or {Kind.UniqueAttribute}, or repeats one (id \"{id}\").");
                }

                versions.AtLeast(version);
                Index(new StoredResource(id, ++_sequence, version, uniqueName, ExternalId(resource), Utf8(resource)));
            }
        }
    }

    private StoreResult Update(string id, string? ifMatch, Func<JsonObject, (JsonObject? Changed, ScimErrorBody? Error)> change)
    {
        while (true)
        {
            if (Find(id) is not { } stored)
            {
                return NotFound(id);
            }

            // RFC 7644 §3.14: a stale If-Match is 412, and nothing changes.
            if (!ETags.Matches(ifMatch, stored.Version))
            {
                return PreconditionFailed(stored);
            }

            var copy = stored.Parse();
            var created = ScimJson.Text((copy["meta"] as JsonObject)?["created"]) ?? Timestamp();
            var (changed, error) = change(copy);
            if (changed is null)
            {
                return new StoreResult(null, 0, error);
            }

            if (Invalid(changed) is { } invalid)
            {
                return invalid;
            }

            var uniqueName = UniqueName(changed)!;
            var version = versions.Next();
            var document = WithIdentity(changed, id, created, Timestamp(), version);
            var json = Utf8(document);
            lock (_lock)
            {
                if (!_byId.TryGetValue(id, out var current))
                {
                    return NotFound(id);
                }

                if (!ReferenceEquals(current, stored))
                {
                    continue; // someone committed first: redo the change on their version
                }

                if (_byUniqueName.TryGetValue(uniqueName, out var owner) && owner != id)
                {
                    return Conflict(uniqueName);
                }

                Unindex(stored);
                Index(new StoredResource(id, stored.Sequence, version, uniqueName, ExternalId(document), json));
            }

            Interlocked.Increment(ref _changes);
            return StoreResult.Ok(document, version);
        }
    }

    private StoredResource? Find(string id)
    {
        lock (_lock)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The stored resources an <c>eq</c> on an indexed attribute narrows the filter to; null when the filter needs a scan.</summary>
    private List<StoredResource>? Candidates(FilterExpression filter)
    {
        switch (filter)
        {
            case AttributeFilter { Operator: ComparisonOperator.Equal, Path: { IsCore: true, ValueFilter: null, SubAttribute: null } path, Value: JsonValue value }
                when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (path.Name.Equals("id", StringComparison.OrdinalIgnoreCase))
                {
                    return _byId.TryGetValue(text, out var byId) ? [byId] : [];
                }

                if (path.Name.Equals(Kind.UniqueAttribute, StringComparison.OrdinalIgnoreCase))
                {
                    return _byUniqueName.TryGetValue(text, out var owner) ? [_byId[owner]] : [];
                }

                if (path.Name.Equals("externalId", StringComparison.OrdinalIgnoreCase))
                {
                    return _byExternalId.TryGetValue(text, out var ids) ? [.. ids.Select(other => _byId[other])] : [];
                }

                return null;
            case LogicalFilter { IsAnd: true } and:
                return Candidates(and.Left) ?? Candidates(and.Right);
            default:
                return null;
        }
    }

    private void Index(StoredResource stored)
    {
        _byId[stored.Id] = stored;
        _bySequence[stored.Sequence] = stored;
        _byUniqueName[stored.UniqueName] = stored.Id;
        if (stored.ExternalId is { } externalId)
        {
            if (!_byExternalId.TryGetValue(externalId, out var ids))
            {
                ids = new HashSet<string>(StringComparer.Ordinal);
                _byExternalId[externalId] = ids;
            }

            ids.Add(stored.Id);
        }
    }

    private void Unindex(StoredResource stored)
    {
        _byId.Remove(stored.Id);
        _bySequence.Remove(stored.Sequence);
        _byUniqueName.Remove(stored.UniqueName);
        if (stored.ExternalId is { } externalId && _byExternalId.TryGetValue(externalId, out var ids))
        {
            ids.Remove(stored.Id);
            if (ids.Count == 0)
            {
                _byExternalId.Remove(externalId);
            }
        }
    }

    /// <summary>RFC 7643 §4.1.1 and §4.2: <c>userName</c> and group <c>displayName</c> are required.</summary>
    private StoreResult? Invalid(JsonObject resource) => UniqueName(resource) is not null
        ? null
        : resource[Kind.UniqueAttribute] is null
            ? StoreResult.Fail(400, $"Required attribute {Kind.UniqueAttribute} is missing", "invalidValue")
            : StoreResult.Fail(400, $"Attribute {Kind.UniqueAttribute} must be a non-empty string.", "invalidValue");

    private string? UniqueName(JsonObject resource) =>
        resource[Kind.UniqueAttribute] is JsonValue value && value.GetValueKind() == JsonValueKind.String
        && value.GetValue<string>() is { Length: > 0 } text
            ? text
            : null;

    private static string? ExternalId(JsonObject resource) =>
        resource["externalId"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The resource with <c>schemas</c> and <c>id</c> first and a fresh <c>meta</c>; takes over the nodes of <paramref name="resource"/>.</summary>
    private JsonObject WithIdentity(JsonObject resource, string id, string created, string lastModified, long version)
    {
        resource.Remove("id");
        resource.Remove("meta");
        var document = ScimJson.NewObject();
        document["schemas"] = resource["schemas"]?.DeepClone() ?? new JsonArray(Kind.Schema);
        document["id"] = id;
        foreach (var (name, value) in resource.ToList())
        {
            if (!name.Equals("schemas", StringComparison.OrdinalIgnoreCase))
            {
                resource.Remove(name);
                document[name] = value;
            }
        }

        document["meta"] = new JsonObject(ScimJson.NodeOptions)
        {
            ["resourceType"] = Kind.Name,
            ["created"] = created,
            ["lastModified"] = lastModified,
            ["version"] = ETags.Of(version),
        };
        return document;
    }

    private static byte[] Utf8(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static long VersionOf(JsonObject resource)
    {
        var tag = ScimJson.Text((resource["meta"] as JsonObject)?["version"]) ?? string.Empty;
        var digits = tag.Replace("W/", string.Empty, StringComparison.OrdinalIgnoreCase).Trim('"');
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
    }

    private string Timestamp() =>
        timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private StoreResult NotFound(string id) => StoreResult.Fail(404, $"Resource {id} not found");

    private StoreResult Conflict(string uniqueName) => StoreResult.Fail(409,
        $"A {Kind.Name} with {Kind.UniqueAttribute} \"{uniqueName}\" already exists.", "uniqueness");

    private static StoreResult PreconditionFailed(StoredResource stored) => StoreResult.Fail(412,
        $"The resource has changed: its version is {ETags.Of(stored.Version)}; read it again and retry with that If-Match.");
}
