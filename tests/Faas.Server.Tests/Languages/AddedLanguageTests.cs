using System.Net;
using System.Text.Json;
using Faas.Core.Installers;
using Faas.Core.Languages;
using Faas.Core.Workers;
using Faas.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Server.Tests.Languages;

/// <summary>
/// The language model's promise: a language added by one registration, and nothing else, is listed,
/// detected, deployed and called. The test language runs <c>.njs</c> files on the Node.js worker.
/// </summary>
public sealed class AddedLanguageTests
{
    /// <summary>All a new language is: one class (and its worker, here the Node.js one).</summary>
    private sealed class NjsLanguage : ILanguage
    {
        public LanguageInfo Info { get; } = new("njs", "Node.js scripts", ["nodescript"], [".njs"]);

        public RuntimeRequirement Runtime(WorkerOptions options) =>
            new("Node.js", options.ExecutableFor(Info.Id, "node"), ["--version"], $"Faas:Workers:Executables:{Info.Id}", "apt-get install nodejs",
                [Path.Combine(options.ResolveWorkersDirectory(), "node", "worker.js")]);

        public IReadOnlyList<string> Detect(RootFiles root) => ScriptFiles.WithExtensions(root, Info.Extensions);

        public Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<InstallStep>>([]);

        public Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new WorkerStart(new WorkerCommand(context.Runtime.Executable, [context.WorkerFile("node", "worker.js")])));

        public WorkerStart LimitMemory(WorkerStart start, int megabytes) => start.WithLeadingArguments($"--max-old-space-size={megabytes}");
    }

    private static WebApplicationFactory<Program> WithNjs(FaasAppFactory factory, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(services => services.AddSingleton(new LanguageRegistry([.. LanguageRegistry.Default.All, new NjsLanguage()])));
        });

    private static async Task<HttpClient> ReadyClientAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        while (!(await client.GetAsync("/api/readiness", timeout.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(50, timeout.Token);
        }
        return client;
    }

    [Fact]
    public async Task RegisteredLanguage_ListedDetectedDeployedAndCalled()
    {
        await using var factory = new FaasAppFactory();
        using var server = WithNjs(factory);
        using var client = await ReadyClientAsync(server);

        var runtimes = JsonDocument.Parse(await (await client.GetBoundedAsync("/api/runtimes")).ExpectAsync(HttpStatusCode.OK)).RootElement;
        var njs = runtimes.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "njs");
        Assert.True(njs.GetProperty("available").GetBoolean(), njs.GetRawText());

        await client.DeployZipAsync("detected-njs", TestZip.Create(("calc.njs", "module.exports = { half: (x) => x / 2 };"), ("faas.json", """{"memoryLimitMb":128}""")));
        Assert.Equal("21", await client.CallOkAsync(factory.CallPath("detected-njs", "half"), "[42]"));

        await client.DeployZipAsync("listed-njs", TestZip.Create(
            ("metacall.json", """{"language_id":"NodeScript","path":".","scripts":["calc.njs"]}"""),
            ("calc.njs", "module.exports = { third: (x) => x / 3 };")));
        Assert.Equal("14", await client.CallOkAsync(factory.CallPath("listed-njs", "third"), "[42]"));
        var packages = (await client.InspectAppAsync("listed-njs"))!.Value.GetProperty("packages");
        Assert.Equal(1, packages.GetProperty("njs").GetArrayLength());
    }

    [Fact]
    public async Task RegisteredLanguage_ExecutableMissing_422NamingItsSetting()
    {
        await using var factory = new FaasAppFactory();
        using var server = WithNjs(factory, ("Faas:Workers:Executables:njs", "/nonexistent/node"));
        using var client = await ReadyClientAsync(server);

        await (await client.UploadAsync("missing-njs", TestZip.Create(("calc.njs", "module.exports = { one: () => 1 };"))).Bounded()).ExpectAsync(HttpStatusCode.Created);
        var body = await (await client.DeployAsync("missing-njs").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Node.js is not installed: apt-get install nodejs, or set Faas:Workers:Executables:njs ('/nonexistent/node'", body, StringComparison.Ordinal);
    }
}
