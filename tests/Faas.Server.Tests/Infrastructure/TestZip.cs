using System.IO.Compression;
using System.Text;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>Zips built in memory from (entry name, content) pairs; entry names are taken as given (even hostile ones).</summary>
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
}
