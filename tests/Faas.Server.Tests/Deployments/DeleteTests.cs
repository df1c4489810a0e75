using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Deployments;

/// <summary><c>POST /api/deploy/delete</c>: the app stops answering, its files and its worker processes are gone.</summary>
public sealed class DeleteTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private string Prefix => server.Factory.Prefix;

    [Fact]
    public async Task Delete_ReadyApp_Returns200JsonString()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "del-basic");

        var response = await Client.DeleteAppAsync(Prefix, "del-basic");

        Assert.Equal("\"Deploy Delete Succeed\"", await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await Client.InspectAppAsync("del-basic"));
    }

    [Fact]
    public async Task Delete_ThenCall_Returns404NotDeployed()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "del-call");
        await (await Client.DeleteAppAsync(Prefix, "del-call")).ExpectAsync(HttpStatusCode.OK);

        var response = await Client.CallBoundedAsync(server.CallPath("del-call", "sum"), "[1,2]");

        Assert.Equal(
            "Oops! It looks like the application 'del-call' has not been deployed yet. Please deploy it before you can call its functions.",
            await response.ExpectAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Delete_PythonApp_RemovesAppAndStateFolders()
    {
        await Client.DeploySampleBoundedAsync("python-env", "del-files");
        var appFolder = Path.Combine(server.DataDirectory, "apps", "del-files");
        var stateFolder = Path.Combine(server.DataDirectory, "state", "del-files");
        Assert.True(Directory.Exists(appFolder) && Directory.Exists(stateFolder));

        await (await Client.DeleteAppAsync(Prefix, "del-files")).ExpectAsync(HttpStatusCode.OK);

        Assert.False(Directory.Exists(appFolder), "the app folder is still there");
        Assert.False(Directory.Exists(stateFolder), "the state folder is still there");
    }

    [Fact]
    public async Task Delete_ThenUploadSameName_Works()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "del-again");
        await (await Client.DeleteAppAsync(Prefix, "del-again")).ExpectAsync(HttpStatusCode.OK);

        await Client.DeploySampleBoundedAsync("node-env", "del-again", new[] { new { name = "GREETING", value = "back" } });

        Assert.Equal("\"back, world\"", await Client.CallOkAsync(server.CallPath("del-again", "greeting"), null));
        Assert.Equal(404, (int)(await Client.CallBoundedAsync(server.CallPath("del-again", "sum"), "[1,2]")).StatusCode);
    }

    [Fact]
    public async Task Delete_MixedApp_StopsEveryWorkerProcess()
    {
        await Client.DeploySampleBoundedAsync("mixed", "del-workers");
        var workers = WorkerProcesses.OfApp(server.DataDirectory, "del-workers");
        Assert.Equal(["node", "py"], workers.Select(w => w.Language).Order());

        await (await Client.DeleteAppAsync(Prefix, "del-workers")).ExpectAsync(HttpStatusCode.OK);

        await WorkerProcesses.WaitUntilGoneAsync(workers.Select(w => w.Pid));
        Assert.Empty(WorkerProcesses.OfApp(server.DataDirectory, "del-workers"));
    }

    [Fact]
    public async Task Delete_UploadedButNeverDeployedApp_Works()
    {
        await (await Client.UploadAsync("del-created", Samples.Zip("node-sum")).Bounded()).ExpectAsync(HttpStatusCode.Created);

        await (await Client.DeleteAppAsync(Prefix, "del-created")).ExpectAsync(HttpStatusCode.OK);

        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "apps", "del-created")));
    }

    [Theory]
    [InlineData("del-missing")]
    [InlineData("../apps")]
    public async Task Delete_UnknownSuffix_Returns404(string suffix)
    {
        var response = await Client.DeleteAppAsync(Prefix, suffix);

        await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.True(Directory.Exists(Path.Combine(server.DataDirectory, "apps")));
    }

    [Fact]
    public async Task Delete_BadJson_Returns400()
    {
        var response = await Client.PostRawAsync("/api/deploy/delete", "{", "application/json");

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }
}
