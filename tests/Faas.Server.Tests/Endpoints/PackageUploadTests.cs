using System.Net;
using System.Net.Http.Headers;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary><c>POST /api/package/create</c> with good uploads: ids, field order, jsons, names already taken.</summary>
public sealed class PackageUploadTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Upload_SampleZip_Returns201WithId()
    {
        var response = await Client.UploadAsync("up-basic", Samples.Zip("node-sum")).Bounded();

        Assert.Equal("""{"id":"up-basic"}""", await response.ExpectAsync(HttpStatusCode.Created));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "apps", "up-basic", "source", "index.js")));
    }

    [Fact]
    public async Task Upload_FilePartBeforeId_IsAcceptedAndDeployable()
    {
        var file = new ByteArrayContent(Samples.Zip("node-sum"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var form = new MultipartFormDataContent
        {
            { file, "raw", "up-order.zip" },
            { new StringContent("[]"), "runners" },
            { new StringContent("[]"), "jsons" },
            { new StringContent("application/x-zip-compressed"), "type" },
            { new StringContent("up-order"), "id" },
        };

        var upload = await Client.PostAsync("/api/package/create", form, TestContext.Current.CancellationToken).Bounded();

        Assert.Equal("""{"id":"up-order"}""", await upload.ExpectAsync(HttpStatusCode.Created));
        await (await Client.DeployAsync("up-order").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("3", await Client.CallOkAsync(server.CallPath("up-order", "sum"), "[1,2]"));
    }

    [Fact]
    public async Task Upload_JsonsWithoutMetacallJson_WritesManifestAndUsesIt()
    {
        var zip = TestZip.Create(("index.js", "module.exports = { hi: () => 'hi from jsons' };"));

        await Client.DeployZipAsync("up-jsons", zip, jsons: """[{"language_id":"node","path":".","scripts":["index.js"]}]""");

        var written = Path.Combine(server.DataDirectory, "apps", "up-jsons", "source", "metacall-node.json");
        Assert.True(File.Exists(written), "metacall-node.json was not written");
        Assert.Contains("index.js", await File.ReadAllTextAsync(written, TestContext.Current.CancellationToken));
        Assert.Equal("\"hi from jsons\"", await Client.CallOkAsync(server.CallPath("up-jsons", "hi"), null));
    }

    [Fact]
    public async Task Upload_NameOfReadyApp_Returns400AlreadyDeployed()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "up-taken");

        var response = await Client.UploadAsync("up-taken", Samples.Zip("node-env")).Bounded();

        Assert.Equal("There is an application with name 'up-taken' already deployed, delete it first.",
            await response.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Equal("3", await Client.CallOkAsync(server.CallPath("up-taken", "sum"), "[1,2]"));
    }

    [Fact]
    public async Task Upload_NameUploadedButNotDeployed_CanBeUploadedAgain()
    {
        await (await Client.UploadAsync("up-again", Samples.Zip("node-sum")).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var again = await Client.UploadAsync("up-again", Samples.Zip("node-env")).Bounded();

        Assert.Equal("""{"id":"up-again"}""", await again.ExpectAsync(HttpStatusCode.Created));
        await (await Client.DeployAsync("up-again").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"hello, world\"", await Client.CallOkAsync(server.CallPath("up-again", "greeting"), null));
    }

    [Fact]
    public async Task Upload_TarGzSentAsZip_IsDetectedByContentAndDeployable()
    {
        var tarGz = TestZip.TarGz(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["lib/index.js"]}"""),
            ("lib/index.js", "module.exports = { hi: () => 'hi from tar.gz' };"));

        await Client.DeployZipAsync("up-targz", tarGz);

        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "apps", "up-targz", "source", "lib", "index.js")));
        Assert.Equal("\"hi from tar.gz\"", await Client.CallOkAsync(server.CallPath("up-targz", "hi"), null));
    }
}
