using System.Security.Cryptography;
using System.Text;

namespace Provisio.Api.Authentication;

/// <summary>
/// The administrator bearer keys the API accepts, held only as SHA-256 hashes: the configured <c>Provisio:AdminKey</c>
/// and keys generated at first start (whose hash is stored in the database, the key printed once).
/// </summary>
public sealed class AdminKeys
{
    public const string SettingName = "admin-key-sha256";

    private readonly HashSet<string> _hashes = new(StringComparer.Ordinal);

    public AdminKeys(IEnumerable<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        foreach (var hash in hashes)
        {
            _hashes.Add(hash);
        }
    }

    public int Count => _hashes.Count;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key, 32 bytes base64url: shown once, never stored.</summary>
    public static string Generate() => "pvk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public bool Accepts(string key)
    {
        var hash = Hash(key);
        foreach (var known in _hashes)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(known), Encoding.ASCII.GetBytes(hash)))
            {
                return true;
            }
        }

        return false;
    }
}
