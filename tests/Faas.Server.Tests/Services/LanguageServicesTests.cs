using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Services;

/// <summary>The <c>faas</c> module of Node.js, TypeScript, Python, Ruby and C# functions (docs/services.md) through the Hub call route, real workers.</summary>
public sealed class LanguageServicesTests
{
    private const string Node = """
        const faas = require('faas');
        module.exports = {
          async kvRoundTrip(key, value) {
            const ok = await faas.kv.set(key, value);
            const got = await faas.kv.get(key);
            const keys = await faas.kv.list('rt:');
            const deleted = await faas.kv.delete(key);
            return { ok, got, keys, deleted, after: await faas.kv.get(key) };
          },
          async envRoundTrip() {
            const before = await faas.env.get('GREETING');
            await faas.env.set('ADDED', 'yes');
            const added = await faas.env.get('ADDED');
            const deleted = await faas.env.delete('ADDED');
            return { before, added, deleted, after: await faas.env.get('ADDED') };
          },
          logs() { faas.log.warn('node says', 42); return true; },
          async tooBig() {
            try { await faas.kv.set('big', 'x'.repeat(1024 * 1024 + 1)); return 'stored'; } catch (e) { return e.message; }
          },
        };
        """;

    private const string TypeScript = """
        import faas from 'faas';
        export async function visit(page: string): Promise<number> {
          const count = Number((await faas.kv.get(`visits:${page}`)) ?? 0) + 1;
          await faas.kv.set(`visits:${page}`, count);
          return count;
        }
        """;

    private const string Python = """
        import faas

        def kv_round_trip(key, value):
            ok = faas.kv.set(key, value)
            got = faas.kv.get(key)
            keys = faas.kv.list("rt:")
            deleted = faas.kv.delete(key)
            return {"ok": ok, "got": got, "keys": keys, "deleted": deleted, "after": faas.kv.get(key)}

        def env_round_trip():
            before = faas.env.get("GREETING")
            faas.env.set("ADDED", "yes")
            added = faas.env.get("ADDED")
            deleted = faas.env.delete("ADDED")
            return {"before": before, "added": added, "deleted": deleted, "after": faas.env.get("ADDED")}

        async def kv_async(key):
            faas.kv.set(key, "from a coroutine")
            return faas.kv.get(key)

        def logs():
            faas.log.warn("python says", 42)
            return True

        def too_big():
            try:
                faas.kv.set("big", "x" * (1024 * 1024 + 1))
                return "stored"
            except faas.FaasError as e:
                return str(e)
        """;

    private const string Ruby = """
        require 'faas'

        def kv_round_trip(key, value)
          ok = Faas.kv.set(key, value)
          got = Faas.kv.get(key)
          keys = Faas.kv.list('rt:')
          deleted = Faas.kv.delete(key)
          { 'ok' => ok, 'got' => got, 'keys' => keys, 'deleted' => deleted, 'after' => Faas.kv.get(key) }
        end

        def env_round_trip
          before = Faas.env.get('GREETING')
          Faas.env.set('ADDED', 'yes')
          added = Faas.env.get('ADDED')
          deleted = Faas.env.delete('ADDED')
          { 'before' => before, 'added' => added, 'deleted' => deleted, 'after' => Faas.env.get('ADDED') }
        end

        def logs
          Faas.log.warn('ruby says', 42)
          true
        end

        def too_big
          Faas.kv.set('big', 'x' * (1024 * 1024 + 1))
          'stored'
        rescue Faas::FaasError => e
          e.message
        end

        # Top-level code runs at load, on the thread that reads the worker's input.
        Faas.kv.set('loaded', 'yes')
        """;

