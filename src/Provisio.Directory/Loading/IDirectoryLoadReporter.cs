namespace Provisio.Directory.Loading;

/// <summary>
/// Hears a bulk load as it goes, on the loading thread and in order: after each batch its progress, and every error as
/// soon as it is found (the load goes on with the next batch).
/// </summary>
public interface IDirectoryLoadReporter
{
    void Progress(DirectoryLoadProgress progress);

    void Error(DirectoryLoadError error);
}
