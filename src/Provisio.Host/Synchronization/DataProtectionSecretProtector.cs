using Microsoft.AspNetCore.DataProtection;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Synchronization;

/// <summary>
/// Protects synchronization secrets with ASP.NET Core Data Protection (authenticated encryption; keys rotate and stay
/// readable), under the purpose <see cref="Purpose"/>: the store only ever sees the protected text.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public const string Purpose = "Provisio.Synchronization.Secrets";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
