namespace Provisio.Directory.Generation;

/// <summary>The vocabulary of generated directories: people's names by region, departments and their titles, team names.</summary>
internal static class GeneratedNames
{
    public const string CompanyName = "Contoso";

    public static IReadOnlyList<NameRegion> Regions { get; } =
    [
        new(16,
            ["Oliver", "Emily", "James", "Charlotte", "Liam", "Amelia", "Noah", "Grace", "Zoë", "Chloë", "Siobhán", "Seán", "Niamh", "Aoife", "Rhys",
             "Ethan", "Harper", "Mason", "Avery", "Lucas", "Madison", "Logan", "Ella", "Benjamin", "Scarlett"],
            ["Smith", "O'Brien", "Murphy", "Taylor", "Brown", "Wilson", "Walsh", "Evans", "Thompson", "Clarke", "Fitzgerald", "Hughes", "Kelly",
             "Byrne", "Johnson", "Williams", "Miller", "Davis", "Anderson", "Martin", "Jackson", "White", "Harris", "Lewis", "Robinson"],
            [new("London", "United Kingdom", "GB", "en-GB", "44"), new("Manchester", "United Kingdom", "GB", "en-GB", "44"),
             new("Dublin", "Ireland", "IE", "en-IE", "353"), new("Seattle", "United States", "US", "en-US", "1"),
             new("New York", "United States", "US", "en-US", "1"), new("Chicago", "United States", "US", "en-US", "1"),
             new("Austin", "United States", "US", "en-US", "1"), new("Toronto", "Canada", "CA", "en-CA", "1"),
             new("Sydney", "Australia", "AU", "en-AU", "61")]),
        new(8,
            ["Søren", "Åsa", "Björn", "Ingrid", "Jörgen", "Märta", "Lærke", "Øystein", "Sigrid", "Magnus", "Freja", "Rasmus", "Håkan", "Solveig", "Torbjørn",
             "Astrid", "Nils", "Maja", "Kasper", "Ebba"],
            ["Ångström", "Johansson", "Lindqvist", "Sørensen", "Kjærgaard", "Østergaard", "Bråten", "Hägglund", "Nyström", "Løvås", "Åberg", "Dahl",
             "Berg", "Holm", "Söderberg", "Lindström", "Mølgaard", "Sjöberg", "Haugen", "Ækerlund"],
            [new("Stockholm", "Sweden", "SE", "sv-SE", "46"), new("Göteborg", "Sweden", "SE", "sv-SE", "46"), new("Malmö", "Sweden", "SE", "sv-SE", "46"),
             new("København", "Denmark", "DK", "da-DK", "45"), new("Aarhus", "Denmark", "DK", "da-DK", "45"), new("Oslo", "Norway", "NO", "nb-NO", "47")]),
        new(10,
            ["Jürgen", "Jörg", "Lena", "Lukas", "Sören", "Käthe", "Jonas", "Hanna", "Maximilian", "Mia", "Günter", "Ute", "Felix", "Anja", "Tobias",
             "Karl", "Leonie", "Matthias", "Sophie", "Jan"],
            ["Müller", "Schröder", "Groß", "Weiß", "Böhm", "Köhler", "Krüger", "Fuchs", "Hoffmann", "Schäfer", "Lehmann", "Schmidt", "Wagner",
             "Becker", "Fischer", "Hölzl", "Strauß", "Bäcker", "Jäger", "Vogel"],
            [new("Berlin", "Germany", "DE", "de-DE", "49"), new("München", "Germany", "DE", "de-DE", "49"), new("Hamburg", "Germany", "DE", "de-DE", "49"),
             new("Köln", "Germany", "DE", "de-DE", "49"), new("Wien", "Austria", "AT", "de-AT", "43"), new("Zürich", "Switzerland", "CH", "de-CH", "41")]),
        new(9,
            ["Chloé", "Hélène", "François", "Gaëlle", "Jérôme", "Noël", "Mathéo", "Léa", "Benoît", "Anaïs", "Céline", "Raphaël", "Élodie", "Théo",
             "Manon", "Louis", "Camille", "Antoine", "Inès", "Zoé"],
            ["Lefèvre", "Dubois", "Moreau", "Girard", "Bélanger", "Lévesque", "Fontaine", "Mercier", "Gauthier", "Rousseau", "Périer", "Béranger",
             "Faure", "Lemaître", "Laurent", "Bernard", "Lefebvre", "Côté", "Gagné", "Leclère"],
            [new("Paris", "France", "FR", "fr-FR", "33"), new("Lyon", "France", "FR", "fr-FR", "33"), new("Marseille", "France", "FR", "fr-FR", "33"),
             new("Montréal", "Canada", "CA", "fr-CA", "1"), new("Bruxelles", "Belgium", "BE", "fr-BE", "32"), new("Genève", "Switzerland", "CH", "fr-CH", "41")]),
        new(12,
            ["José", "María", "Iñaki", "Begoña", "João", "Inês", "Sebastián", "Lucía", "Ramón", "Martín", "Conceição", "Ángel", "Sofía", "Andrés",
             "Thaís", "Valentina", "Mateo", "Camila", "Joaquín", "Estêvão"],
            ["García", "Fernández", "Muñoz", "Peña", "Gonçalves", "Araújo", "Núñez", "Sánchez", "Pérez", "Gómez", "Rodríguez", "Magalhães",
             "Ibáñez", "Castro", "Ortega", "Simões", "Jiménez", "Vázquez", "Romão", "Cortés"],
            [new("Madrid", "Spain", "ES", "es-ES", "34"), new("Barcelona", "Spain", "ES", "es-ES", "34"), new("Lisboa", "Portugal", "PT", "pt-PT", "351"),
             new("São Paulo", "Brazil", "BR", "pt-BR", "55"), new("Ciudad de México", "Mexico", "MX", "es-MX", "52"),
             new("Bogotá", "Colombia", "CO", "es-CO", "57")]),
        new(9,
            ["Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Wojciech", "Zofia", "Michał", "Katarzyna", "Tomáš", "Jiří", "Zdeněk", "Kateřina",
             "Zoltán", "Gábor", "Réka", "Ágnes", "Bartłomiej", "Żaneta", "Ondřej", "Lőrinc"],
            ["Wiśniewski", "Kowalczyk", "Wójcik", "Nowak", "Kamiński", "Zieliński", "Dąbrowski", "Dvořák", "Novák", "Černý", "Procházka", "Kovács",
             "Szabó", "Tóth", "Horváth", "Łukaszewicz", "Krejčí", "Němec", "Sőrés", "Grzegorczyk"],
            [new("Warszawa", "Poland", "PL", "pl-PL", "48"), new("Kraków", "Poland", "PL", "pl-PL", "48"), new("Wrocław", "Poland", "PL", "pl-PL", "48"),
             new("Praha", "Czechia", "CZ", "cs-CZ", "420"), new("Brno", "Czechia", "CZ", "cs-CZ", "420"), new("Budapest", "Hungary", "HU", "hu-HU", "36")]),
        new(6,
            ["Ayşe", "Mehmet", "Gülşen", "Çağla", "Emre", "Şule", "Burak", "Özge", "Oğuz", "Elif", "Selin", "İbrahim", "Cem", "Deniz", "Hülya"],
            ["Çelik", "Yılmaz", "Öztürk", "Şahin", "Doğan", "Aydın", "Kılıç", "Arslan", "Güneş", "Koç", "Özdemir", "Yıldız", "Kaya", "Aksoy", "Çetin"],
            [new("İstanbul", "Türkiye", "TR", "tr-TR", "90"), new("Ankara", "Türkiye", "TR", "tr-TR", "90"), new("İzmir", "Türkiye", "TR", "tr-TR", "90")]),
        new(5,
            ["Thảo", "Phương", "Đức", "Minh", "Hà", "Quang", "Linh", "Tuấn", "Hương", "Dũng", "Trâm", "Bảo"],
            ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"],
            [new("Hà Nội", "Vietnam", "VN", "vi-VN", "84"), new("Thành phố Hồ Chí Minh", "Vietnam", "VN", "vi-VN", "84"), new("Đà Nẵng", "Vietnam", "VN", "vi-VN", "84")]),
        new(7,
            ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Diya", "Arjun", "Kavya", "Rahul", "Ishita", "Siddharth", "Meera"],
            ["Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Rao", "Banerjee", "Chatterjee", "Desai", "Kulkarni"],
            [new("Bengaluru", "India", "IN", "en-IN", "91"), new("Mumbai", "India", "IN", "en-IN", "91"), new("Hyderabad", "India", "IN", "en-IN", "91")]),
        new(5,
            ["Daan", "Sanne", "Bram", "Fleur", "Thijs", "Anouk", "Joëlle", "Sem", "Lotte", "Ruben", "Eline", "Maarten"],
            ["de Vries", "van Dijk", "Jansen", "Bakker", "Visser", "Smit", "de Jong", "van den Berg", "Meijer", "Mulder", "Bos", "Peeters"],
            [new("Amsterdam", "Netherlands", "NL", "nl-NL", "31"), new("Rotterdam", "Netherlands", "NL", "nl-NL", "31"), new("Antwerpen", "Belgium", "BE", "nl-BE", "32")]),
    ];

