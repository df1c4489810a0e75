using System.Formats.Tar;
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

    [Fact]
    public void Extract_TarGz_ExtractsNestedFiles()
    {
        Extract(TarGz(("index.js", "module.exports = 1"), ("lib/", null), ("lib/deep/util.js", "x")));

        Assert.Equal("module.exports = 1", File.ReadAllText(Path.Combine(Target, "index.js")));
        Assert.Equal("x", File.ReadAllText(Path.Combine(Target, "lib", "deep", "util.js")));
    }

    [Fact]
    public void Extract_TarGzOfCurrentFolder_ExtractsDotPrefixedEntries()
    {
        // What `tar czf app.tar.gz .` writes: "./" first, then "./<name>".
        Extract(TarGz(("./", null), ("./index.js", "dot"), ("./lib/", null), ("./lib/a.js", "a")));

        Assert.Equal("dot", File.ReadAllText(Path.Combine(Target, "index.js")));
        Assert.Equal("a", File.ReadAllText(Path.Combine(Target, "lib", "a.js")));
    }

    [Fact]
    public void Extract_NonSeekableTarGz_ExtractsFiles()
    {
        Extract(new ForwardOnlyStream(TarGz(("index.js", "forward"))));

        Assert.Equal("forward", File.ReadAllText(Path.Combine(Target, "index.js")));
    }

    [Fact]
    public void Extract_NonSeekableZip_ExtractsFiles()
    {
        Extract(new ForwardOnlyStream(Zip(("index.js", "forward"))));

        Assert.Equal("forward", File.ReadAllText(Path.Combine(Target, "index.js")));
    }

    [Fact]
    public void Extract_TarGzLinks_AreNotCreated()
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "passwd") { LinkName = "/etc/passwd" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "shadow") { LinkName = "/etc/shadow" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "index.js") { DataStream = new MemoryStream("1"u8.ToArray()) });
        }
        buffer.Position = 0;

        Extract(buffer);

        Assert.Equal(["index.js"], Directory.EnumerateFileSystemEntries(Target).Select(Path.GetFileName));
    }

    [Fact]
    public void Extract_ZipSymlinkEntry_IsNotCreated()
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var link = archive.CreateEntry("passwd");
            link.ExternalAttributes = unchecked((int)0xA1FF0000); // S_IFLNK | 0777
            using (var stream = link.Open())
            {
                stream.Write("/etc/passwd"u8);
            }
            using var index = archive.CreateEntry("index.js").Open();
            index.Write("1"u8);
        }
        buffer.Position = 0;

        Extract(buffer);

        Assert.Equal(["index.js"], Directory.EnumerateFileSystemEntries(Target).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../evil.js")]
    [InlineData("/etc/evil.js")]
    [InlineData("a/../../evil.js")]
    public void Extract_TraversingTarGzEntry_ThrowsAndWritesNothingOutside(string name)
    {
        var error = Assert.Throws<FaasException>(() => Extract(TarGz(("ok.js", "1"), (name, "pwned"))));

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.False(File.Exists(Path.Combine(_root, "evil.js")));
        Assert.False(File.Exists("/etc/evil.js"));
    }

    [Fact]
    public void Extract_GzipWithoutTar_ThrowsBadRequest()
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes("just some gzipped text, no tar header in here at all"));
        }
        buffer.Position = 0;

        var error = Assert.Throws<FaasException>(() => Extract(buffer));

        Assert.Equal(FaasError.BadRequest, error.Error);
    }

    [Fact]
    public void Extract_Empty_ThrowsBadRequestSayingEmpty()
    {
        var error = Assert.Throws<FaasException>(() => Extract(new MemoryStream()));

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Extract_EntryNameOf300Characters_ThrowsBadRequestSayingTooLong()
    {
        var error = Assert.Throws<FaasException>(() => Extract(Zip(("index.js", "1"), (new string('a', 300) + ".js", "2"))));

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("too long", error.Message);
    }

    [Theory]
    [InlineData("a", "a/b.js")]
    [InlineData("a/b.js", "a")]
    [InlineData("a/", "a")]
    [InlineData("x/a", "x/a/b/c.js")]
    public void Extract_FileAndFolderWithSameName_ThrowsBadRequest(string first, string second)
    {
        var error = Assert.Throws<FaasException>(() => Extract(Zip((first, first.EndsWith('/') ? "" : "1"), (second, "2"))));

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("both a file and a folder", error.Message);
    }

    [Fact]
    public void Extract_ZipBombOf1GB_StopsAfterAFewMegabytes()
    {
        // 8 entries of 128 MiB of zeros (~1 GB) compress to ~1 MB; each entry alone is under the size limit.
        var bomb = ZipBomb(entries: 8, entryBytes: 128 << 20);
        Assert.True(bomb.Length < 2 << 20, $"bomb is {bomb.Length} bytes");

        var error = Assert.Throws<FaasException>(() => Extract(bomb));

        Assert.Equal(FaasError.TooLarge, error.Error);
        Assert.Contains("expands more than 200 times", error.Message);
        var written = Directory.EnumerateFiles(Target, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.InRange(written, 1, new StorageOptions().CompressionRatioCheckBytes + (1 << 20));
    }

    [Fact]
    public void Extract_TarGzBomb_StopsAfterAFewMegabytes()
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros.bin") { DataStream = new ZeroStream(64 << 20) });
        }
        buffer.Position = 0;

        var error = Assert.Throws<FaasException>(() => Extract(buffer));

        Assert.Equal(FaasError.TooLarge, error.Error);
        Assert.InRange(new FileInfo(Path.Combine(Target, "zeros.bin")).Length, 1, new StorageOptions().CompressionRatioCheckBytes + (1 << 20));
    }

    [Fact]
    public void Extract_HighlyCompressibleButSmall_IsAccepted()
    {
        Extract(ZipBomb(entries: 1, entryBytes: 4 << 20));

        Assert.Equal(4 << 20, new FileInfo(Path.Combine(Target, "bomb0.bin")).Length);
    }

    private static MemoryStream ZipBomb(int entries, int entryBytes)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < entries; i++)
            {
                using var stream = archive.CreateEntry($"bomb{i}.bin", CompressionLevel.SmallestSize).Open();
                new ZeroStream(entryBytes).CopyTo(stream);
            }
        }
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>A .tar.gz of (name, content) pairs; a null content makes a directory.</summary>
    private static MemoryStream TarGz(params (string Name, string? Content)[] entries)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, content) in entries)
            {
                tar.WriteEntry(content is null
                    ? new PaxTarEntry(TarEntryType.Directory, name)
                    : new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }
        buffer.Position = 0;
        return buffer;
    }
}
