namespace Faas.Server.Tests.Infrastructure;

/// <summary>Any process, as <c>/proc</c> shows it: for checking that nothing a worker or an installer started is left.</summary>
public static class OsProcesses
{
    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var status = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = status.LastIndexOf(')');
            return afterName >= 0 && afterName + 2 < status.Length && status[afterName + 2] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Live processes whose command line is exactly <paramref name="arguments"/> (e.g. <c>sleep 3099</c>).</summary>
    public static IReadOnlyList<int> WithCommandLine(params string[] arguments)
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }
            try
            {
                var command = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (command.SequenceEqual(arguments) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        return found;
    }

    /// <summary>Waits until none of <paramref name="pids"/> is alive; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var remaining = pids.ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while ((remaining = remaining.Where(IsAlive).ToList()).Count > 0)
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Processes still running after {timeout.TotalSeconds:0} s: {string.Join(", ", remaining)}");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Waits until a live process has exactly this command line; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<int> WaitForAsync(TimeSpan timeout, params string[] arguments)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (WithCommandLine(arguments) is [var pid, ..])
            {
                return pid;
            }
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"No process '{string.Join(' ', arguments)}' within {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>
    /// Live processes with this command line once there are <paramref name="count"/> of them (a child just
    /// forked may not have exec'd yet), or whatever there is after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<IReadOnlyList<int>> WithCommandLineAsync(int count, TimeSpan timeout, params string[] arguments)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        var found = WithCommandLine(arguments);
        while (found.Count < count && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
            found = WithCommandLine(arguments);
        }
        return found;
    }
}
