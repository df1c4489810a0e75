using Faas.Core.Packages;
using Faas.Core.Storage;
using Faas.Core.Tests.Fuzz;

namespace Faas.Core.Tests.Packages;

/// <summary>
/// Seeded archives, whole, hostile and damaged, through the extractor: each one either extracts
/// inside the target folder (exactly its files, for an undamaged one) or is refused as a bad
/// request or too large; nothing is ever written beside the target or through a link.
/// </summary>
public sealed class PackageExtractorFuzzTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("faas-fuzz-extract-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Extract_GeneratedArchives_InsideTargetOrRefused(int seed)
    {
        var archives = new RandomArchives(new Random(seed));
        var options = new StorageOptions { MaxExtractedBytes = 4L * 1024 * 1024, MaxPackageEntries = 1000 };
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 80; i++)
        {
            var archive = archives.Next();
            var target = Path.Combine(_root, "target");
            Directory.CreateDirectory(target);
            var outcome = Extract(archive, options, target, forwardOnly: i % 4 == 0);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

            Assert.Equal([target], Directory.GetFileSystemEntries(_root));
            Assert.False(File.Exists("/etc/faas-fuzz-evil"));
            AssertNoLinks(target);
            Directory.Delete(target, recursive: true);
        }
        Assert.True(outcomes.GetValueOrDefault("extracted") > 20, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(FaasError.BadRequest)) > 20, string.Join(", ", outcomes));
    }

    private static string Extract(RandomArchives.Archive archive, StorageOptions options, string target, bool forwardOnly)
    {
        var stream = new MemoryStream(archive.Bytes);
        try
        {
            new PackageExtractor(options).Extract(forwardOnly ? new ForwardOnlyStream(stream) : stream, target);
        }
        catch (FaasException e) when (e.Error is FaasError.BadRequest or FaasError.TooLarge)
        {
            Assert.True(archive.Expected != RandomArchives.Outcome.Extracts, $"{archive.Kind} was refused ({e.Message}), expected to extract.");
            Assert.True(archive.Expected != RandomArchives.Outcome.BadRequest || e.Error == FaasError.BadRequest, $"{archive.Kind}: {e.Error} ({e.Message}), expected BadRequest.");
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return e.Error.ToString();
        }
        catch (Exception e) when (e is not FaasException and not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{archive.Kind}: {e.GetType().Name} escaped the extractor: {e.Message}");
        }
        Assert.True(archive.Expected != RandomArchives.Outcome.BadRequest, $"{archive.Kind} extracted, expected a refusal.");
        if (archive.Expected == RandomArchives.Outcome.Extracts)
        {
            AssertTree(archive, target);
        }
        return "extracted";
    }

    private static void AssertTree(RandomArchives.Archive archive, string target)
    {
        var files = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).ToDictionary(f => Relative(target, f), File.ReadAllBytes);
        Assert.Equal(archive.Files.Keys.Order(StringComparer.Ordinal), files.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, content) in archive.Files)
        {
            Assert.True(content.AsSpan().SequenceEqual(files[path]), $"{archive.Kind}: {path} differs.");
        }
        Assert.Equal(archive.Folders.Order(StringComparer.Ordinal),
            Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories).Select(d => Relative(target, d)).Order(StringComparer.Ordinal));
    }

    private static void AssertNoLinks(string target)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(target, "*", SearchOption.AllDirectories))
        {
            Assert.Null(new FileInfo(entry).LinkTarget);
            Assert.StartsWith(target + Path.DirectorySeparatorChar, Path.GetFullPath(entry), StringComparison.Ordinal);
        }
    }

    private static string Relative(string target, string path) => Path.GetRelativePath(target, path).Replace(Path.DirectorySeparatorChar, '/');
}
