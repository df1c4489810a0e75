using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Faas.Core.Tests.Fuzz;

/// <summary>
/// Seeded zips and .tar.gz files: ordinary trees (deep nesting, unicode, ./ prefixes, repeated
/// entries, folder entries), trees with one hostile entry name (traversal, absolute, drive letter,
/// NUL, over-long), trees holding a file and a folder of the same name, and any of these damaged
/// (bytes flipped, cut short, junk appended) or replaced by noise behind a real signature.
/// </summary>
internal sealed class RandomArchives(Random random)
{
    private static readonly string[] Segments = ["index.js", "lib", "a", "b", "src", "ü", "日本", "file with space", ".hidden", "x.y.z", "node_modules", "__init__.py"];

    private static readonly string[] HostileNames =
    [
        "../evil", "a/../../evil", "/etc/faas-fuzz-evil", "..\\evil", "a\\..\\..\\evil", "C:/evil", "c:evil", "a\0b", "..", "./../evil",
        new string('n', 300), string.Concat(Enumerable.Repeat("é", 200)), string.Concat(Enumerable.Repeat("d/", 600)) + "f", "/", "//evil",
    ];

    public enum Outcome
    {
        /// <summary>Extracts to exactly <see cref="Archive.Files"/>.</summary>
        Extracts,

        /// <summary>Refused as a bad request (hostile name, same-name file and folder).</summary>
        BadRequest,

        /// <summary>Damaged: extracts (inside the target) or is refused, as a bad request or too large.</summary>
        Either,
    }

    /// <param name="Files">For <see cref="Outcome.Extracts"/>: each file's path ('/' separated) and its last content.</param>
    /// <param name="Folders">For <see cref="Outcome.Extracts"/>: every folder the files and folder entries make.</param>
    public sealed record Archive(byte[] Bytes, string Kind, Outcome Expected, IReadOnlyDictionary<string, byte[]> Files, IReadOnlySet<string> Folders);

    private sealed record Entry(string Name, byte[]? Content);

    public Archive Next()
    {
        var tar = random.Next(2) == 0;
        var format = tar ? "tar.gz" : "zip";
        var entries = Tree();
        var kind = "tree";
        var hostile = false;
        switch (random.Next(6))
        {
            case 0:
                hostile = true;
                kind = "hostile";
                break;
            case 1:
                var file = entries.First(e => e.Content is not null).Name;
                entries.Insert(random.Next(entries.Count + 1), random.Next(2) == 0 ? new Entry(file.TrimEnd('/') + "/inner.js", Bytes()) : new Entry(file + "/", null));
                kind = "file-and-folder";
                break;
        }
        var built = hostile ? BuildWithHostile(entries, tar) : Build(entries, tar);
        var (files, folders, conflict) = Expect(entries);
        var expected = hostile || conflict ? Outcome.BadRequest : Outcome.Extracts;
        if (random.Next(3) == 0)
        {
            (built, var damage) = Damage(built, tar);
            return new Archive(built, $"{format} {kind}, {damage}", Outcome.Either, files, folders);
        }
        return new Archive(built, $"{format} {kind}", expected, files, folders);
    }

    private List<Entry> Tree()
    {
        var entries = new List<Entry>();
        var count = random.Next(1, 9);
        for (var i = 0; i < count; i++)
        {
            var name = random.Next(12) == 0 ? DeepName() : NameOf(random.Next(1, 4));
            if (random.Next(6) == 0)
            {
                entries.Add(new Entry(name + "/", null));
                continue;
            }
            entries.Add(new Entry(name, Bytes()));
            if (random.Next(6) == 0)
            {
                entries.Add(new Entry(name, Bytes())); // the same path again: the last one wins
            }
        }
        if (entries.All(e => e.Content is null))
        {
            entries.Add(new Entry("index.js", Bytes()));
        }
        // Names that the tree's files make folders of are not files too (that case is built on purpose).
        var (_, _, conflict) = Expect(entries);
        return conflict ? [new Entry("index.js", Bytes())] : entries;
    }

    private string NameOf(int segments) =>
        (random.Next(5) == 0 ? "./" : "") + string.Join("/", Enumerable.Range(0, segments).Select(_ => Segments[random.Next(Segments.Length)]));

    /// <summary>Nested far below the target, within the path limit.</summary>
    private string DeepName() => string.Concat(Enumerable.Repeat("d/", random.Next(20, 100))) + "leaf.txt";

    private byte[] Bytes()
    {
        var bytes = new byte[random.Next(0, 3000)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(bytes);
        }
        else
        {
            Encoding.ASCII.GetBytes(new string('x', bytes.Length)).CopyTo(bytes, 0);
        }
        return bytes;
    }

    private static (Dictionary<string, byte[]> Files, HashSet<string> Folders, bool Conflict) Expect(List<Entry> entries)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var segments = entry.Name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
            for (var i = 1; i < segments.Length; i++)
            {
                folders.Add(string.Join("/", segments[..i]));
            }
            var path = string.Join("/", segments);
            if (entry.Content is null)
            {
                folders.Add(path);
            }
            else
            {
                files[path] = entry.Content;
            }
        }
        return (files, folders, files.Keys.Any(folders.Contains));
    }

    private byte[] BuildWithHostile(List<Entry> entries, bool tar)
    {
        // Some names cannot be written by one format's writer; another hostile name is then used.
        while (true)
        {
            var withHostile = new List<Entry>(entries);
            withHostile.Insert(random.Next(withHostile.Count + 1), new Entry(HostileNames[random.Next(HostileNames.Length)], Encoding.UTF8.GetBytes("pwned")));
            try
            {
                return Build(withHostile, tar);
            }
            catch (ArgumentException)
            {
            }
        }
    }

    private static byte[] Build(List<Entry> entries, bool tar)
    {
        using var buffer = new MemoryStream();
        if (tar)
        {
            using var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true);
            using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry.Content is null
                    ? new PaxTarEntry(TarEntryType.Directory, entry.Name)
                    : new PaxTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(entry.Content) });
            }
        }
        else
        {
            using var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var entry in entries)
            {
                using var stream = archive.CreateEntry(entry.Name).Open();
                stream.Write(entry.Content);
            }
        }
        return buffer.ToArray();
    }

    private (byte[] Bytes, string Damage) Damage(byte[] archive, bool tar)
    {
        var bytes = (byte[])archive.Clone();
        switch (random.Next(5))
        {
            case 0:
                var flips = random.Next(1, 6);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }
                return (bytes, $"{flips} bytes changed");
            case 1:
                var cut = random.Next(1, bytes.Length);
                return (bytes[..cut], $"cut at {cut} of {bytes.Length}");
            case 2:
                var junk = new byte[random.Next(1, 500)];
                random.NextBytes(junk);
                return ([.. bytes, .. junk], $"{junk.Length} bytes of junk appended");
            case 3:
                var chunk = random.Next(1, bytes.Length);
                return ([.. bytes[..chunk], .. bytes[(chunk / 2)..]], $"bytes {chunk / 2}..{chunk} repeated");
            default:
                var noise = new byte[random.Next(4, 4000)];
                random.NextBytes(noise);
                (tar ? [0x1F, 0x8B] : "PK\u0003\u0004"u8.ToArray()).CopyTo(noise, 0);
                return (noise, "noise behind a signature");
        }
    }
}
