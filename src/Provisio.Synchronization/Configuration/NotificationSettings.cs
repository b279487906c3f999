using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Synchronization.Configuration;

/// <summary>
/// The <c>SyncNotificationSettings</c> secret, a JSON string (reference entra-engine-and-api §1.16, §3; INTERFACES.md):
/// <c>{"Enabled":true,"Recipients":"ops@contoso.com","DeleteThresholdEnabled":true,"DeleteThresholdValue":500}</c>.
/// Booleans and the threshold may be JSON values or strings, as scripts write them either way; recipients are separated
/// by commas or semicolons.
/// </summary>
public sealed record NotificationSettings
{
    public static NotificationSettings Default { get; } = new();

    /// <summary>"Send an email notification when a failure occurs"; on unless said otherwise.</summary>
    public bool Enabled { get; init; } = true;

    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>"Prevent accidental deletions"; null when the setting does not say (protection stays on).</summary>
    public bool? DeleteThresholdEnabled { get; init; }

    public int? DeleteThresholdValue { get; init; }

    /// <summary>Whether a quarantine e-mail goes out: notifications on and someone to send them to.</summary>
    public bool SendsEmail => Enabled && Recipients.Count > 0;

    public static NotificationSettings From(JobSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return TryParse(secrets[Jobs.SynchronizationSecret.SyncNotificationSettings], out var settings, out _) ? settings : Default;
    }

    /// <summary>Reads the secret's value; false with a message naming the problem when it is not valid.</summary>
    public static bool TryParse(string? json, out NotificationSettings settings, out string? error)
    {
        settings = Default;
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException exception)
        {
            error = $"SyncNotificationSettings is not valid JSON: {exception.Message}";
            return false;
        }

        if (body is null)
        {
            error = "SyncNotificationSettings must be a JSON object such as {\"Enabled\":true,\"Recipients\":\"ops@contoso.com\",\"DeleteThresholdEnabled\":true,\"DeleteThresholdValue\":500}.";
            return false;
        }

        var result = Default;
        foreach (var (name, value) in body)
        {
            switch (name.ToUpperInvariant())
            {
                case "ENABLED":
                    if (!Boolean(value, out var enabled))
                    {
                        error = $"SyncNotificationSettings.Enabled must be true or false, not {value?.ToJsonString() ?? "null"}.";
                        return false;
                    }

                    result = result with { Enabled = enabled };
                    break;
                case "RECIPIENTS":
                    var text = value is JsonValue recipients && recipients.TryGetValue<string>(out var list) ? list : null;
                    var addresses = (text ?? string.Empty).Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (value is not null && text is null || addresses.FirstOrDefault(address => !MailAddress.TryCreate(address, out _)) is { } invalid)
                    {
                        error = $"SyncNotificationSettings.Recipients must be e-mail addresses separated by commas or semicolons; '{text ?? value?.ToJsonString()}' is not.";
                        return false;
                    }

                    result = result with { Recipients = addresses };
                    break;
                case "DELETETHRESHOLDENABLED":
                    if (!Boolean(value, out var thresholdEnabled))
                    {
                        error = $"SyncNotificationSettings.DeleteThresholdEnabled must be true or false, not {value?.ToJsonString() ?? "null"}.";
                        return false;
                    }

                    result = result with { DeleteThresholdEnabled = thresholdEnabled };
                    break;
                case "DELETETHRESHOLDVALUE":
                    if (!PositiveInteger(value, out var threshold))
                    {
                        error = $"SyncNotificationSettings.DeleteThresholdValue must be a positive integer, not {value?.ToJsonString() ?? "null"}.";
                        return false;
                    }

                    result = result with { DeleteThresholdValue = threshold };
                    break;
            }
        }

        settings = result;
        return true;
    }

    /// <summary>A positive integer given as a JSON number or a string of digits.</summary>
    public static bool PositiveInteger(JsonNode? value, out int number)
    {
        number = 0;
        if (value is not JsonValue json)
        {
            return false;
        }

        if (json.GetValueKind() == JsonValueKind.Number)
        {
            return json.TryGetValue(out number) && number > 0;
        }

        return json.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }

    private static bool Boolean(JsonNode? value, out bool result)
    {
        result = false;
        return value is JsonValue json && (json.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? json.TryGetValue(out result)
            : json.TryGetValue<string>(out var text) && bool.TryParse(text, out result));
    }
}
