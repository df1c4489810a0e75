using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>
/// A function attacks its neighbours and the machine, with real Python workers: other apps' files and
/// deploy-time secrets, the server's environment, the user's home, the network when the app has none,
/// memory and process bombs. The file and network tests need bubblewrap (CI installs it).
/// </summary>
public sealed class IsolationTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private const string Sample = "python-probe";
    private static readonly bool HasBwrap = File.Exists("/usr/bin/bwrap");

    private HttpClient Client => server.Client;

    private async Task<string> CallAsync(string app, string function, string json) =>
        await Client.CallOkAsync(server.CallPath(app, function), json);

    private async Task DeployProbeAsync(string id, string? faasJson = null, object? env = null) =>
        await Client.DeployZipAsync(id, faasJson is null ? Samples.Zip(Sample) : Samples.ZipWith(Sample, ("faas.json", faasJson)), env: env);

    private static string Json(string value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task Call_ReadsAnotherAppsFilesAndSecrets_IsDenied()
    {
        Assert.SkipUnless(HasBwrap, "needs bubblewrap (apt-get install bubblewrap)");
        var secret = Guid.NewGuid().ToString("N");
        await DeployProbeAsync("iso-victim", env: new[] { new { name = "VICTIM_SECRET", value = secret } });
        await DeployProbeAsync("iso-thief");
        var data = server.DataDirectory;

        var ownFile = await CallAsync("iso-thief", "read", $"[{Json(Path.Combine(data, "apps", "iso-thief", "v1", "main.py"))}]");
        var victimFile = await CallAsync("iso-thief", "read", $"[{Json(Path.Combine(data, "apps", "iso-victim", "v1", "main.py"))}]");
        var victimRecord = await CallAsync("iso-thief", "read", $"[{Json(Path.Combine(data, "state", "iso-victim", "app.json"))}]");
        var relativeRecord = await CallAsync("iso-thief", "read", $"[{Json("../../../state/iso-victim/app.json")}]");
        var ownRecord = await CallAsync("iso-thief", "read", $"[{Json(Path.Combine(data, "state", "iso-thief", "app.json"))}]");
        var apps = await CallAsync("iso-thief", "listdir", $"[{Json(Path.Combine(data, "apps"))}]");

        Assert.StartsWith("\"READ:", ownFile);
        Assert.StartsWith("\"DENIED:", victimFile);
        Assert.StartsWith("\"DENIED:", victimRecord);
        Assert.StartsWith("\"DENIED:", relativeRecord);
        Assert.StartsWith("\"DENIED:", ownRecord);
        Assert.Equal("\"LISTED:iso-thief\"", apps);
        Assert.Contains(secret, File.ReadAllText(Path.Combine(data, "state", "iso-victim", "app.json")));
        Assert.Equal(Json(secret), await CallAsync("iso-victim", "env", "[\"VICTIM_SECRET\"]"));
    }

    [Fact]
    public async Task Call_ReadsTheUsersHome_IsDenied()
    {
        Assert.SkipUnless(HasBwrap, "needs bubblewrap (apt-get install bubblewrap)");
        var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var marker = Path.Combine(userHome, $".faas-isolation-{Guid.NewGuid():N}");
        File.WriteAllText(marker, "private");
        try
        {
            await DeployProbeAsync("iso-home");

            Assert.StartsWith("\"DENIED:", await CallAsync("iso-home", "read", $"[{Json(marker)}]"));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task Call_ReadsTheServersEnvironment_SeesOnlyItsOwn()
    {
        var marker = "FAAS_TEST_SERVER_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(marker, "server-only");
        try
        {
            await DeployProbeAsync("iso-env", env: new[] { new { name = "APP_OWN", value = "mine" } });

            Assert.Equal("\"<unset>\"", await CallAsync("iso-env", "env", $"[{Json(marker)}]"));
            Assert.Equal("\"mine\"", await CallAsync("iso-env", "env", "[\"APP_OWN\"]"));
            var names = JsonSerializer.Deserialize<string[]>(await CallAsync("iso-env", "env_names", "[]"))!;
            Assert.DoesNotContain(marker, names);
            Assert.DoesNotContain("DOTNET_ROOT", names);
            Assert.Contains("PATH", names);
        }
        finally
        {
            Environment.SetEnvironmentVariable(marker, null);
        }
    }

    [Fact]
    public async Task Call_Home_IsTheVersionsOwnWritableScratchFolder()
    {
        await DeployProbeAsync("iso-scratch");

        var home = JsonSerializer.Deserialize<string>(await CallAsync("iso-scratch", "home", "[]"))!;
        var written = JsonSerializer.Deserialize<string>(await CallAsync("iso-scratch", "write_home", "[\"note.txt\"]"))!;

        Assert.NotEqual(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), home);
        Assert.Equal(Path.Combine(server.DataDirectory, "state", "iso-scratch", "v1", "scratch", "home"), home);
        Assert.Equal("ok", File.ReadAllText(written));
    }

    [Fact]
    public async Task Call_NetworkOffForTheApp_CannotConnectWhileTheDefaultCan()
    {
        Assert.SkipUnless(HasBwrap, "needs bubblewrap (apt-get install bubblewrap)");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        await DeployProbeAsync("iso-net-on");
        await DeployProbeAsync("iso-net-off", """{"network":false}""");

        Assert.Equal("\"CONNECTED\"", await CallAsync("iso-net-on", "connect", $"[{port}]"));
        Assert.StartsWith("\"FAILED:", await CallAsync("iso-net-off", "connect", $"[{port}]"));
    }

    [Fact]
    public async Task Call_AllocatesOneGigabyte_FailsUnderTheDefaultLimitAndTheAppKeepsServing()
    {
        await DeployProbeAsync("iso-memory");

        var response = await Client.CallBoundedAsync(server.CallPath("iso-memory", "hog_mb"), "[1024]");

        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway, $"status {(int)response.StatusCode}: {await response.TextAsync()}");
        Assert.Equal("1048576", await CallAsync("iso-memory", "hog_mb", "[1]"));
    }

    [Fact]
    public async Task Call_NodeBufferPastTheHeapLimit_IsKilledByTheMemoryCgroupAndTheAppKeepsServing()
    {
        Assert.SkipUnless(Faas.Core.Processes.Cgroups.CanLimitMemory, "no memory cgroup can be made here (the server is not root, or cgroups are read-only)");
        // V8's heap limit (128 MiB) does not see Buffers: the worker's memory cgroup (2 x 128 + 256 MiB) does.
        await Client.DeployZipAsync("iso-buffer", TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = { fill: (mb) => Buffer.alloc(mb * 1024 * 1024, 1).length, ok: () => 'ok' };"),
            ("faas.json", """{"memoryLimitMb":128}""")));

        var response = await Client.CallBoundedAsync(server.CallPath("iso-buffer", "fill"), "[1024]");

        var body = await response.ExpectAsync(HttpStatusCode.BadGateway);
        Assert.Contains("killed by signal 9", body);
        Assert.Equal("\"ok\"", await CallAsync("iso-buffer", "ok", "[]"));
    }

    [Fact]
    public async Task Call_ForkBomb_IsStoppedByTheProcessLimitAndCleanedUp()
    {
        // Root ignores RLIMIT_NPROC: then only a pids cgroup limits processes.
        Assert.SkipWhen(!Faas.Core.Processes.Cgroups.CanLimitProcesses && (Environment.IsPrivilegedProcess || !HasBwrap),
            "no process limit here: running as root without a writable pids cgroup, or without bubblewrap");
        var seconds = Random.Shared.Next(600, 900).ToString(CultureInfo.InvariantCulture);
        await DeployProbeAsync("iso-fork", """{"maxProcesses":32}""");

        var result = JsonSerializer.Deserialize<JsonElement>(await CallAsync("iso-fork", "spawn", $"[200, {seconds}]"));

        var started = result.GetProperty("started").GetInt32();
        Assert.True(started < 32, $"{started} children started under a limit of 32");
        Assert.NotEqual(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        var children = await OsProcesses.WithCommandLineAsync(started, TimeSpan.FromSeconds(10), "sleep", seconds);
        Assert.Equal(started, children.Count);
        await (await Client.DeleteAppAsync(server.Factory.Prefix, "iso-fork")).ExpectAsync(HttpStatusCode.OK);
        await OsProcesses.WaitUntilGoneAsync(children, TimeSpan.FromSeconds(10));
    }
}
