namespace Provisio.Directory.Generation;

/// <summary>
/// Who generated user <c>i</c> is, as a pure function of (seed, i), so the id of any user (a manager, a member) can be
/// computed without remembering the users before it: the <see cref="Combinations"/> of a region's given name and
/// surname, in a seeded order, are used once each, then again with 2, 3, ... after the name; the userPrincipalName is
/// the ASCII form of the names (<c>zoe.angstrom3@contoso.com</c>) and so unique, and the id is name-based.
/// </summary>
internal sealed class GeneratedPeople
{
    private readonly SeededPermutation _order;
    private readonly string _domain;

    public GeneratedPeople(int seed, string domain)
    {
        _order = new SeededPermutation(Combinations.Count, seed, stream: 0x5045_4F50_4C45UL);
        _domain = domain;
    }

    /// <summary>
    /// Every (region, given name, surname) whose ASCII form <c>given.surname</c> no earlier combination has (so
    /// <c>Zoë</c> and <c>Zoé</c> with one surname count once).
    /// </summary>
    public static IReadOnlyList<Person> Combinations { get; } = Combine();

    public Person PersonAt(long user) => Combinations[_order[(int)(user % Combinations.Count)]];

    /// <summary>The local part of the user's userPrincipalName (also its mailNickname).</summary>
    public string MailNicknameOf(long user)
    {
        var repeat = user / Combinations.Count;
        var person = PersonAt(user);
        return repeat == 0 ? person.MailName : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{person.MailName}{repeat + 1}");
    }

    public string UserPrincipalNameOf(long user) => $"{MailNicknameOf(user)}@{_domain}";

    public Guid IdOf(long user) => IdOf(UserPrincipalNameOf(user));

    public static Guid IdOf(string userPrincipalName) => NameBasedId.For("user", userPrincipalName);

    private static List<Person> Combine()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<Person>();
        foreach (var region in GeneratedNames.Regions)
        {
            foreach (var given in region.GivenNames)
            {
                foreach (var surname in region.Surnames)
                {
                    var mailName = $"{MailName.Fold(given)}.{MailName.Fold(surname)}";
                    if (seen.Add(mailName))
                    {
                        people.Add(new Person(region, given, surname, mailName));
                    }
                }
            }
        }

        return people;
    }
}

/// <summary>A generated person's names, region, and the ASCII <c>given.surname</c> of their mail names (never ending in a digit).</summary>
internal sealed record Person(NameRegion Region, string GivenName, string Surname, string MailName);
