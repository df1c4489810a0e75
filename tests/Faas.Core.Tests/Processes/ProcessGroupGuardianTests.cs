using System.Diagnostics;
using Faas.Core.Processes;

namespace Faas.Core.Tests.Processes;

/// <summary>The shell that kills the server's process groups when the server dies (the end-to-end side is in the server tests).</summary>
public sealed class ProcessGroupGuardianTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Watch_GuardianKilled_NextGroupStartsANewOne()
    {
        await RunToolAsync();
        var first = ProcessGroupGuardian.ProcessId;
        Assert.NotNull(first);
        using (var guardian = Process.GetProcessById(first.Value))
        {
            guardian.Kill();
            await guardian.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);
        }

        await RunToolAsync();

        var second = ProcessGroupGuardian.ProcessId;
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
    }

    private static async Task RunToolAsync()
    {
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "exit 0"], null, Bound,
            cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Tail(10));
    }
}
