using System.Diagnostics;
using System.Globalization;
using Faas.Core.Processes;

namespace Faas.Core.Tests.Processes;

/// <summary>Tools whose descendants outlive them or hold their output: the runner returns in bounded time and leaves nothing.</summary>
public sealed class ProcessRunnerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RunAsync_ReparentedGrandchildHoldsStdout_ReturnsAndKillsIt()
    {
        // The subshell exits at once: its sleep is re-parented to init, still holding stdout.
        var clock = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "(sleep 3201 & echo $!); echo done"], null, TimeSpan.FromMinutes(1),
            cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);
        clock.Stop();

        Assert.True(result.Succeeded, result.Tail(10));
        Assert.Contains("done", result.LastLines);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        await AssertGoneAsync(int.Parse(result.LastLines[0], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RunAsync_TimesOutWithGrandchild_ReturnsTimedOutAndKillsGroup()
    {
        var clock = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "(sleep 3202 & echo $!); sleep 3203"], null, TimeSpan.FromMilliseconds(500),
            cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);
        clock.Stop();

        Assert.True(result.TimedOut);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        await AssertGoneAsync(int.Parse(result.LastLines[0], CultureInfo.InvariantCulture));
        Assert.Empty(SleepsOf("3203"));
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_ThrowsWin32Exception()
    {
        await Assert.ThrowsAsync<System.ComponentModel.Win32Exception>(() => ProcessRunner.RunAsync("faas-no-such-tool", [], null, Bound,
            cancellationToken: TestContext.Current.CancellationToken)).WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_Tool_RunsAsLeaderOfItsOwnGroup()
    {
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "echo $$; ps -o pgid= -p $$"], null, Bound,
            cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Tail(10));
        Assert.Equal(result.LastLines[0].Trim(), result.LastLines[1].Trim());
    }

    private static async Task AssertGoneAsync(int pid)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (IsAlive(pid))
        {
            Assert.False(deadline.IsCancellationRequested, $"process {pid} is still running");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<int> SleepsOf(string seconds) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsAlive(pid) && ReadCommandLine(pid) == $"sleep\0{seconds}\0");

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }
}