    private const string CSharp = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public static class Services
        {
            public static Dictionary<string, object?> KvRoundTrip(string key, string value)
            {
                var ok = Faas.Kv.Set(key, value);
                var got = Faas.Kv.Get(key);
                var keys = Faas.Kv.List("rt:");
                var deleted = Faas.Kv.Delete(key);
                return new() { ["ok"] = ok, ["got"] = got, ["keys"] = keys, ["deleted"] = deleted, ["after"] = Faas.Kv.Get(key) };
            }

            public static async Task<Dictionary<string, object?>> EnvRoundTrip()
            {
                var before = await Faas.Env.GetAsync("GREETING");
                await Faas.Env.SetAsync("ADDED", "yes");
                var added = await Faas.Env.GetAsync("ADDED");
                var deleted = await Faas.Env.DeleteAsync("ADDED");
                return new() { ["before"] = before, ["added"] = added, ["deleted"] = deleted, ["after"] = await Faas.Env.GetAsync("ADDED") };
            }

            public static bool Logs()
            {
                Faas.Log.Warn("csharp says 42");
                return true;
            }

            public static string TooBig()
            {
                try
                {
                    Faas.Kv.Set("big", new string('x', 1024 * 1024 + 1));
                    return "stored";
                }
                catch (Faas.FaasException e)
                {
                    return e.Message;
                }
            }
        }
        """;

    private static readonly object Env = new[] { new { name = "GREETING", value = "hi" } };

    private static void AssertRoundTrips(JsonElement kv, JsonElement env)
    {
        Assert.True(kv.GetProperty("ok").GetBoolean());
        Assert.Equal("v1", kv.GetProperty("got").GetString());
        Assert.Equal(["rt:one"], kv.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.True(kv.GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, kv.GetProperty("after").ValueKind);
        Assert.Equal("hi", env.GetProperty("before").GetString());
        Assert.Equal("yes", env.GetProperty("added").GetString());
        Assert.True(env.GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, env.GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task Node_KvEnvLog_ThroughRequireFaas()
    {
        await using var factory = new FaasAppFactory();
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeployZipAsync("svc-node", TestZip.NodeApp(Node), env: Env);

        var kv = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("svc-node", "kvRoundTrip"), """["rt:one","v1"]""")).RootElement;
        var env = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("svc-node", "envRoundTrip"), "[]")).RootElement;
        AssertRoundTrips(kv, env);
        Assert.Contains("1048576", await client.CallOkAsync(factory.CallPath("svc-node", "tooBig"), "[]"), StringComparison.Ordinal);
        Assert.Equal("true", await client.CallOkAsync(factory.CallPath("svc-node", "logs"), "[]"));
        await client.WaitForLogAsync("svc-node", "[log] WARN node says 42");
    }

    [Fact]
    public async Task TypeScript_ImportFaas_CountsInKv()
    {
        await using var factory = new FaasAppFactory();
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeployZipAsync("svc-ts", TestZip.Create(("index.ts", TypeScript)));

        Assert.Equal("1", await client.CallOkAsync(factory.CallPath("svc-ts", "visit"), """["home"]"""));
        Assert.Equal("2", await client.CallOkAsync(factory.CallPath("svc-ts", "visit"), """["home"]"""));
        Assert.Equal("2", await (await client.GetBoundedAsync("/api/apps/svc-ts/kv/visits:home")).ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Ruby_KvEnvLog_ThroughRequireFaas()
    {
        await using var factory = new FaasAppFactory();
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeployZipAsync("svc-rb", TestZip.Create(("main.rb", Ruby)), env: Env);

        var kv = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("svc-rb", "kv_round_trip"), """["rt:one","v1"]""")).RootElement;
        var env = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("svc-rb", "env_round_trip"), "[]")).RootElement;
        AssertRoundTrips(kv, env);
        Assert.Contains("1048576", await client.CallOkAsync(factory.CallPath("svc-rb", "too_big"), "[]"), StringComparison.Ordinal);
        Assert.Equal("yes", await (await client.GetBoundedAsync("/api/apps/svc-rb/kv/loaded")).ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("true", await client.CallOkAsync(factory.CallPath("svc-rb", "logs"), "[]"));
        await client.WaitForLogAsync("svc-rb", "[log] WARN ruby says 42");
    }

    [Fact]
    public async Task CSharp_KvEnvLog_ThroughTheFaasNamespace()
    {
        await using var factory = new FaasAppFactory();
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeployZipAsync("svc-cs", TestZip.Create(("metacall.json", """{"language_id":"cs","path":".","scripts":["Services.cs"]}"""), ("Services.cs", CSharp)), env: Env);

        var kv = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("svc-cs", "KvRoundTrip"), """["rt:one","v1"]""")).RootElement;
        var env = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("svc-cs", "EnvRoundTrip"), "[]")).RootElement;
        AssertRoundTrips(kv, env);
        Assert.Contains("1048576", await client.CallOkAsync(factory.CallPath("svc-cs", "TooBig"), "[]"), StringComparison.Ordinal);
        Assert.Equal("true", await client.CallOkAsync(factory.CallPath("svc-cs", "Logs"), "[]"));
        await client.WaitForLogAsync("svc-cs", "[log] WARN csharp says 42");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("4")]
    public async Task Python_KvEnvLog_ThroughImportFaas(string concurrency)
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:Pools:ConcurrencyPerWorker:py"] = concurrency;
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeployZipAsync("svc-py", TestZip.PythonApp(Python), env: Env);

        var kv = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("svc-py", "kv_round_trip"), """["rt:one","v1"]""")).RootElement;
        var env = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("svc-py", "env_round_trip"), "[]")).RootElement;
        AssertRoundTrips(kv, env);
        Assert.Equal("\"from a coroutine\"", await client.CallOkAsync(factory.CallPath("svc-py", "kv_async"), """["co"]"""));
        Assert.Contains("1048576", await client.CallOkAsync(factory.CallPath("svc-py", "too_big"), "[]"), StringComparison.Ordinal);
        Assert.Equal("true", await client.CallOkAsync(factory.CallPath("svc-py", "logs"), "[]"));
        await client.WaitForLogAsync("svc-py", "[log] WARN python says 42");
        // Many calls at once: an ordered worker has calls queued behind the one waiting for its replies.
        var calls = Enumerable.Range(0, 12).Select(i => client.CallOkAsync(factory.CallPath("svc-py", "kv_round_trip"), $$"""["rt:{{i}}","v{{i}}"]""")).ToList();
        foreach (var (reply, i) in (await Task.WhenAll(calls)).Select((r, i) => (r, i)))
        {
            Assert.Equal($"v{i}", JsonDocument.Parse(reply).RootElement.GetProperty("got").GetString());
        }
    }
}
