using System.Text.Json.Nodes;

namespace Provisio.Host.Tests.Cli;

/// <summary><c>provisio expression evaluate</c> in both forms (../shared/INTERFACES.md).</summary>
public sealed class ExpressionEvaluateTests
{
    private const string IssueExample =
        """{"expression": "Join(\" \", [givenName], [surname])", "attributes": {"givenName": "Ana", "surname": null, "proxyAddresses": ["smtp:a@x", "SMTP:b@x"]}, "now": "2026-01-05T10:00:00Z"}""";

    [Fact]
    public async Task MachineForm_IssueExample_WritesValueLine()
    {
        var outcome = await CliRun.InProcessAsync(IssueExample + "\n", "expression", "evaluate");

        outcome.ExitCode.ShouldBe(0);
        outcome.Out.ShouldBe("{\"value\":\"Ana\"}\n");
    }

    [Fact]
    public async Task MachineForm_MalformedLineBetweenCases_ErrorLineAndRunContinuesInOrder()
    {
        var input = string.Join('\n',
            """{"expression":"Now()","now":"2026-01-05T10:00:00Z"}""",
            """{"expression": oops}""",
            """{"attributes":{}}""",
            """{"expression":"Item([proxyAddresses], 2)","attributes":{"proxyAddresses":["smtp:a@x","SMTP:b@x"]}}""",
            """{"expression":"Len(42568.75)"}""",
            """{"expression":"IsPresent([x])","attributes":{"x":"1"}}""",
            """{"expression":"Split(\"a,b\", \",\")"}""",
            """{"expression":"IgnoreFlowIfNullOrEmpty([department])"}""") + "\n";

        var outcome = await CliRun.InProcessAsync(input, "expression", "evaluate");

        outcome.ExitCode.ShouldBe(0);
        var lines = outcome.Out.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(8);
        lines[0].ShouldBe("{\"value\":\"1/5/2026 10:00:00 AM\"}");
        JsonNode.Parse(lines[1])!["error"]!["code"]!.GetValue<string>().ShouldBe("MalformedInput");
        JsonNode.Parse(lines[1])!["error"]!["position"]!.GetValue<int>().ShouldBe(15);
        JsonNode.Parse(lines[2])!["error"]!["code"]!.GetValue<string>().ShouldBe("MalformedInput");
        lines[3].ShouldBe("{\"value\":\"SMTP:b@x\"}");
        lines[4].ShouldBe("{\"value\":8}");
        lines[5].ShouldBe("{\"value\":true}");
        lines[6].ShouldBe("{\"value\":[\"a\",\"b\"]}");
        lines[7].ShouldBe("{\"value\":null,\"ignoreFlow\":\"attribute\"}");
    }

    [Fact]
    public async Task MachineForm_SyntaxError_WritesCodeMessageAndPosition()
    {
        var outcome = await CliRun.InProcessAsync("""{"expression":"Join(\" \", [givenName] [surname])"}""" + "\n", "expression", "evaluate");

        outcome.Out.TrimEnd('\n').ShouldBe(
            """{"error":{"code":"UnexpectedToken","message":"Syntax error (column 23): unexpected attribute [surname], expected ',' or ')'.","position":22,"expected":"',' or ')'"}}""");
    }

    [Fact]
    public async Task HumanForm_Value_PrintsIt()
    {
        var outcome = await CliRun.InProcessAsync("", "expression", "evaluate", "--expression", "Join(\" \", [givenName], [surname])",
            "--attribute", "givenName=Ana", "--attribute", "surname=Souza");

        outcome.ExitCode.ShouldBe(0);
        outcome.Out.ShouldBe("Ana Souza\n");
    }

    [Fact]
    public async Task HumanForm_RepeatedAttribute_IsMultiValued()
    {
        var outcome = await CliRun.InProcessAsync("", "expression", "evaluate", "--expression", "Count([proxyAddresses])",
            "--attribute", "proxyAddresses=smtp:a@x", "--attribute", "proxyAddresses=SMTP:b@x");

        outcome.Out.ShouldBe("2\n");
    }

    [Fact]
    public async Task HumanForm_SyntaxError_PrintsCaretUnderPositionAndExitsOne()
    {
        var outcome = await CliRun.InProcessAsync("", "expression", "evaluate", "--expression", "Join(\" \", [givenName] [surname])");

        outcome.ExitCode.ShouldBe(1);
        outcome.Error.ShouldBe(
            "error UnexpectedToken: Syntax error (column 23): unexpected attribute [surname], expected ',' or ')'.\n" +
            "  Join(\" \", [givenName] [surname])\n" +
            "                        ^\n");
    }

    [Fact]
    public async Task HumanForm_ErrorOnSecondLine_CaretOnThatLine()
    {
        var outcome = await CliRun.InProcessAsync("", "expression", "evaluate", "--expression", "Join(\" \",\n  [a], Jion([b]))");

        outcome.ExitCode.ShouldBe(1);
        outcome.Error.ShouldBe(
            "error UnknownFunction: Check error (line 2, column 8): unknown function 'Jion'; did you mean Join?\n" +
            "    [a], Jion([b]))\n" +
            "         ^\n");
    }

    [Fact]
    public async Task HumanForm_Trace_PrintsEachCallThenValue()
    {
        var outcome = await CliRun.InProcessAsync("", "expression", "evaluate", "--trace",
            "--expression", "ToLower(NormalizeDiacritics(Join(\".\", [givenName], [surname])))",
            "--attribute", "givenName=Zoë", "--attribute", "surname=Ünal");

        outcome.ExitCode.ShouldBe(0);
        outcome.Out.ShouldBe(
            "ToLower(\"Zoe.Unal\") → \"zoe.unal\"\n" +
            "  NormalizeDiacritics(\"Zoë.Ünal\") → \"Zoe.Unal\"\n" +
            "    Join(\".\", \"Zoë\", \"Ünal\") → \"Zoë.Ünal\"\n" +
            "zoe.unal\n");
    }

    [Fact]
    public async Task HumanForm_AttributeWithoutEquals_ExitsTwo()
    {
        var outcome = await CliRun.InProcessAsync("", "expression", "evaluate", "--expression", "[a]", "--attribute", "a");

        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain("name=value");
    }

    [Fact]
    public async Task Process_MachineForm_StreamsLinesAndExitsZero()
    {
        var outcome = await CliRun.ProcessAsync(IssueExample + "\n{not json}\n" + """{"expression":"BitAnd(&HF, &HF7)"}""" + "\n",
            "expression", "evaluate");

        outcome.ExitCode.ShouldBe(0);
        var lines = outcome.Out.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(3);
        lines[0].ShouldBe("{\"value\":\"Ana\"}");
        lines[1].ShouldStartWith("{\"error\":{\"code\":\"MalformedInput\"");
        lines[2].ShouldBe("{\"value\":7}");
    }

    [Fact]
    public async Task Process_Version_PrintsProductVersion()
    {
        var outcome = await CliRun.ProcessAsync("", "--version");

        outcome.ExitCode.ShouldBe(0);
        outcome.Out.ShouldStartWith("0.1.0");
    }

    [Fact]
    public async Task Process_Help_ListsTheExpressionVerb()
    {
        var outcome = await CliRun.ProcessAsync("", "--help");

        outcome.ExitCode.ShouldBe(0);
        outcome.Out.ShouldContain("expression");
        outcome.Out.ShouldContain("Provisio");
    }
}