    /// <summary>The department of the top of the hierarchy (the chief executive).</summary>
    public const string Executive = "Executive";

    public static IReadOnlyList<Department> Departments { get; } =
    [
        new("Engineering", ["Software Engineer", "Senior Software Engineer", "Site Reliability Engineer", "QA Engineer", "Principal Engineer"]),
        new("Sales", ["Account Executive", "Sales Representative", "Sales Engineer", "Account Manager"]),
        new("Marketing", ["Marketing Specialist", "Content Strategist", "Product Marketing Manager", "Brand Designer"]),
        new("Finance", ["Accountant", "Financial Analyst", "Controller", "Payroll Specialist"]),
        new("Human Resources", ["HR Business Partner", "Recruiter", "People Operations Specialist"]),
        new("Customer Support", ["Support Engineer", "Customer Success Manager", "Support Specialist"]),
        new("Operations", ["Operations Analyst", "Logistics Coordinator", "Facilities Coordinator"]),
        new("Legal", ["Counsel", "Paralegal", "Compliance Officer"]),
        new("Product", ["Product Manager", "UX Designer", "UX Researcher"]),
        new("IT", ["Systems Administrator", "Identity Engineer", "Service Desk Analyst", "Network Engineer"]),
        new("Research", ["Research Scientist", "Data Scientist", "Lab Technician"]),
        new("Procurement", ["Buyer", "Procurement Specialist", "Vendor Manager"]),
    ];

    public static IReadOnlyList<string> Teams { get; } =
    [
        "Platform", "Payments", "Identity", "Northwind", "Atlas", "Aurora", "Horizon", "Falcon", "Orion", "Phoenix", "Polaris", "Summit",
        "Harbor", "Cascade", "Evergreen", "Redwood", "Meridian", "Quantum", "Vega", "Zenith", "Nimbus", "Beacon", "Compass", "Keystone",
        "Lighthouse", "Sequoia", "Tundra", "Boreal", "Coral", "Delta", "EMEA", "APAC", "Americas", "Nordics", "DACH", "Iberia", "Onboarding",
        "Release", "Security", "Analytics",
    ];
}

/// <summary>A department and the titles of the people who are not its managers.</summary>
internal sealed record Department(string Name, IReadOnlyList<string> Titles);
