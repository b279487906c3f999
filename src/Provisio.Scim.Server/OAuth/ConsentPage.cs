using System.Net;

namespace Provisio.Scim.Server.OAuth;

/// <summary>The authorization server's HTML: the consent page with Allow and Deny, and the page for a request it cannot answer.</summary>
internal static class ConsentPage
{
    public static string Consent(AuthorizationRequest request, string action)
    {
        var hidden = new (string Name, string? Value)[]
        {
            ("response_type", "code"), ("client_id", request.ClientId), ("redirect_uri", request.RedirectUri), ("state", request.State),
            ("scope", request.Scope), ("code_challenge", request.CodeChallenge), ("code_challenge_method", Pkce.S256),
        };
        var fields = string.Concat(hidden.Where(field => field.Value is not null)
            .Select(field => $"<input type=\"hidden\" name=\"{field.Name}\" value=\"{Encode(field.Value)}\" />"));
        var redirect = new Uri(request.RedirectUri);
        return Page("Authorize access",
            $"<h1>Authorize {Encode(request.ClientId)}</h1>" +
            $"<p>The application <strong id=\"client\">{Encode(request.ClientId)}</strong> asks to manage the users and groups of this SCIM server" +
            (request.Scope is null ? "" : $" (scope <code>{Encode(request.Scope)}</code>)") + ".</p>" +
            $"<p>Your answer goes back to <code>{Encode(redirect.GetLeftPart(UriPartial.Path))}</code>.</p>" +
            $"<form method=\"post\" action=\"{Encode(action)}\">{fields}" +
            "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> " +
            "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>");
    }

    public static string Refused(string reason) =>
        Page("Authorization request refused", $"<h1>Authorization request refused</h1><p role=\"alert\">{Encode(reason)}</p>");

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><title>{Encode(title)} · Provisio reference SCIM server</title></head>" +
        $"<body>{body}</body></html>";

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
