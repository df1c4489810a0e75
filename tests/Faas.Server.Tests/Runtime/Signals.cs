using System.Diagnostics;

namespace Faas.Server.Tests.Runtime;

/// <summary>Sends a POSIX signal to one process (not its children), exactly as a user's <c>kill</c> does.</summary>
internal static class Signals
{
    public static async Task SendAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
    }
}
