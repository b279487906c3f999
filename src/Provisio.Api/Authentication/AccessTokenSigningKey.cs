using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using Provisio.Directory;

namespace Provisio.Api.Authentication;

/// <summary>
/// The ES256 (ECDSA P-256) key that signs and validates access tokens. Created at first start and kept in the service
/// settings (<see cref="SettingName"/>) encrypted by ASP.NET Core Data Protection (purpose <see cref="Purpose"/>), whose
/// key ring the database holds too, as the synchronization secrets are: the plain key exists only in memory.
/// </summary>
public sealed class AccessTokenSigningKey(IServiceSettings settings, IDataProtectionProvider dataProtection)
{
    public const string SettingName = "access-token-signing-key";
    public const string Purpose = "Provisio.Authentication.AccessTokenSigningKey";
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    private ECDsaSecurityKey? _key;

    /// <summary>The key; <see cref="LoadAsync"/> must have run (the host runs it before it starts).</summary>
    public ECDsaSecurityKey SecurityKey => _key ?? throw new InvalidOperationException(
        "The access token signing key is not loaded: call ProvisioAuthentication.InitializeProvisioAuthenticationAsync before the app starts.");

    /// <summary>Reads the stored key, or creates and stores one when there is none.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var protector = dataProtection.CreateProtector(Purpose);
        var stored = await settings.GetAsync(SettingName, cancellationToken).ConfigureAwait(false);
        if (stored is not { Length: > 0 })
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await settings.SetAsync(SettingName, protector.Protect(Convert.ToBase64String(created.ExportPkcs8PrivateKey())), cancellationToken).ConfigureAwait(false);
            // Read back what was stored: when two nodes start together, both then use the one that won.
            stored = await settings.GetAsync(SettingName, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The setting '{SettingName}' was written but cannot be read back.");
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(stored)), out _);
        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        _key = key;
    }
}
