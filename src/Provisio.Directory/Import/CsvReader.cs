using System.Text;

namespace Provisio.Directory.Import;

/// <summary>
/// Reads CSV records one at a time (RFC 4180): fields separated by commas, records by CRLF, LF or CR; a field in double
/// quotes may hold commas, line breaks and <c>""</c> for a quote. Lenient where files in the wild are: a quote inside an
/// unquoted field is kept as it is, and empty lines are skipped. The text is decoded by the caller's reader (UTF-8 with
/// or without a byte order mark, for imports).
/// </summary>
internal sealed class CsvReader(TextReader reader)
{
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private char[] _buffer = new char[64 * 1024];
    private int _position;
    private int _length;
    private bool _end;
    private int _line = 1;

    /// <summary>The line the next record starts on, at the latest.</summary>
    public int Line => _line;

    /// <summary>The next record, or null at the end of the text.</summary>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryParse(out var record, out var blank))
            {
                if (blank)
                {
                    continue;
                }

                return record;
            }

            if (_end)
            {
                return null;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_position > 0)
        {
            Array.Copy(_buffer, _position, _buffer, 0, _length - _position);
            _length -= _position;
            _position = 0;
        }

        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await reader.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
        _length += read;
        _end = read == 0;
    }

    /// <summary>
    /// Parses one record from the buffer. False when the buffer ends before the record does and more text may come
    /// (nothing is consumed then: the record is parsed again after the next fill); at the end of the text the last
    /// record is complete whatever it holds.
    /// </summary>
    private bool TryParse(out CsvRecord record, out bool blank)
    {
        record = null!;
        blank = false;
        _fields.Clear();
        _field.Clear();
        var position = _position;
        var line = _line;
        var start = _line;
        string? error = null;
        if (position >= _length)
        {
            return false;
        }

        while (true)
        {
            // Start of a field.
            if (position < _length && _buffer[position] == '"')
            {
                position++;
                while (true)
                {
                    if (position >= _length)
                    {
                        if (!_end)
                        {
                            return false;
                        }

                        error ??= $"the quoted field that starts on line {start} is not closed";
                        _fields.Add(_field.ToString());
                        return Complete(ref record, position, line, start, error);
                    }

                    var character = _buffer[position++];
                    if (character == '"')
                    {
                        if (position >= _length && !_end)
                        {
                            return false;
                        }

                        if (position < _length && _buffer[position] == '"')
                        {
                            _field.Append('"');
                            position++;
                            continue;
                        }

                        break;
                    }

                    if (character == '\n' || (character == '\r' && (position >= _length || _buffer[position] != '\n')))
                    {
                        line++;
                    }

                    _field.Append(character);
                }

                // After the closing quote: a separator, a line break or the end; anything else is kept, and reported.
                while (position < _length && _buffer[position] is not (',' or '\r' or '\n'))
                {
                    error ??= $"column {_fields.Count + 1}: text after the closing quote of a quoted field";
                    _field.Append(_buffer[position++]);
                }
            }
            else
            {
                var from = position;
                while (position < _length && _buffer[position] is not (',' or '\r' or '\n'))
                {
                    position++;
                }

                _field.Append(_buffer, from, position - from);
            }

            if (position >= _length)
            {
                if (!_end)
                {
                    return false;
                }

                _fields.Add(_field.ToString());
                blank = _fields.Count == 1 && _fields[0].Length == 0;
                return Complete(ref record, position, line, start, error);
            }

            var separator = _buffer[position++];
            _fields.Add(_field.ToString());
            _field.Clear();
            if (separator == ',')
            {
                continue;
            }

            if (separator == '\r')
            {
                if (position >= _length && !_end)
                {
                    return false;
                }

                if (position < _length && _buffer[position] == '\n')
                {
                    position++;
                }
            }

            blank = _fields.Count == 1 && _fields[0].Length == 0;
            return Complete(ref record, position, line + 1, start, error);
        }
    }

    private bool Complete(ref CsvRecord record, int position, int nextLine, int start, string? error)
    {
        _position = position;
        _line = nextLine;
        record = new CsvRecord(start, _fields.ToArray(), error);
        return true;
    }
}
