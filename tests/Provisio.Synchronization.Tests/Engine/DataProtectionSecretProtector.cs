using Microsoft.AspNetCore.DataProtection;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>Real ASP.NET Core Data Protection with an in-memory key ring: the engine tests' secrets are encrypted as in the host.</summary>
internal sealed class DataProtectionSecretProtector : ISecretProtector
{
    private readonly IDataProtector _protector = new EphemeralDataProtectionProvider().CreateProtector("Provisio.Synchronization.Secrets");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
