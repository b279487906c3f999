using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Synchronization;

/// <summary>
/// ASP.NET Core Data Protection's key ring in the database (<see cref="ISynchronizationStore.ReadProtectionKeys"/>), so
/// every instance on the same database decrypts the secrets any of them protected, and a restart keeps the keys.
/// </summary>
internal sealed class SynchronizationStoreXmlRepository(ISynchronizationStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.ReadProtectionKeys().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        store.StoreProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
