using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>Zips (and .tar.gz) built in memory from (entry name, content) pairs; entry names are taken as given (even hostile ones).</summary>
public static class TestZip
{
    public static byte[] Create(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A node app exporting <paramref name="source"/> from <c>index.js</c>, with its metacall.json.</summary>
    public static byte[] NodeApp(string source) =>
        Create(("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""), ("index.js", source));

    /// <summary>A python app exporting <paramref name="source"/> from <c>main.py</c>, with its metacall.json.</summary>
    public static byte[] PythonApp(string source) =>
        Create(("metacall.json", """{"language_id":"py","path":".","scripts":["main.py"]}"""), ("main.py", source));

    /// <summary>A .tar.gz of (entry name, content) pairs.</summary>
    public static byte[] TarGz(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, content) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A zip bomb: <paramref name="entries"/> entries of <paramref name="entryBytes"/> zeros each, about 1/1000 of that compressed.</summary>
    public static byte[] Bomb(int entries, int entryBytes)
    {
        var zeros = new byte[1 << 20];
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < entries; i++)
            {
                using var stream = archive.CreateEntry($"bomb{i}.bin", CompressionLevel.SmallestSize).Open();
                for (var left = entryBytes; left > 0; left -= zeros.Length)
                {
                    stream.Write(zeros, 0, Math.Min(left, zeros.Length));
                }
            }
        }
        return buffer.ToArray();
    }
}
