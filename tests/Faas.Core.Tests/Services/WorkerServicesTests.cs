using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Faas.Core.Deployments;
using Faas.Core.Executions;
using Faas.Core.Logging;
using Faas.Core.Rpc;
using Faas.Core.Services;
using Faas.Core.Storage;

namespace Faas.Core.Tests.Services;

/// <summary>
/// Real workers (Lua, Node.js, Python threaded and ordered, Ruby) calling the platform services back over their
/// pipe: log lines land on the execution the call carried, KV writes reach the store, pipelined calls
/// queued behind one waiting for its reply still run in order.
/// </summary>
public sealed class WorkerServicesTests : IAsyncDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("faas-services-").FullName;
    private readonly RecordingLog _executions = new();
    private readonly KvStore _kv;
    private readonly AppLog _appLog;
    private readonly PlatformServices _services;

    public WorkerServicesTests()
    {
        var layout = new DataLayout(_data);
        _kv = new KvStore(layout, new ServiceOptions());
        _services = new PlatformServices(_kv, new AppEnvironment(new EnvStore(layout), new DeploymentRegistry()), _executions, new ServiceOptions(), TimeProvider.System);
        _appLog = new AppLog(Path.Combine(_data, "app.log"));
    }

    public static TheoryData<string, string, string, bool> Workers => new()
    {
        { "lua", "main.lua", """
            function work(key)
              log.info("start " .. key)
              kv.set(key, "v-" .. key)
              log.error("done")
              return kv.get(key)
            end
            """, true },
        { "node", "index.js", """
            const faas = require('faas');
            module.exports = {
              async work(key) {
                faas.log.info('start ' + key);
                await faas.kv.set(key, 'v-' + key);
                await new Promise((resolve) => setTimeout(resolve, 5));
                faas.log.error('done');
                return await faas.kv.get(key);
              },
            };
            """, false },
        { "py", "main.py", """
            import faas

            def work(key):
                faas.log.info("start " + key)
                faas.kv.set(key, "v-" + key)
                faas.log.error("done")
                return faas.kv.get(key)
            """, false },
        { "py", "main.py", """
            import faas

            def work(key):
                faas.log.info("start " + key)
                faas.kv.set(key, "v-" + key)
                faas.log.error("done")
                return faas.kv.get(key)
            """, true },
        { "rb", "main.rb", """
            require 'faas'

            def work(key)
              Faas.log.info("start #{key}")
              Faas.kv.set(key, "v-#{key}")
              Faas.log.error('done')
              Faas.kv.get(key)
            end
            """, false },
    };

    [Theory]
    [MemberData(nameof(Workers))]
    public async Task Call_UsingKvAndLog_AttributesLinesToItsExecution(string language, string script, string code, bool ordered)
    {
        var app = Directory.CreateDirectory(Path.Combine(_data, "app-" + language + ordered)).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, script), code, TestContext.Current.CancellationToken);
        await using var worker = StartWorker(language, app, ordered);

        var load = await worker.Channel.RequestAsync("load", w =>
        {
            w.WriteStartObject();
            w.WriteString("root", app);
            w.WriteStartArray("scripts");
            w.WriteStartObject();
            w.WriteString("name", script);
            w.WriteString("path", Path.Combine(app, script));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }, Timeout);
        Assert.False(load.IsError, load.Error?.Message);

        // Several calls at once: an ordered worker gets them queued behind the first while it waits for its replies.
        var calls = Enumerable.Range(1, 4).Select(i => worker.Channel.RequestAsync("call", w =>
        {
            w.WriteStartObject();
            w.WriteString("name", "work");
            w.WriteStartArray("args");
            w.WriteStringValue($"k{i}");
            w.WriteEndArray();
            w.WriteString("execution", $"ex_{i}");
            w.WriteEndObject();
        }, Timeout)).ToList();
        var replies = await Task.WhenAll(calls);

        for (var i = 1; i <= 4; i++)
        {
            var reply = replies[i - 1];
            Assert.False(reply.IsError, reply.Error?.Message);
            Assert.Equal($"\"v-k{i}\"", Encoding.UTF8.GetString(reply.Result.Span));
            Assert.Equal($"v-k{i}", _kv.Get("app", $"k{i}"));
            var lines = await _executions.WaitForAsync($"ex_{i}", 2);
            Assert.Equal([("info", $"start k{i}"), ("error", "done")], lines);
        }
    }

    private static CancellationToken Timeout
    {
        get
        {
            var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            return timeout.Token;
        }
    }

    private RunningWorker StartWorker(string language, string app, bool ordered)
    {
        var workers = Path.Combine(RepositoryRoot(), "src", "workers");
        var (file, args) = language switch
        {
            "lua" => ("lua5.4", new[] { Path.Combine(workers, "lua", "worker.lua") }),
            "node" => ("node", new[] { Path.Combine(workers, "node", "worker.js") }),
            "rb" => ("ruby", new[] { Path.Combine(workers, "ruby", "worker.rb") }),
            _ => (PythonPath, new[] { "-u", Path.Combine(workers, "python", "worker.py") }),
        };
        var start = new ProcessStartInfo(file) { WorkingDirectory = app, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        if (ordered)
        {
            start.Environment["FAAS_CONCURRENCY"] = "1";
        }
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _appLog.Write(language, e.Data); };
        process.BeginErrorReadLine();
        var channel = new RpcChannel(process.StandardInput.BaseStream, process.StandardOutput.BaseStream,
            line => _appLog.Write(language, line), () => Task.FromResult("exited"), _services.Bind("app", _appLog));
        return new RunningWorker(process, channel);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Faas.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("Faas.sln not found above the test binaries.");
    }

    private static string PythonPath =>
        File.Exists("/root/.pyenv/versions/3.11.7/bin/python3") ? "/root/.pyenv/versions/3.11.7/bin/python3" : "python3";

    public ValueTask DisposeAsync()
    {
        _appLog.Dispose();
        Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }

    private sealed record RunningWorker(Process Process, RpcChannel Channel) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Channel.Close("test over");
            if (!Process.WaitForExit(5000))
            {
                Process.Kill(entireProcessTree: true);
            }
            await Channel.DisposeAsync();
            Process.Dispose();
        }
    }

    private sealed class RecordingLog : IExecutionLog
    {
        private readonly ConcurrentQueue<(string Execution, string Level, string Message)> _lines = new();

        public void Append(string executionId, string level, string message, DateTimeOffset at) => _lines.Enqueue((executionId, level, message));

        public async Task<IReadOnlyList<(string Level, string Message)>> WaitForAsync(string execution, int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var lines = _lines.Where(l => l.Execution == execution).Select(l => (l.Level, l.Message)).ToList();
                if (lines.Count >= count)
                {
                    return lines;
                }
                await Task.Delay(20, timeout.Token);
            }
        }
    }
}
