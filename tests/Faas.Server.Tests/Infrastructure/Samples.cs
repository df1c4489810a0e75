using System.IO.Compression;
using System.Net.Http.Headers;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>The apps under <c>samples/</c>, zipped the way metacall-deploy zips them (files only, no folder entries).</summary>
public static class Samples
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string sample) => Path.Combine(Root, sample);

    public static byte[] Zip(string sample) => ZipFolder(PathOf(sample));

    /// <summary>A sample with extra files (e.g. a <c>faas.json</c>) added at its root.</summary>
    public static byte[] ZipWith(string sample, params (string Name, string Content)[] extra) => ZipFolder(PathOf(sample), extra);

    public static byte[] ZipFolder(string folder, params (string Name, string Content)[] extra)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (relative.Split('/').Any(part => part is "node_modules" or "__pycache__"))
                {
                    continue;
                }
                archive.CreateEntryFromFile(file, relative);
            }
            foreach (var (name, content) in extra)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The multipart body metacall-deploy sends to <c>/api/package/create</c>.</summary>
    public static MultipartFormDataContent UploadForm(string id, byte[] zip, string jsons = "[]", string runners = "[]")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(id), "id" },
            { new StringContent("application/x-zip-compressed"), "type" },
            { new StringContent(jsons), "jsons" },
            { new StringContent(runners), "runners" },
        };
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/x-zip-compressed");
        form.Add(file, "raw", "blob");
        return form;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "samples")))
        {
            directory = directory.Parent;
        }
        return directory is null
            ? throw new DirectoryNotFoundException("No samples/ folder above the test binaries.")
            : Path.Combine(directory.FullName, "samples");
    }
}
