using System.Text;
using Provisio.Directory.Import;

namespace Provisio.Directory.Tests.Import;

public sealed class CsvReaderTests
{
    private static async Task<List<CsvRecord>> ReadAsync(string text)
    {
        var reader = new CsvReader(new StringReader(text));
        var records = new List<CsvRecord>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task Read_QuotedFieldsWithCommasAndEscapedQuotes_Unquoted()
    {
        var records = await ReadAsync("a,b,c\n\"Souza, Ana\",\"say \"\"hi\"\"\",\"\"\n");

        records.Count.ShouldBe(2);
        records[1].Fields.ShouldBe(["Souza, Ana", "say \"hi\"", ""]);
        records[1].Error.ShouldBeNull();
    }

    [Fact]
    public async Task Read_LineBreaksInsideQuotes_KeptAndLinesCountedFromRecordStart()
    {
        var records = await ReadAsync("a,b\n\"one\r\ntwo\nthree\",x\nlast,y\n");

        records.Select(record => record.Line).ShouldBe([1, 2, 5]);
        records[1].Fields[0].ShouldBe("one\r\ntwo\nthree");
        records[2].Fields.ShouldBe(["last", "y"]);
    }

    [Theory]
    [InlineData("a,b\r\n1,2\r\n")]
    [InlineData("a,b\n1,2")]
    [InlineData("a,b\r1,2\r")]
    public async Task Read_AnyLineEnding_SameRecords(string text)
    {
        var records = await ReadAsync(text);

        records.Select(record => string.Join("|", record.Fields)).ShouldBe(["a|b", "1|2"]);
        records[1].Line.ShouldBe(2);
    }

    [Fact]
    public async Task Read_EmptyLines_SkippedButCounted()
    {
        var records = await ReadAsync("a\n\n\nb\n\n");

        records.Select(record => (record.Line, record.Fields[0])).ShouldBe([(1, "a"), (4, "b")]);
    }

    [Fact]
    public async Task Read_EmptyFields_KeptInPlace()
    {
        var records = await ReadAsync(",x,,\n");

        records.ShouldHaveSingleItem().Fields.ShouldBe(["", "x", "", ""]);
    }

    [Fact]
    public async Task Read_QuoteInsideUnquotedField_KeptLiterally()
    {
        var records = await ReadAsync("5\" screen,b\n");

        records.ShouldHaveSingleItem().Fields.ShouldBe(["5\" screen", "b"]);
        records[0].Error.ShouldBeNull();
    }

    [Fact]
    public async Task Read_UnclosedQuote_ErrorNamesTheLineItStarts()
    {
        var records = await ReadAsync("a,b\nx,\"never\nclosed\n");

        records[1].Error.ShouldBe("the quoted field that starts on line 2 is not closed");
        records[1].Fields.ShouldBe(["x", "never\nclosed\n"]);
    }

    [Fact]
    public async Task Read_TextAfterClosingQuote_ErrorNamesTheColumn()
    {
        var records = await ReadAsync("\"a\"b,c\n");

        records.ShouldHaveSingleItem().Error.ShouldBe("column 1: text after the closing quote of a quoted field");
        records[0].Fields.ShouldBe(["ab", "c"]);
    }

    [Fact]
    public async Task Read_RecordsLongerThanTheBuffer_ReadWhole()
    {
        var long1 = new string('x', 200_000);
        var long2 = new string('y', 70_000) + "\n" + new string('z', 70_000);
        var text = new StringBuilder().Append("h1,h2\n").Append(long1).Append(",\"").Append(long2).Append("\"\nend,1\n").ToString();

        var records = await ReadAsync(text);

        records.Count.ShouldBe(3);
        records[1].Fields[0].Length.ShouldBe(200_000);
        records[1].Fields[1].ShouldBe(long2);
        records[2].Line.ShouldBe(4);
    }

    [Fact]
    public async Task Read_QuoteAndLineBreakSplitAcrossReads_ParsedAsOne()
    {
        // A reader that hands out one character at a time puts every boundary between two reads.
        var reader = new CsvReader(new TrickleReader("a,\"b\"\"c\"\r\n\"d\r\ne\",f\r\n"));
        var records = new List<CsvRecord>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } record)
        {
            records.Add(record);
        }

        records.Select(record => (record.Line, string.Join("|", record.Fields))).ShouldBe([(1, "a|b\"c"), (2, "d\r\ne|f")]);
    }

    private sealed class TrickleReader(string text) : TextReader
    {
        private int _position;

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= text.Length || buffer.Length == 0)
            {
                return ValueTask.FromResult(0);
            }

            buffer.Span[0] = text[_position++];
            return ValueTask.FromResult(1);
        }
    }
}
