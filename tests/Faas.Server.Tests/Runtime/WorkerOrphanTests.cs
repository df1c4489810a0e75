using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Storage;
using Faas.Core.Workers;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Runtime;

/// <summary>
/// Each real worker on its own, without the server's process groups: when the process that started
/// it dies (as the server does on <c>kill -9</c>) while a call spins, it exits by itself.
/// </summary>
public sealed class WorkerOrphanTests
{
    // Stands for the server: starts the worker on its own stdin (an asynchronous command would get /dev/null), then waits.
    private const string Parent = "exec 3<&0; \"$@\" <&3 3<&- & wait";

    public static TheoryData<string, string> Languages => new()
    {
        { "node", "contract.js" }, { "py", "contract.py" }, { "rb", "contract.rb" }, { "cs", "Contract.cs" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ParentKilled_CallSpinning_WorkerExits(string language, string script)
    {
        var app = TempDirectory.Create("faas-orphan");
        var worker = 0;
        try
        {
            foreach (var file in Directory.EnumerateFiles(Samples.PathOf(Path.Combine("contract", language))))
            {
                File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
            }
            var options = new WorkerOptions { PythonPath = Runtimes.Python };
            using var log = new AppLog(Path.Combine(app, "launch.log"));
            var manifest = new AppManifest(new Dictionary<string, IReadOnlyList<ScriptRef>> { [language] = [] });
            var launch = await new LanguageRuntimes(LanguageRegistry.Default, options, new DataLayout(app))
                .PrepareLaunchAsync(manifest, app, app, new Dictionary<string, string>(), log, TestContext.Current.CancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var command = launch.Worker(language).Start.Command;
            var start = new ProcessStartInfo("/bin/sh", ["-c", Parent, "sh", command.FileName, .. command.Arguments])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = app,
            };
            using var parent = Process.Start(start)!;
            var load = JsonSerializer.Serialize(new
            {
                jsonrpc = "2.0", id = 1, method = "load",
                @params = new { root = app, scripts = new[] { new { name = script, path = Path.Combine(app, script) } }, importPaths = Array.Empty<string>() },
            });
            await parent.StandardInput.WriteLineAsync(load);
            await parent.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            var reply = await parent.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
            Assert.Contains("\"handles\"", reply, StringComparison.Ordinal);
            worker = int.Parse(File.ReadAllText($"/proc/{parent.Id}/task/{parent.Id}/children").Trim(), CultureInfo.InvariantCulture);

            await parent.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"call","params":{"name":"spin","args":[]}}""");
            await parent.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            await Task.Delay(300, TestContext.Current.CancellationToken); // let the call start spinning
            parent.Kill();
            await parent.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            parent.StandardInput.Close();

            await OsProcesses.WaitUntilGoneAsync([worker], TimeSpan.FromSeconds(10));
        }
        finally
        {
            if (worker > 0 && OsProcesses.IsAlive(worker))
            {
                Process.GetProcessById(worker).Kill();
            }
            TempDirectory.Delete(app);
        }
    }
}
