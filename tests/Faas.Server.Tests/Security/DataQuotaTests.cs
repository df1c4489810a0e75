using System.Net;
using System.Net.Http.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>
/// A server with a 600 KB data-folder quota (<c>Faas:Storage:MaxDataBytes</c>): an upload, a clone or a
/// deploy that would pass it answers 413 with the reason and leaves nothing behind; a delete makes room at once.
/// </summary>
public sealed class DataQuotaTests : IAsyncLifetime
{
    // Sized so one upload fits whatever the stores (faas.db and its WAL) already hold, and two never do.
    private const int Quota = 600 * 1024;

    private readonly FaasAppFactory _factory = new();
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory.Settings["Faas:Storage:MaxDataBytes"] = Quota.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _client = await _factory.CreateReadyClientAsync().WaitAsync(TimeSpan.FromSeconds(150), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>A zip of <paramref name="bytes"/> random (incompressible) bytes and a node entry point.</summary>
    private static byte[] ZipOf(int bytes)
    {
        var data = new byte[bytes];
        new Random(bytes).NextBytes(data);
        return TestZip.Create(("index.js", "module.exports = { f: () => 1 };"), ("blob.txt", Convert.ToBase64String(data)[..bytes]));
    }

    private string Staging => Path.Combine(_factory.DataDirectory, "staging");

    private void AssertNothingLeft(string id)
    {
        Assert.Empty(Directory.EnumerateFileSystemEntries(Staging));
        Assert.False(Directory.Exists(Path.Combine(_factory.DataDirectory, "apps", id)));
    }

    [Fact]
    public async Task Upload_PastQuota_Returns413AndLeavesNothing_DeleteMakesRoom()
    {
        await (await _client.UploadAsync("quota-a", ZipOf(310 * 1024)).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var refused = await _client.UploadAsync("quota-b", ZipOf(310 * 1024)).Bounded();

        var text = await refused.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Faas:Storage:MaxDataBytes", text, StringComparison.Ordinal);
        Assert.StartsWith("The upload", text, StringComparison.Ordinal);
        AssertNothingLeft("quota-b");

        await (await _client.DeleteAppAsync(_factory.Prefix, "quota-a")).ExpectAsync(HttpStatusCode.OK);
        await (await _client.UploadAsync("quota-b", ZipOf(310 * 1024)).Bounded()).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Deploy_VersionPastQuota_Returns413AndKeepsTheSource()
    {
        await (await _client.UploadAsync("quota-d", ZipOf(310 * 1024)).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var refused = await _client.DeployAsync("quota-d").Bounded(HubApi.DeployTimeout);

        var text = await refused.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("A new version of 'quota-d'", text, StringComparison.Ordinal);
        Assert.Equal(["source"], Directory.EnumerateDirectories(Path.Combine(_factory.DataDirectory, "apps", "quota-d")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RepositoryAdd_ClonePastQuota_Returns413AndLeavesNothing()
    {
        using var repository = await LocalGitRepository.CreateAsync("quota-owner", "big");
        repository.Write("index.js", "module.exports = { f: () => 1 };");
        repository.Write("blob.txt", Convert.ToBase64String(new byte[800 * 1024]));
        await repository.CommitAllAsync("big");

        var refused = await _client.PostAsJsonAsync("/api/repository/add", new { url = repository.Path, branch = "main", jsons = Array.Empty<object>() }, Ct).Bounded();

        var text = await refused.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.StartsWith("The clone", text, StringComparison.Ordinal);
        AssertNothingLeft("quota-owner-big");
    }
}
