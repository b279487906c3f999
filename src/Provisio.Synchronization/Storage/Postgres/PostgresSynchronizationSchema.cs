using System.Text.RegularExpressions;

namespace Provisio.Synchronization.Storage.Postgres;

/// <summary>
/// The synchronization tables in one PostgreSQL schema, the directory's (<c>provisio</c> unless configured; tests use
/// one per test class): prefixed <c>sync_</c>, and migrated in order by version, recorded in <c>sync_schema_version</c>
/// apart from the directory's <c>schema_version</c>.
/// </summary>
/// <remarks>
/// Documents are <c>json</c>, not <c>jsonb</c>: they are stored and returned, never queried inside, and <c>json</c> keeps
/// them as written (key order too, which <c>ExportedValues</c> relies on, as SQLite's text does) at the cost of a
/// validation only. Timestamps are UTC ticks in <c>bigint</c> (<see cref="ColumnEncoding"/>: exact to the tick, as on SQLite, where
/// <c>timestamptz</c> keeps microseconds); ids compared for order (job ids, log ids) are <c>COLLATE "C"</c>, so the order
/// is the same on every server and the same as SQLite's.
/// </remarks>
internal sealed partial class PostgresSynchronizationSchema
{
    public const string DefaultName = "provisio";

    public PostgresSynchronizationSchema(string name)
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

    /// <summary>Version n turns the tables at version n - 1 into version n (version 0: none of them).</summary>
    public IReadOnlyList<string> Migrations { get; }

    public int Version => Migrations.Count;

    public string Table(string name) => $"{Quoted}.{name}";

