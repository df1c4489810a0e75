using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary>
/// <c>POST /api/package/create</c> with bad uploads: each is refused with 400, writes nothing outside
/// the data folder's apps, and leaves the apps already deployed answering calls.
/// </summary>
public sealed class PackageUploadRejectionTests(PackageUploadRejectionTests.Fixture server) : IClassFixture<PackageUploadRejectionTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await Client.DeploySampleBoundedAsync("node-sum", "rej-sentinel");
        }
    }

    private HttpClient Client => server.Client;

    public static TheoryData<string> InvalidIds => ["../evil", "a/b", ".hidden", "", new string('a', 200)];

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task Upload_InvalidId_Returns400AndWritesNothingOutsideApps(string id)
    {
        var before = Snapshot();

        var response = await Client.UploadAsync(id, Samples.Zip("node-sum")).Bounded();

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, Snapshot());
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "evil")));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(server.DataDirectory)!, "evil")));
        await AssertSentinelAnswersAsync();
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"language_id":"node"}""")]
    [InlineData("""[{"path":".","scripts":["index.js"]}]""")]
    public async Task Upload_MalformedJsons_Returns400(string jsons)
    {
        var response = await Client.UploadAsync("rej-jsons", Samples.Zip("node-sum"), jsons).Bounded();

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "apps", "rej-jsons")));
        await AssertSentinelAnswersAsync();
    }

    [Fact]
    public async Task Upload_NoFilePart_Returns400()
    {
        var form = new MultipartFormDataContent { { new StringContent("rej-nofile"), "id" }, { new StringContent("[]"), "jsons" } };

        var response = await Client.PostAsync("/api/package/create", form, TestContext.Current.CancellationToken).Bounded();

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        await AssertSentinelAnswersAsync();
    }

    [Fact]
    public async Task Upload_NotMultipart_Returns400()
    {
        var response = await Client.PostRawAsync("/api/package/create", """{"id":"rej-json"}""", "application/json");

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        await AssertSentinelAnswersAsync();
    }

    [Fact]
    public async Task Upload_TruncatedZip_Returns400()
    {
        var zip = Samples.Zip("node-sum");

        var response = await Client.UploadAsync("rej-truncated", zip[..(zip.Length / 2)]).Bounded();

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "apps", "rej-truncated")));
        await AssertSentinelAnswersAsync();
    }

    [Fact]
    public async Task Upload_RandomBytes_Returns400()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        var response = await Client.UploadAsync("rej-random", bytes).Bounded();

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "apps", "rej-random")));
        await AssertSentinelAnswersAsync();
    }

    [Theory]
    [InlineData("../../evil.js")]
    [InlineData("../../../evil.js")]
    [InlineData("/abs/path.js")]
    [InlineData("ok/../../../../evil.js")]
    public async Task Upload_ZipSlipEntry_Returns400AndCreatesNothingOutside(string entry)
    {
        var marker = $"rej-slip-{Guid.NewGuid():N}";
        var zip = TestZip.Create(("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = {};"), (entry, marker));
        var before = Snapshot();

        var response = await Client.UploadAsync("rej-slip", zip).Bounded();

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, Snapshot());
        var dataParent = Path.GetDirectoryName(server.DataDirectory)!;
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "evil.js")));
        Assert.False(File.Exists(Path.Combine(dataParent, "evil.js")));
        Assert.False(File.Exists("/abs/path.js"));
        Assert.DoesNotContain(Directory.EnumerateFiles(server.DataDirectory, "*.js", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains(marker, StringComparison.Ordinal));
        await AssertSentinelAnswersAsync();
    }

    [Fact]
    public async Task Upload_OctetStreamFilePart_IsAccepted()
    {
        var file = new ByteArrayContent(Samples.Zip("node-sum"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { new StringContent("rej-octet"), "id" }, { file, "raw", "rej-octet.zip" } };

        var response = await Client.PostAsync("/api/package/create", form, TestContext.Current.CancellationToken).Bounded();

        Assert.Equal("""{"id":"rej-octet"}""", await response.ExpectAsync(HttpStatusCode.Created));
    }

    [Fact]
    public async Task Upload_EmptyFilePart_Returns400WithMessage()
    {
        var before = Snapshot();

        var response = await Client.UploadAsync("rej-empty", []).Bounded();

        Assert.Contains("empty", await response.ExpectAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        await AssertSentinelAnswersAsync();
    }

    [Fact]
    public async Task Upload_EntryNameOf300Characters_Returns400WithMessage()
    {
        var zip = TestZip.Create(("index.js", "module.exports = {};"), (new string('n', 300) + ".js", "1"));
        var before = Snapshot();

        var response = await Client.UploadAsync("rej-longname", zip).Bounded();

        Assert.Contains("too long", await response.ExpectAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        await AssertSentinelAnswersAsync();
    }

    [Theory]
    [InlineData("lib", "lib/util.js")]
    [InlineData("lib/util.js", "lib")]
    public async Task Upload_FileAndFolderWithSameName_Returns400WithMessage(string first, string second)
    {
        var zip = TestZip.Create(("index.js", "module.exports = {};"), (first, "1"), (second, "2"));
        var before = Snapshot();

        var response = await Client.UploadAsync("rej-samename", zip).Bounded();

        Assert.Equal("The package holds both a file and a folder named 'lib'.", await response.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, Snapshot());
        await AssertSentinelAnswersAsync();
    }

    [Fact]
    public async Task Upload_ZipBombOf1GB_Returns413AndLeavesNothing()
    {
        // ~1 GB of zeros in 8 entries (each under the size limit) compressed to ~1 MB.
        var bomb = TestZip.Bomb(entries: 8, entryBytes: 128 << 20);
        var before = Snapshot();

        var response = await Client.UploadAsync("rej-bomb", bomb).Bounded();

        Assert.Contains("expands more than 200 times its compressed size", await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        await AssertSentinelAnswersAsync();
    }

    /// <summary>Every file and folder of the data directory except the deployed apps' logs, and the staging folder's emptiness.</summary>
    private string Snapshot()
    {
        var entries = Directory.EnumerateFileSystemEntries(server.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(server.DataDirectory, p))
            .Where(p => !p.EndsWith("app.log", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return string.Join('\n', entries);
    }

    private async Task AssertSentinelAnswersAsync() =>
        Assert.Equal("3", await Client.CallOkAsync(server.CallPath("rej-sentinel", "sum"), "[1,2]"));
}
