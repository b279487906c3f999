namespace Provisio.Api.Authentication;

/// <summary>A signed access token and when it expires. <see cref="ToString"/> does not show it.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresOn)
{
    public override string ToString() => $"access token expiring {ExpiresOn:O}";
}
