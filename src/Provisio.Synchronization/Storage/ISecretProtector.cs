namespace Provisio.Synchronization.Storage;

/// <summary>
/// Encrypts secrets before they reach the store and decrypts them after (the host implements it with ASP.NET Core Data
/// Protection, its key ring in the database). Secrets are never written to the store in clear.
/// </summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>The plaintext, or throws <see cref="System.Security.Cryptography.CryptographicException"/> when the key is gone or the text was altered.</summary>
    string Unprotect(string protectedText);
}
