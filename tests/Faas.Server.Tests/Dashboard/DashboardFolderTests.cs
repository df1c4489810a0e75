using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Faas.Server.Tests.Dashboard;

/// <summary>A folder picked (or dropped) on the dashboard, zipped in the browser by zip.js and deployed like a zip, on a real server with real Node.js workers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardFolderTests(SmallUploadDashboardServerFixture fixture) : IClassFixture<SmallUploadDashboardServerFixture>, IDisposable
{
    private const float DeployTimeout = 120_000;

    private readonly string root = TempDirectory.Create("faas-dashboard-folder");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploy_FolderPicked_DeploysItNamedAfterTheFolderWithoutSkippedEntries()
    {
        var folder = WriteFolder("folder-app", new Dictionary<string, string>
        {
            ["metacall.json"] = """{"language_id":"node","path":".","scripts":["index.js"]}""",
            ["index.js"] = "const { twice } = require('./lib/twice'); module.exports = { greet: (name) => `héllo ${twice(name)}` };",
            ["lib/twice.js"] = "module.exports = { twice: (s) => s + s };",
            ["node_modules/left-out/index.js"] = "module.exports = 1;",
            [".env"] = "SECRET=left-out",
            [".git/HEAD"] = "ref: refs/heads/main",
        });
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(Deploy_FolderPicked_DeploysItNamedAfterTheFolderWithoutSkippedEntries), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await page.Locator("#deploy-folder").SetInputFilesAsync(folder);
            await Expect(page.Locator("#deploy-name")).ToHaveValueAsync("folder-app");
            await Expect(page.Locator("#deploy-form .drop")).ToContainTextAsync("folder-app/ (3 files");
            await page.Locator("#deploy").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("folder-app", new() { Timeout = DeployTimeout });
            await Expect(page.Locator("#functions")).ToContainTextAsync("greet");
            Assert.Equal("\"héllo abab\"", await CallAsync("folder-app", "greet", "[\"ab\"]"));
            using (var version = JsonDocument.Parse(await GetAsync("/api/apps/folder-app/versions/v1")))
            {
                Assert.Equal(["index.js", "lib/twice.js", "metacall.json"],
                    version.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Order(StringComparer.Ordinal));
            }

            // The Versions tab's upload takes a folder the same way: the next version of this app, whatever the folder's name.
            File.WriteAllText(Path.Combine(folder, "lib", "twice.js"), "module.exports = { twice: (s) => s + s + s };");
            await page.Locator("#tab-versions").ClickAsync();
            await page.Locator("#version-folder").SetInputFilesAsync(folder);
            await page.Locator("#deploy-version").ClickAsync();
            await Expect(page.Locator("#versions tr[data-version=v2]")).ToContainTextAsync("active", new() { Timeout = DeployTimeout });
            Assert.Equal("\"héllo ababab\"", await CallAsync("folder-app", "greet", "[\"ab\"]"));
        });
    }

    [Fact]
    public async Task Deploy_FolderOverTheUploadLimit_IsRefusedBeforeSending()
    {
        var folder = WriteFolder("too-big", new Dictionary<string, string>
        {
            ["metacall.json"] = """{"language_id":"node","path":".","scripts":["index.js"]}""",
            ["index.js"] = "module.exports = { big: () => require('./data.json').length };",
            ["data.json"] = JsonSerializer.Serialize(new string('x', (int)SmallUploadDashboardServerFixture.MaxUploadBytes)),
        });
        await using var browser = await DashboardBrowser.LaunchAsync();
        var puts = 0;
        browser.Page.Request += (_, request) => { if (request.Method == "PUT") { Interlocked.Increment(ref puts); } };
        await browser.RunAsync(nameof(Deploy_FolderOverTheUploadLimit_IsRefusedBeforeSending), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await page.Locator("#deploy-folder").SetInputFilesAsync(folder);
            await page.Locator("#deploy").ClickAsync();
            var error = page.Locator("#deploy-form .error-box");
            await Expect(error).ToContainTextAsync("too-big is 65 KiB: this server accepts uploads up to 64 KiB");
            await Expect(error).ToContainTextAsync("Nothing was sent.");
        });
        Assert.Equal(0, puts);
        using var missing = await fixture.Http.GetBoundedAsync("/api/apps/too-big");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Zip_DroppedFolderEntry_IsAValidArchiveOfItsFilesWithoutSkippedOnes()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(Zip_DroppedFolderEntry_IsAValidArchiveOfItsFilesWithoutSkippedOnes), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Apps");
            // FileSystemDirectoryEntry stand-ins, as a drop gives them: readEntries answers in batches until an empty one.
            var zipped = await page.EvaluateAsync<string>("""
                async () => {
                  const file = (name, text) => ({ name, isFile: true, isDirectory: false, file: (ok) => ok(new File([text], name, { lastModified: Date.UTC(2026, 10, 30, 12, 0, 0) })) });
                  const dir = (name, children) => ({ name, isFile: false, isDirectory: true, createReader: () => {
                    const batches = [children.slice(0, 2), children.slice(2), []];
                    return { readEntries: (ok) => ok(batches.shift()) };
                  } });
                  const root = dir('dropped', [
                    file('index.js', 'module.exports = {};'),
                    dir('lib', [file('ünïcode.js', 'héllo'), dir('empty', []), file('build', 'a file named build is kept')]),
                    dir('node_modules', [file('x.js', 'left out')]),
                    file('.hidden', 'left out'),
                    dir('build', [file('out.js', 'left out')]),
                  ]);
                  const folder = await window.FaasZip.fromEntry(root);
                  const blob = await window.FaasZip.zip(folder.files);
                  const bytes = new Uint8Array(await blob.arrayBuffer());
                  let binary = '';
                  for (const b of bytes) binary += String.fromCharCode(b);
                  return folder.name + ':' + btoa(binary);
                }
                """);
            var name = zipped[..zipped.IndexOf(':', StringComparison.Ordinal)];
            Assert.Equal("dropped", name);

            using var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(zipped[(name.Length + 1)..])), ZipArchiveMode.Read);
            Assert.Equal(["index.js", "lib/build", "lib/ünïcode.js"], zip.Entries.Select(e => e.FullName));
            var unicode = zip.GetEntry("lib/ünïcode.js")!;
            // CRC-32 (ISO-HDLC) of the UTF-8 bytes of "héllo", as zlib.crc32 computes it.
            Assert.Equal(0x9E3B8236u, unicode.Crc32);
            Assert.Equal("héllo", await ReadAsync(unicode));
            Assert.Equal("module.exports = {};", await ReadAsync(zip.GetEntry("index.js")!));
            Assert.Equal("a file named build is kept", await ReadAsync(zip.GetEntry("lib/build")!));
            Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));
            Assert.Equal(new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc).ToLocalTime(), zip.GetEntry("index.js")!.LastWriteTime.DateTime);
        });
    }

    public void Dispose() => TempDirectory.Delete(root);

    private string WriteFolder(string name, IReadOnlyDictionary<string, string> files)
    {
        var folder = Path.Combine(root, name);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        return folder;
    }

    private static async Task<string> ReadAsync(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private Task<string> CallAsync(string app, string function, string json) =>
        fixture.Http.CallOkAsync($"/{ServerProcess.Prefix}/{app}/latest/call/{function}", json);

    private async Task<string> GetAsync(string path) => await (await fixture.Http.GetBoundedAsync(path)).ExpectAsync(HttpStatusCode.OK);
}
