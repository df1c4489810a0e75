using System.Runtime.CompilerServices;

namespace Faas.Cli.Tests.Infrastructure;

/// <summary>The repository's <c>samples/</c> apps, copied into a test's functions folder.</summary>
public static class Samples
{
    public static string RepositoryRoot { get; } = Root();

    /// <summary>Copies <c>samples/{sample}</c> (with its subfolders) to <paramref name="destination"/>.</summary>
    public static void CopyTo(string sample, string destination)
    {
        var source = Path.Combine(RepositoryRoot, "samples", sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Root([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
