using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Provisio.Benchmarks;

/// <summary>
/// Issue 9's "loads fast": the time to first byte and to the whole HTML of each portal page of a running Provisio (the
/// demo, for example), signed in as a browser would be (the sign-in form with its antiforgery token, then the cookie).
/// Every page is fetched <c>repeats</c> times after one warm-up; p50 and p95 are printed per page.
/// <c>--portal URL KEY [repeats]</c>; the pages are found from the home page (the first application of each state).
/// </summary>
public static partial class PortalPages
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 3)
        {
            Console.Error.WriteLine("--portal URL KEY [repeats]: a running Provisio (e.g. ./provisio demo) and its admin key");
            return 2;
        }

        var baseAddress = new Uri(args[1].TrimEnd('/') + "/");
        var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = baseAddress };

        var signIn = await http.GetStringAsync(new Uri("signin", UriKind.Relative)).ConfigureAwait(false);
        var token = AntiforgeryToken().Match(signIn).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Form.ClientId"] = "", ["Form.Secret"] = args[2], ["Form.ReturnUrl"] = "/",
        });
        using (var signedIn = await http.PostAsync(new Uri("signin", UriKind.Relative), form).ConfigureAwait(false))
        {
            var home = await signedIn.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!home.Contains("<h1", StringComparison.Ordinal) || home.Contains("not accepted", StringComparison.Ordinal))
            {
                Console.Error.WriteLine("sign-in failed: is the key right?");
                return 1;
            }
        }

        var homePage = await http.GetStringAsync(new Uri("", UriKind.Relative)).ConfigureAwait(false);
        var application = ApplicationLink().Match(homePage).Groups[1].Value;
        var pages = new List<string> { "", application, application + "/logs", application + "/logs?status=failure", application + "/on-demand?search=a",
            application + "/mappings", application + "/settings", application + "/diagnosis", "audit" };
        var mappings = await http.GetStringAsync(new Uri(application + "/mappings", UriKind.Relative)).ConfigureAwait(false);
        if (ObjectMappingLink().Matches(mappings).FirstOrDefault(link => link.Value.Contains("Users", StringComparison.Ordinal)) is { } objectMapping)
        {
            pages.Add(WebUtility.HtmlDecode(objectMapping.Groups[1].Value));
            pages.Add(WebUtility.HtmlDecode(objectMapping.Groups[1].Value) + "/userName?expression=Join(%22%20%22%2C%5BgivenName%5D%2C%5Bsurname%5D)&q=a");
        }

        Console.WriteLine($"Portal pages of {baseAddress} ({repeats} fetches each after a warm-up; {Environment.ProcessorCount} cores)");
        Console.WriteLine($"| page | bytes | first byte p50 | p95 | whole page p50 | p95 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var page in pages)
        {
            var firstBytes = new List<double>();
            var wholes = new List<double>();
            long bytes = 0;
            for (var run = 0; run <= repeats; run++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri(page, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                var firstByte = clock.Elapsed.TotalMilliseconds;
                var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Console.Error.WriteLine($"/{page}: {(int)response.StatusCode}");
                    return 1;
                }

                if (run > 0)
                {
                    firstBytes.Add(firstByte);
                    wholes.Add(clock.Elapsed.TotalMilliseconds);
                }

                bytes = body.Length;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| /{Shorten(page)} | {bytes:N0} | {Percentile(firstBytes, 0.5):0.0} ms | {Percentile(firstBytes, 0.95):0.0} ms | {Percentile(wholes, 0.5):0.0} ms | {Percentile(wholes, 0.95):0.0} ms |"));
        }

        return 0;
    }

    private static string Shorten(string page) => ApplicationId().Replace(page, "{id}");

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[Math.Min(values.Count - 1, (int)(p * values.Count))];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("href=\"(applications/[0-9a-f-]{36})\"")]
    private static partial Regex ApplicationLink();

    [GeneratedRegex("href=\"(applications/[0-9a-f-]{36}/mappings/[^\"/]+)\"")]
    private static partial Regex ObjectMappingLink();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex ApplicationId();
}
