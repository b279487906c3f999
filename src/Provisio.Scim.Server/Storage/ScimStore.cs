using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Scim.Server.Resources;

namespace Provisio.Scim.Server.Storage;

/// <summary>Users and groups, one version counter, and the JSON snapshot <c>{"users":[...],"groups":[...]}</c> of <c>--data FILE</c>.</summary>
internal sealed class ScimStore
{
    private readonly VersionSource _versions = new();

    public ScimStore(TimeProvider timeProvider)
    {
        Users = new ScimResourceStore(ScimResourceKind.User, _versions, timeProvider);
        Groups = new ScimResourceStore(ScimResourceKind.Group, _versions, timeProvider);
    }

    public ScimResourceStore Users { get; }

    public ScimResourceStore Groups { get; }

    public long Changes => Users.Changes + Groups.Changes;

    public ScimResourceStore For(ScimResourceKind kind) => kind.IsGroup ? Groups : Users;

    /// <summary>
    /// Drops a deleted user from every group's members, as real targets do (RFC 7644 §3.6 leaves it to the service
    /// provider), so a group never lists a member that answers 404.
    /// </summary>
    public void RemoveMemberships(string userId)
    {
        foreach (var groupId in Groups.Mentioning(userId))
        {
            Groups.Patch(groupId, ifMatch: null, group =>
            {
                if (group["members"] is JsonArray members)
                {
                    for (var i = members.Count - 1; i >= 0; i--)
                    {
                        if (members[i] is JsonObject member && ScimJson.Text(member["value"]) == userId)
                        {
                            members.RemoveAt(i);
                        }
                    }

                    if (members.Count == 0)
                    {
                        group.Remove("members");
                    }
                }

                return null;
            });
        }
    }

    public JsonObject ToSnapshot() => new(ScimJson.NodeOptions)
    {
        ["users"] = new JsonArray([.. Users.Export()]),
        ["groups"] = new JsonArray([.. Groups.Export()]),
    };

    /// <summary>Loads a snapshot into an empty store; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public void Load(JsonObject snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Users.Import(Resources(snapshot, "users"));
        Groups.Import(Resources(snapshot, "groups"));
    }

    /// <summary>Reads <paramref name="path"/> when it exists; false when there is no file yet.</summary>
    public bool LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            Load(ScimJson.ParseObject(File.ReadAllText(path)));
            return true;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"The data file \"{path}\" is not a SCIM snapshot ({exception.Message}); move it away or pass another --data FILE.", exception);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException(
                $"The data file \"{path}\" is not a usable SCIM snapshot: {exception.Message} Move it away or pass another --data FILE.", exception);
        }
    }

    /// <summary>Writes the snapshot next to <paramref name="path"/> and moves it into place, so a reader never sees half a file.</summary>
    public void SaveFile(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, ToSnapshot().ToJsonString(SnapshotJson));
        File.Move(temporary, full, overwrite: true);
    }

    private static readonly JsonSerializerOptions SnapshotJson = new(ScimJson.WriteOptions) { WriteIndented = true };

    private static IEnumerable<JsonObject> Resources(JsonObject snapshot, string name) => snapshot[name] switch
    {
        null => [],
        JsonArray array when array.All(item => item is JsonObject) => array.Select(item => (JsonObject)item!.DeepClone()).ToList(),
        _ => throw new InvalidDataException($"\"{name}\" must be an array of resources."),
    };
}
