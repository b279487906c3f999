using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Provisio.Synchronization.Storage.Sqlite;

/// <summary>
/// One statement of a write, prepared once on the write's connection and run once per row with its values bound in
/// place: strings as the UTF-16 they are (SQLite stores them as UTF-8 itself), Guids formatted on the stack, JSON written
/// as UTF-8 straight into a buffer the statement keeps. A value that is the same for every row (the job) is bound once.
/// A <see cref="SqliteCommand"/> allocates a binder per parameter, boxes numbers and copies every string to UTF-8 on each
/// execution; a page's write runs thousands of rows.
/// </summary>
internal sealed class SqliteRowStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private Utf8JsonWriter? _writer;

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    /// <summary>The position of the parameter named <paramref name="name"/> (<c>@job</c>), for the Bind methods.</summary>
    public int Index(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    public void Bind(int index, string? value) => Check(value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        // An empty span is bound from a null pointer, which SQLite reads as NULL: the empty text goes as text.
        "" => raw.sqlite3_bind_text(_statement, index, string.Empty),
        _ => raw.sqlite3_bind_text16(_statement, index, value.AsSpan()),
    });

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, long? value) => Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>A Guid as <see cref="ColumnEncoding.Key"/> writes it (lowercase <c>D</c>), without a string.</summary>
    public void Bind(int index, Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out _, "D");
        Check(raw.sqlite3_bind_text16(_statement, index, text));
    }

    /// <summary>JSON text written by <paramref name="write"/> with <paramref name="options"/>' writer settings, as the serializer would write it to a string.</summary>
    public void BindJson<TState>(int index, TState state, Action<Utf8JsonWriter, TState> write, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(options);
        _json.ResetWrittenCount();
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(_json, new JsonWriterOptions
            {
                Encoder = options.Encoder,
                Indented = options.WriteIndented,
                MaxDepth = options.MaxDepth,
                SkipValidation = true,
            });
        }
        else
        {
            _writer.Reset(_json);
        }

        write(_writer, state);
        _writer.Flush();
        Check(raw.sqlite3_bind_text(_statement, index, _json.WrittenSpan));
    }

    /// <summary>Runs the statement with the values bound; the values stay bound for the next row.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        try
        {
            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _statement.Dispose();
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
