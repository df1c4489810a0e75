using System.IO.Compression;
using Faas.Cli.Folders;
using Faas.Core.Paths;

namespace Faas.Cli.Tests.Folders;

public sealed class FolderZipperTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("faas-zip-");

    [Fact]
    public void Zip_FolderWithSkippedEntries_HashesLikeTheFolder()
    {
        var source = Directory.CreateDirectory(Path.Combine(root.FullName, "source")).FullName;
        Write(source, "index.js", "module.exports = {};");
        Write(source, "lib/util.js", "exports.x = 1;");
        Write(source, ".env", "SECRET=1");
        Write(source, "node_modules/dep/index.js", "dep");
        Write(source, "__pycache__/x.pyc", "x");
        Write(source, "lib/.hidden/y", "y");

        var extracted = Path.Combine(root.FullName, "extracted");
        using (var zip = FolderZipper.Zip(source))
        {
            ZipFile.ExtractToDirectory(zip, extracted);
        }

        Assert.Equal(["index.js", "lib/util.js"], Directory.EnumerateFiles(extracted, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(extracted, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.Equal(ContentHash.Compute(source), ContentHash.Compute(extracted));
    }

    [Fact]
    public void Discover_InvalidAndHiddenFolders_AreSkippedWithAWarning()
    {
        Directory.CreateDirectory(Path.Combine(root.FullName, "ok-app"));
        Directory.CreateDirectory(Path.Combine(root.FullName, "-bad"));
        Directory.CreateDirectory(Path.Combine(root.FullName, ".git"));
        var warnings = new List<string>();
        var folders = FunctionsFolder.Discover(root.FullName, warnings.Add);
        Assert.Equal(["ok-app"], folders.Select(f => f.Name));
        Assert.Contains(warnings, w => w.Contains("'-bad'", StringComparison.Ordinal));
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => root.Delete(recursive: true);
}
