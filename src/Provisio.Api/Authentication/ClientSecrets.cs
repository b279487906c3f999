using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Provisio.Api.Authentication;

/// <summary>
/// Client secrets: generated random, shown once, stored as PBKDF2-HMAC-SHA256 with a per-secret salt, written
/// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64) so the work factor can grow without breaking stored hashes.
/// </summary>
public static class ClientSecrets
{
    public const int Iterations = 100_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Compared when the client is unknown, so that an unknown id costs what a wrong secret costs.
    private static readonly string Decoy = Hash("decoy");

    /// <summary>A new random secret, 32 bytes base64url with a <c>pvs_</c> prefix (so secret scanners can spot it).</summary>
    public static string Generate() => "pvs_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="secret"/> is the one <paramref name="storedHash"/> was made from; constant time in the secret.</summary>
    public static bool Verify(string secret, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var parts = (storedHash ?? Decoy).Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && storedHash is not null;
    }
}
