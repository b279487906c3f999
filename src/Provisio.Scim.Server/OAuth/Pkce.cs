using System.Security.Cryptography;
using System.Text;

namespace Provisio.Scim.Server.OAuth;

/// <summary>RFC 7636 with the <c>S256</c> method only: the challenge is BASE64URL(SHA256(ASCII(verifier))).</summary>
internal static class Pkce
{
    public const string S256 = "S256";

    /// <summary>§4.1: 43 to 128 characters of <c>[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"</c>.</summary>
    public static bool IsValidVerifier(string? verifier) =>
        verifier is { Length: >= 43 and <= 128 } && verifier.All(IsUnreserved);

    /// <summary>§4.2: a S256 challenge is 43 base64url characters (32 bytes, no padding).</summary>
    public static bool IsValidChallenge(string? challenge) =>
        challenge is { Length: 43 } && challenge.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_');

    public static string Challenge(string verifier) =>
        Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>Whether the verifier hashes to the challenge, compared in constant time.</summary>
    public static bool Matches(string verifier, string challenge) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Challenge(verifier)), Encoding.ASCII.GetBytes(challenge));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsUnreserved(char character) => char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_' or '~';
}
