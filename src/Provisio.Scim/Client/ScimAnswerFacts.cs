using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Provisio.Scim.Client;

/// <summary>
/// A successful answer read without building <see cref="System.Text.Json.Nodes.JsonNode"/> trees: that it is a JSON
/// object <see cref="ScimJson.Parse"/> accepts (well-formed, at most 64 deep, no object naming an attribute twice in any
/// casing), and the few top-level members a create, a PATCH or a matching query needs (<c>id</c>, the ListResponse's
/// counts, whether <c>Resources</c> holds anything). <see cref="TryRead"/> answers false whenever it is not sure; the
/// client then parses the answer whole, so every failure reads exactly as a full parse makes it.
/// </summary>
internal sealed class ScimAnswerFacts
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = ScimJson.DocumentOptions.MaxDepth };

    /// <summary>The top-level <c>id</c> when it is a JSON string; null when it is absent or anything else (see <see cref="IdIsString"/>).</summary>
    public string? Id { get; private set; }

    /// <summary>Whether the top-level <c>id</c> is a JSON string (a number or a boolean makes a full parse necessary).</summary>
    public bool IdIsString { get; private set; }

    /// <summary>Whether the top-level <c>id</c> is there with a value that is not a string or null.</summary>
    public bool IdIsOther { get; private set; }

    /// <summary><c>totalResults</c>, <c>startIndex</c>, <c>itemsPerPage</c> as <see cref="ScimJson.Text"/> reads them.</summary>
    public string? TotalResults { get; private set; }

    public string? StartIndex { get; private set; }

    public string? ItemsPerPage { get; private set; }

    /// <summary>Whether <c>Resources</c> is there and is not null or an empty array (the resources then need a full parse).</summary>
    public bool HasResources { get; private set; }

    /// <summary>The facts of <paramref name="text"/>, or false when it is not a JSON object a full parse accepts, or not surely.</summary>
    public static bool TryRead(string text, out ScimAnswerFacts facts)
    {
        facts = new ScimAnswerFacts();
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            return facts.Read(rented.AsSpan(0, length));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        // The names of each open object, to find one named twice (JsonObject's names are case-insensitive here).
        var names = new List<string>();
        var starts = new Stack<int>();
        starts.Push(0);
        string? member = null;
        var resourcesOpened = false;
        while (reader.Read())
        {
            if (resourcesOpened)
            {
                resourcesOpened = false;
                HasResources = reader.TokenType != JsonTokenType.EndArray;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                {
                    var name = reader.GetString()!;
                    for (var index = starts.Peek(); index < names.Count; index++)
                    {
                        if (string.Equals(names[index], name, StringComparison.OrdinalIgnoreCase))
                        {
                            return false;
                        }
                    }

                    names.Add(name);
                    member = reader.CurrentDepth == 1 ? name : null;
                    continue;
                }

                case JsonTokenType.StartObject:
                    starts.Push(names.Count);
                    TopLevel(member, ref reader);
                    break;
                case JsonTokenType.StartArray:
                    starts.Push(-1);
                    resourcesOpened = TopLevel(member, ref reader);
                    break;
                case JsonTokenType.EndObject:
                {
                    var start = starts.Pop();
                    names.RemoveRange(start, names.Count - start);
                    break;
                }

                case JsonTokenType.EndArray:
                    starts.Pop();
                    break;
                default:
                    TopLevel(member, ref reader);
                    break;
            }

            member = null;
        }

        return starts.Count == 0;
    }

    /// <summary>Notes the value of a top-level member; true when it opens the <c>Resources</c> array.</summary>
    private bool TopLevel(string? member, ref Utf8JsonReader reader)
    {
        if (member is null)
        {
            return false;
        }

        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };
        if (member.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            IdIsString = reader.TokenType == JsonTokenType.String;
            Id = IdIsString ? text : null;
            IdIsOther = reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null);
        }
        else if (member.Equals("totalResults", StringComparison.OrdinalIgnoreCase))
        {
            TotalResults = text;
        }
        else if (member.Equals("startIndex", StringComparison.OrdinalIgnoreCase))
        {
            StartIndex = text;
        }
        else if (member.Equals("itemsPerPage", StringComparison.OrdinalIgnoreCase))
        {
            ItemsPerPage = text;
        }
        else if (member.Equals("Resources", StringComparison.OrdinalIgnoreCase))
        {
            // Anything but an array or null needs the full reading's message; an array is looked into by the caller.
            HasResources = reader.TokenType != JsonTokenType.Null;
            return reader.TokenType == JsonTokenType.StartArray;
        }

        return false;
    }
}
