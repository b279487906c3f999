using Microsoft.Extensions.Logging;
using Provisio.Scim.Server.Faults;
using Provisio.Scim.Server.Requests;
using Provisio.Scim.Server.Storage;

namespace Provisio.Scim.Server;

/// <summary>Everything one server instance holds: its options, store, fault profiles and request log. A singleton.</summary>
internal sealed class ScimServerState
{
    public const string LogCategory = "Provisio.Scim.Server";

    private readonly Lock _saveLock = new();

    public ScimServerState(ScimServerOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(LogCategory);
        Options = options;
        Logger = logger;
        Store = new ScimStore(options.TimeProvider);
        OAuth = options.OAuth is { } oauth ? new OAuth.OAuthAuthority(oauth, options.TimeProvider) : null;
        Faults = new ScimFaults(new ActiveFaults(FaultProfile.ParseAll(options.Faults).Profiles, options.FaultSeed), faults =>
        {
            if (faults.OAuthRevoked && OAuth is { } authority)
            {
                authority.RevokeAll();
                logger.OAuthRevoked();
            }
        });
        Requests = new ScimRequestLog(options.RequestLogCapacity);
        if (options.DataFile is { } dataFile && Store.LoadFile(dataFile))
        {
            logger.SnapshotLoaded(Store.Users.Count, Store.Groups.Count, dataFile);
        }

        SavedChanges = Store.Changes;
    }

    public ScimServerOptions Options { get; }

    public ILogger Logger { get; }

    public ScimStore Store { get; }

    public ScimFaults Faults { get; }

    /// <summary>The authorization server of <see cref="ScimServerOptions.OAuth"/>; null when the server takes the static token only.</summary>
    public OAuth.OAuthAuthority? OAuth { get; }

    public ScimRequestLog Requests { get; }

    public TimeProvider TimeProvider => Options.TimeProvider;

    private long SavedChanges { get; set; }

    /// <summary>Writes <see cref="ScimServerOptions.DataFile"/> when something changed since the last save; failures are logged.</summary>
    public void SaveIfChanged()
    {
        if (Options.DataFile is not { } dataFile)
        {
            return;
        }

        lock (_saveLock)
        {
            var changes = Store.Changes;
            if (changes == SavedChanges && File.Exists(dataFile))
            {
                return;
            }

            try
            {
                Store.SaveFile(dataFile);
                SavedChanges = changes;
                Logger.SnapshotSaved(Store.Users.Count, Store.Groups.Count, dataFile);
            }
            catch (IOException exception)
            {
                Logger.SnapshotSaveFailed(exception, dataFile);
            }
            catch (UnauthorizedAccessException exception)
            {
                Logger.SnapshotSaveFailed(exception, dataFile);
            }
        }
    }
}
