using System.IO.Compression;
using System.Text;
using Faas.Core.Packages;
using Faas.Core.Storage;

namespace Faas.Core.Tests.Packages;

public sealed class PackageExtractorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("faas-extract-").FullName;

    private string Target => Path.Combine(_root, "target");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static MemoryStream Zip(params (string Name, string Content)[] entries)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        buffer.Position = 0;
        return buffer;
    }

    private void Extract(Stream zip, StorageOptions? options = null)
    {
        Directory.CreateDirectory(Target);
        new PackageExtractor(options ?? new StorageOptions()).Extract(zip, Target);
    }

    [Fact]
    public void Extract_NestedFilesWithoutFolderEntries_CreatesParents()
    {
        Extract(Zip(("index.js", "module.exports = {}"), ("lib/deep/util.js", "x")));

        Assert.Equal("module.exports = {}", File.ReadAllText(Path.Combine(Target, "index.js")));
        Assert.True(File.Exists(Path.Combine(Target, "lib", "deep", "util.js")));
    }

    [Theory]
    [InlineData("../evil.js")]
    [InlineData("a/../../evil.js")]
    [InlineData("/etc/evil.js")]
    [InlineData("..\\evil.js")]
    [InlineData("C:/evil.js")]
    public void Extract_TraversingEntry_ThrowsAndWritesNothingOutside(string name)
    {
        var error = Assert.Throws<FaasException>(() => Extract(Zip(("ok.js", "1"), (name, "pwned"))));

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.False(File.Exists(Path.Combine(_root, "evil.js")));
        Assert.False(File.Exists("/etc/evil.js"));
    }

    [Fact]
    public void Extract_TruncatedZip_ThrowsBadRequest()
    {
        var bytes = Zip(("index.js", new string('x', 5000))).ToArray();
        var error = Assert.Throws<FaasException>(() => Extract(new MemoryStream(bytes[..(bytes.Length / 2)])));
        Assert.Equal(FaasError.BadRequest, error.Error);
    }

    [Fact]
    public void Extract_NotAZip_ThrowsBadRequest()
    {
        var error = Assert.Throws<FaasException>(() => Extract(new MemoryStream(Encoding.UTF8.GetBytes("definitely not a zip"))));
        Assert.Contains("not a valid zip", error.Message);
    }

    [Fact]
    public void Extract_TooManyEntries_ThrowsTooLarge()
    {
        var error = Assert.Throws<FaasException>(() =>
            Extract(Zip(("a", "1"), ("b", "2"), ("c", "3")), new StorageOptions { MaxPackageEntries = 2 }));
        Assert.Equal(FaasError.TooLarge, error.Error);
    }

    [Fact]
    public void Extract_ExpandsBeyondLimit_ThrowsTooLarge()
    {
        // Compresses to almost nothing: the classic zip bomb shape.
        var error = Assert.Throws<FaasException>(() =>
            Extract(Zip(("big.txt", new string('0', 1_000_000))), new StorageOptions { MaxExtractedBytes = 100_000 }));
        Assert.Equal(FaasError.TooLarge, error.Error);
    }
}