    // Append a step for each change; never edit a released one.
    private static string[] BuildMigrations(string schema) =>
    [
        // 1: jobs, secrets, the data-protection key ring, cycle state, the connector data store, escrows, provisioning logs.
        $$"""
        CREATE TABLE {{schema}}.sync_jobs (
            id text COLLATE "C" PRIMARY KEY,
            service_principal_id uuid NOT NULL,
            job json NOT NULL,
            job_schema json NOT NULL,
            version bigint NOT NULL,
            updated bigint NOT NULL);
        CREATE INDEX sync_jobs_service_principal ON {{schema}}.sync_jobs (service_principal_id, id);
        CREATE TABLE {{schema}}.sync_secrets (
            service_principal_id uuid PRIMARY KEY,
            secrets text NOT NULL);
        CREATE TABLE {{schema}}.sync_protection_keys (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text NOT NULL,
            xml text NOT NULL,
            created bigint NOT NULL);
        CREATE TABLE {{schema}}.sync_cycle_state (
            job_id text PRIMARY KEY,
            watermark bigint NULL,
            checkpoint json NULL);
        CREATE TABLE {{schema}}.sync_entries (
            job_id text NOT NULL,
            source_id uuid NOT NULL,
            object_type text NOT NULL,
            target_id text NOT NULL,
            state text NOT NULL,
            display_name text NULL,
            exported_values json NOT NULL,
            exported_references json NOT NULL,
            last_modified bigint NOT NULL,
            PRIMARY KEY (job_id, source_id));
        CREATE INDEX sync_entries_object_type ON {{schema}}.sync_entries (job_id, object_type, source_id);
        CREATE TABLE {{schema}}.sync_escrows (
            job_id text NOT NULL,
            source_id uuid NOT NULL,
            kind text NOT NULL,
            object_type text NOT NULL,
            action text NOT NULL,
            error_code text NOT NULL,
            reason text NULL,
            display_name text NULL,
            first_failure bigint NOT NULL,
            last_failure bigint NOT NULL,
            attempts integer NOT NULL,
            next_retry bigint NOT NULL,
            PRIMARY KEY (job_id, source_id, kind));
        CREATE INDEX sync_escrows_next_retry ON {{schema}}.sync_escrows (job_id, next_retry);
        CREATE TABLE {{schema}}.sync_logs (
            id text COLLATE "C" PRIMARY KEY,
            job_id text NOT NULL,
            service_principal_id text NULL,
            cycle_id text NOT NULL,
            change_id text NOT NULL,
            activity_date_time bigint NOT NULL,
            action text NOT NULL,
            status text NOT NULL,
            source_id text NULL,
            source_display_name text NULL,
            target_id text NULL,
            target_display_name text NULL,
            error_code text NULL,
            record json NOT NULL);
        CREATE INDEX sync_logs_activity ON {{schema}}.sync_logs (activity_date_time DESC, id DESC);
        CREATE INDEX sync_logs_job ON {{schema}}.sync_logs (job_id, activity_date_time DESC, id DESC);
        CREATE INDEX sync_logs_status ON {{schema}}.sync_logs (status, activity_date_time DESC);
        CREATE INDEX sync_logs_cycle ON {{schema}}.sync_logs (cycle_id);
        CREATE INDEX sync_logs_source ON {{schema}}.sync_logs (source_id);
        CREATE INDEX sync_logs_target ON {{schema}}.sync_logs (target_id);
        """,

        // 2: directory audits (and the ids of their target resources), the e-mail outbox.
        $$"""
        CREATE TABLE {{schema}}.sync_audits (
            id text COLLATE "C" PRIMARY KEY,
            activity_date_time bigint NOT NULL,
            activity_display_name text NOT NULL,
            category text NOT NULL,
            logged_by_service text NOT NULL,
            correlation_id text NULL,
            result text NOT NULL,
            record json NOT NULL);
        CREATE INDEX sync_audits_activity ON {{schema}}.sync_audits (activity_date_time DESC, id DESC);
        CREATE INDEX sync_audits_display_name ON {{schema}}.sync_audits (activity_display_name, activity_date_time DESC, id DESC);
        CREATE INDEX sync_audits_category ON {{schema}}.sync_audits (category, activity_date_time DESC, id DESC);
        CREATE INDEX sync_audits_service ON {{schema}}.sync_audits (logged_by_service, activity_date_time DESC, id DESC);
        CREATE TABLE {{schema}}.sync_audit_targets (
            target_id text NOT NULL,
            audit_id text COLLATE "C" NOT NULL,
            PRIMARY KEY (target_id, audit_id));
        CREATE TABLE {{schema}}.sync_emails (
            id text COLLATE "C" PRIMARY KEY,
            job_id text NULL,
            recipients json NOT NULL,
            subject text NOT NULL,
            text_body text NOT NULL,
            html_body text NULL,
            created bigint NOT NULL,
            attempts integer NOT NULL,
            next_attempt bigint NOT NULL,
            sent bigint NULL,
            last_error text NULL,
            gave_up boolean NOT NULL);
        CREATE INDEX sync_emails_pending ON {{schema}}.sync_emails (created, id) WHERE sent IS NULL AND NOT gave_up;
        CREATE INDEX sync_emails_created ON {{schema}}.sync_emails (created DESC, id DESC);
        CREATE INDEX sync_emails_job ON {{schema}}.sync_emails (job_id, created DESC, id DESC);
        """,

        // 3: $count of provisioning logs by job or status: deduplicated single-column btrees, a fifteenth the size of the
        // keyset indexes, which an index-only count reads (BENCHMARKS.md, provisioning-log queries: 200,000 of a job's
        // entries among 10,000,000 counted in 22 ms instead of 66 to 199 ms). SQLite counts through its covering indexes.
        $$"""
        CREATE INDEX sync_logs_job_count ON {{schema}}.sync_logs (job_id);
        CREATE INDEX sync_logs_status_count ON {{schema}}.sync_logs (status);
        """,

        // 4: the nodes of a cluster ask each other to stop a job's cycle (a restart or schema save on one node while the
        // cycle runs on another); the cycle's node looks every second while it runs.
        $$"""
        CREATE TABLE {{schema}}.sync_cycle_stops (
            job_id text COLLATE "C" PRIMARY KEY,
            requested bigint NOT NULL);
        """,

        // 5: the troubleshooting presets (ProvisioningLogPresets): the source identity's type and the first failed step's
        // type as columns, filled in for the logs already written from their records; error codes indexed for the presets
        // that ask for a few of them among many entries.
        $$"""
        ALTER TABLE {{schema}}.sync_logs ADD COLUMN identity_type text NULL, ADD COLUMN failed_step text NULL;
        UPDATE {{schema}}.sync_logs SET identity_type = record -> 'sourceIdentity' ->> 'identityType';
        UPDATE {{schema}}.sync_logs SET failed_step = (
            SELECT steps.step ->> 'provisioningStepType' FROM json_array_elements(record -> 'provisioningSteps') WITH ORDINALITY AS steps(step, position)
            WHERE steps.step ->> 'status' = 'failure' ORDER BY steps.position LIMIT 1)
        WHERE status = 'failure';
        CREATE INDEX sync_logs_error_code ON {{schema}}.sync_logs (error_code, activity_date_time DESC, id DESC);
        """,
    ];

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
