using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Directory.Import;

/// <summary>
/// Reads a large JSON document from a stream a token, or a whole object, at a time, holding no more than the current
/// object in memory (the buffer grows only for an object larger than it), and knowing the line each object starts on.
/// </summary>
internal sealed class JsonStreamReader(Stream stream)
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private bool _started;
    private int _line = 1;
    private JsonReaderState _state = new(Options);

    /// <summary>The 1-based line of the last token or object read.</summary>
    public int TokenLine { get; private set; } = 1;

    /// <summary>The next token, its string when it is a property name or a string, or null at the end of the document.</summary>
    public async ValueTask<(JsonTokenType Type, string? Text)?> ReadTokenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadToken(out var token, out var text))
            {
                return (token, text);
            }

            if (_final)
            {
                return null;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The next value whole, as a node (objects are case-insensitive, as the directory's are), with the line it starts
    /// on; or null when the next token ends the enclosing array (which is consumed).
    /// </summary>
    public async ValueTask<(JsonNode? Value, int Line)?> ReadValueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (TryReadValue(out var value, out var line))
            {
                case ValueRead.Value:
                    return (value, line);
                case ValueRead.EndOfArray:
                    return null;
                default:
                    if (_final)
                    {
                        throw new JsonException($"The JSON ends inside the value that starts on line {line}.");
                    }

                    await FillAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private enum ValueRead
    {
        Value,
        EndOfArray,
        NeedMore,
    }

    private bool TryReadToken(out JsonTokenType type, out string? text)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        text = null;
        type = JsonTokenType.None;
        if (!reader.Read())
        {
            return false;
        }

        type = reader.TokenType;
        if (type is JsonTokenType.PropertyName or JsonTokenType.String)
        {
            text = reader.GetString();
        }

        TokenLine = LineAt(_start + (int)reader.TokenStartIndex);
        Consume(reader);
        return true;
    }

    private ValueRead TryReadValue(out JsonNode? value, out int line)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        value = null;
        line = _line;
        if (!reader.Read())
        {
            return ValueRead.NeedMore;
        }

        var from = (int)reader.TokenStartIndex;
        line = LineAt(_start + from);
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            TokenLine = line;
            Consume(reader);
            return ValueRead.EndOfArray;
        }

        if (!reader.TrySkip())
        {
            return ValueRead.NeedMore;
        }

        var length = (int)reader.BytesConsumed - from;
        value = JsonNode.Parse(_buffer.AsSpan(_start + from, length), DirectoryRules.NodeOptions);
        TokenLine = line;
        Consume(reader);
        return ValueRead.Value;
    }

    private void Consume(Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        _line += _buffer.AsSpan(_start, consumed).Count((byte)'\n');
        _start += consumed;
        _state = reader.CurrentState;
    }

    private int LineAt(int offset) => _line + _buffer.AsSpan(_start, offset - _start).Count((byte)'\n');

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        _final = read == 0;
        if (!_started && (_end >= 3 || _final))
        {
            _started = true;
            // Utf8JsonReader does not skip a byte order mark.
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = 3;
            }
        }
    }
}
