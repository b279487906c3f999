using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Provisio.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>--throughput [seconds]</c> runs the quick single-threaded check; anything else goes to BenchmarkDotNet,
    /// whose artifacts land next to this project (not in the caller's directory) unless <c>--artifacts</c> says otherwise.
    /// </summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "--scim-load")
        {
            return ScimServerLoad.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--directory-load")
        {
            return DirectoryLoad.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--directory-bulk")
        {
            return DirectoryBulkLoad.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--engine-cycle")
        {
            return EngineCycle.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--cluster")
        {
            return ClusterThroughput.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--portal")
        {
            return PortalPages.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--log-query")
        {
            return LogQuery.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--throughput")
        {
            return Throughput.Run(args.Length > 1 ? args[1] : null);
        }

        var config = DefaultConfig.Instance;
        if (ProjectArtifactsPath() is { } path)
        {
            config = config.WithArtifactsPath(path);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    private static string? ProjectArtifactsPath() => typeof(Program).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(attribute => attribute.Key == "BenchmarkArtifactsPath")?.Value;
}
