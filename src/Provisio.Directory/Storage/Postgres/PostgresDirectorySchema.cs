using System.Text.RegularExpressions;

namespace Provisio.Directory.Storage.Postgres;

/// <summary>
/// The directory's tables in one PostgreSQL schema (<c>provisio</c> unless configured; tests use one per test), and the
/// migrations that build them, applied in order by version and recorded in <c>schema_version</c>.
/// </summary>
internal sealed partial class PostgresDirectorySchema
{
    public const string DefaultName = "provisio";

    /// <summary>The oldest server the schema runs on: <c>UNIQUE NULLS NOT DISTINCT</c> is new in PostgreSQL 15.</summary>
    public static readonly Version MinimumServerVersion = new(15, 0);

    public PostgresDirectorySchema(string name)
    {
        // Unquoted PostgreSQL identifiers (at most 63 bytes); the name is put into SQL text, so nothing else is accepted.
        ArgumentNullException.ThrowIfNull(name);
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"The PostgreSQL schema name '{name}' is not valid: use 1 to 63 lowercase letters, digits and underscores, starting with a letter or underscore.",
                nameof(name));
        }

        Name = name;
        Quoted = $"\"{Name}\"";
        Migrations = BuildMigrations(Quoted);
    }

    public string Name { get; }

    /// <summary>The name quoted for SQL text: <c>"provisio"</c>.</summary>
    public string Quoted { get; }

    /// <summary>Version n turns a schema at version n - 1 into version n (version 0: none of the tables).</summary>
    public IReadOnlyList<string> Migrations { get; }

    public int Version => Migrations.Count;

    // Append a step for each change; never edit a released one.
    private static string[] BuildMigrations(string schema) =>
    [
        // 1: objects with their properties as jsonb, references, and the feed's single counter row.
        $$"""
        CREATE TABLE {{schema}}.feed (id integer PRIMARY KEY CHECK (id = 1), last bigint NOT NULL);
        INSERT INTO {{schema}}.feed (id, last) VALUES (1, 0);
        CREATE TABLE {{schema}}.objects (
            id uuid PRIMARY KEY,
            kind smallint NOT NULL,
            principal_name text NULL,
            properties jsonb NOT NULL,
            created timestamptz NOT NULL,
            deleted timestamptz NULL,
            purged boolean NOT NULL DEFAULT false,
            seq bigint NOT NULL);
        CREATE UNIQUE INDEX objects_principal_name ON {{schema}}.objects (lower(principal_name)) WHERE NOT purged;
        CREATE INDEX objects_seq ON {{schema}}.objects (seq);
        CREATE TABLE {{schema}}.refs (
            source uuid NOT NULL,
            relation smallint NOT NULL,
            target uuid NOT NULL,
            role uuid NULL,
            CONSTRAINT refs_key UNIQUE NULLS NOT DISTINCT (source, relation, target, role));
        CREATE INDEX refs_target ON {{schema}}.refs (target);
        """,

        // 2: the folded displayName in an indexed column, for listings ordered by displayName (DirectoryRules.SortName);
        // filled for existing rows by PostgresDirectoryStore after this step.
        $$"""
        ALTER TABLE {{schema}}.objects ADD COLUMN sort_name text COLLATE "C" NOT NULL DEFAULT '';
        CREATE INDEX objects_sort_name ON {{schema}}.objects (kind, sort_name, id);
        """,

        // 3: a service principal's appId is unique (checked by the database, so two concurrent creates cannot both win).
        $$"""
        CREATE UNIQUE INDEX {{DirectoryRules.AppIdIndex}} ON {{schema}}.objects ((properties ->> 'appId')) WHERE kind = {{(int)Model.DirectoryObjectKind.ServicePrincipal}} AND NOT purged;
        """,

        // 4: listings in id order by kind (a synchronization cycle's scan) read an index in order instead of sorting.
        $$"""
        CREATE INDEX objects_kind_id ON {{schema}}.objects (kind, id);
        """,
    ];

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
