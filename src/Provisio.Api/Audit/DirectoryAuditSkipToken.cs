using Provisio.Api.OData;
using Provisio.Api.Synchronization;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Audit;

/// <summary>
/// The <c>$skiptoken</c> of directory audits: opaque to clients (they follow <c>@odata.nextLink</c>), to us the keyset
/// cursor (the last audit's <c>activityDateTime</c> and id) in the provisioning logs' encoding, which has the same two
/// parts (<see cref="ProvisioningLogSkipToken"/>). Never an offset (STYLE.md §5).
/// </summary>
internal static class DirectoryAuditSkipToken
{
    public static string Encode(DirectoryAuditCursor cursor) =>
        ProvisioningLogSkipToken.Encode(new ProvisioningLogCursor(cursor.ActivityDateTime, cursor.Id));

    public static ODataResult<DirectoryAuditCursor> Decode(string text)
    {
        var decoded = ProvisioningLogSkipToken.Decode(text);
        return decoded.Succeeded
            ? ODataResult<DirectoryAuditCursor>.Success(new DirectoryAuditCursor(decoded.Value.ActivityDateTime, decoded.Value.Id))
            : decoded.Error;
    }
}
