namespace Provisio.Directory.Generation;

/// <summary>
/// Where a generated person is from: names as people there write them (with their diacritics) and the offices there.
/// <see cref="Weight"/> is how often the region is drawn.
/// </summary>
internal sealed record NameRegion(int Weight, IReadOnlyList<string> GivenNames, IReadOnlyList<string> Surnames, IReadOnlyList<Office> Offices);

/// <summary>An office: Graph's <c>city</c> and <c>country</c>, the ISO 3166 <c>usageLocation</c>, <c>preferredLanguage</c>, and the phone country code.</summary>
internal sealed record Office(string City, string Country, string UsageLocation, string PreferredLanguage, string CallingCode);
