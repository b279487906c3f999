namespace Provisio.Directory;

/// <summary>Small named settings of the service kept in its database (the hashes of generated admin keys, ...).</summary>
public interface IServiceSettings
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<string?> GetAsync(string name, CancellationToken cancellationToken);

    Task SetAsync(string name, string value, CancellationToken cancellationToken);
}
