using Provisio.Directory.Loading;

namespace Provisio.Directory.Tests.Loading;

/// <summary>Keeps what a bulk load reports, in order.</summary>
internal sealed class CollectingReporter : IDirectoryLoadReporter
{
    public List<DirectoryLoadError> Errors { get; } = [];

    public List<DirectoryLoadProgress> Progresses { get; } = [];

    public IEnumerable<string> Messages => Errors.Select(error => error.ToString());

    public void Progress(DirectoryLoadProgress progress) => Progresses.Add(progress);

    public void Error(DirectoryLoadError error) => Errors.Add(error);
}
