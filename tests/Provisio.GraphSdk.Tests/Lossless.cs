using System.Collections;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Provisio.GraphSdk.Tests;

/// <summary>
/// Whether the SDK took an answer without loss: every property Provisio sent is one the SDK's model knows (unknown ones
/// land in <see cref="IAdditionalDataHolder.AdditionalData"/>), throughout the object graph. OData annotations
/// (<c>@odata.context</c>, <c>@odata.type</c>, ...) are the protocol's, not the resource's, and are allowed, as are the
/// values of Graph's open types.
/// </summary>
internal static class Lossless
{
    public static void ShouldBeLossless(this object? model)
    {
        var unknown = new List<string>();
        Walk(model, "$", unknown, new HashSet<object>(ReferenceEqualityComparer.Instance));
        unknown.ShouldBeEmpty("properties the SDK does not know");
    }

    /// <summary>
    /// What Provisio sends beyond v1.0's model on purpose: a log entry's <c>statusInfo</c>, beta's deprecated twin of
    /// <c>provisioningStatusInfo</c>, which scripts written against beta (and the acceptance scripts) still read.
    /// </summary>
    private static bool Extra(object node, string key) => node is Microsoft.Graph.Models.ProvisioningObjectSummary && key == "statusInfo";

    private static void Walk(object? node, string path, List<string> unknown, HashSet<object> seen)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || node is DateTimeOffset or Guid or TimeSpan or Microsoft.Kiota.Abstractions.Date or Microsoft.Kiota.Abstractions.Time
            || !seen.Add(node))
        {
            return;
        }

        // Graph's open types (detailsInfo: a provisioning step's and system's details) hold their values in AdditionalData by design.
        if (node is IAdditionalDataHolder holder and not Microsoft.Graph.Models.DetailsInfo)
        {
            unknown.AddRange(holder.AdditionalData.Keys.Where(key => !key.StartsWith('@') && !Extra(node, key)).Select(key => $"{path}.{key}"));
        }

        if (node is IEnumerable items and not IDictionary)
        {
            var index = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{index++}]", unknown, seen);
            }

            return;
        }

        if (node is not IParsable)
        {
            return;
        }

        foreach (var property in node.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length == 0 && property.Name is not ("AdditionalData" or "BackingStore"))
            {
                Walk(property.GetValue(node), $"{path}.{property.Name}", unknown, seen);
            }
        }
    }
}
